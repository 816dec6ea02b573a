"""Skills: vocabulary hits gated by context, plus the skills-list long tail."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process, utils

from .. import lexicon
from ..model import Skill
from ..nlp.hits import Hit
from ..ruleset.vocab import VocabEntry
from ..sections import ACHIEVEMENT_SECTIONS, Block, is_contact_item, is_contact_line
from .memo import BlockMemo

_SEPARATORS = re.compile(r"\s*(?:[,;|•·▪/]|\s-\s|\band\b)\s*")
_LABEL_PREFIX = re.compile(r"^[^:]{2,40}:\s*")
FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 88


def is_list_line(text: str) -> bool:
    """'Python, SQL, Go' is a list; a sentence with one comma is not."""
    body = _LABEL_PREFIX.sub("", text)
    items = [i for i in _SEPARATORS.split(body) if i]
    return len(items) >= 3 and sum(len(i.split()) for i in items) / len(items) <= 3.0


def list_items(text: str) -> list[tuple[str, int, int]]:
    """Items of a skills line with their char spans."""
    prefix = _LABEL_PREFIX.match(text)
    offset = prefix.end() if prefix and len(prefix.group().split()) <= 4 else 0
    out = []
    for m in _LIST_ITEM.finditer(text[offset:]):
        raw = m.group()
        # "and Vue (admin dashboard)": the coordination's "and" and the qualifier in
        # parentheses are not part of the skill's name ("Python (primary)" is Python)
        kept = _TRAILING_CONJUNCTION.sub("", _QUALIFIER.sub("", _LEADING_CONJUNCTION.sub("", raw)))
        item = kept.strip(" .()[]-–")
        if item and item in raw:
            start = offset + m.start() + raw.index(item)
            out.append((item, start, start + len(item)))
    return out


_SOFT_SKILL = re.compile(rf"\b(?:{lexicon.alternation('soft_skill_words')})", re.IGNORECASE)  # rules/vocab/lexicon.yml
_SOFT_LABEL = re.compile(rf"\b(?:{lexicon.alternation('soft_skill_labels')})\b", re.IGNORECASE)
_STOP_WORDS = frozenset(lexicon.words("stop_words"))
_LIST_ITEM = re.compile(r"(?:\([^()]*\)?|[^,;|•·▪(])+")  # a separator inside parentheses splits nothing
_LEADING_CONJUNCTION = re.compile(r"^\s*(?:and|or|&)\s+", re.IGNORECASE)
_TRAILING_CONJUNCTION = re.compile(r"\s+(?:and|or|&)\s*$", re.IGNORECASE)  # "Data Structures and" at a line's end
_QUALIFIER = re.compile(r"\s*\([^()]*(?:\)|$)")


def extract_skills(
    blocks: Sequence[Block],
    hits: Sequence[Hit],
    vocab: dict[str, VocabEntry],
    not_skills: frozenset[str] = frozenset(),
    fuzzy: FuzzyIndex | None = None,
    memo: BlockMemo | None = None,
) -> tuple[Skill, ...]:
    """Vocabulary hits gated by their flags, plus every other item of a skills list.

    ``not_skills`` (rules/vocab/profile.yml) are group labels ("Languages", "Tools")
    and spoken languages: listed under Skills, never a technical skill. What a block
    yields depends on that block and its hits alone, so ``memo`` (an Engine's) keeps it:
    re-scoring a rewrite changes one block and reads the others from there.
    """
    fuzzy = fuzzy if fuzzy is not None else FuzzyIndex(vocab.values())  # an Engine keeps one for all its CVs
    by_block: dict[int, list[Hit]] = {}
    for hit in hits:
        by_block.setdefault(hit.block, []).append(hit)
    per_block: list[tuple[Block, _BlockSkills]] = []
    for index, block in enumerate(blocks):
        block_hits = by_block.get(index, ())
        if not block_hits and not _lists_items(block):
            continue
        key = (block, tuple(h[:2] + h[3:] for h in block_hits))  # the hits without their block index
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = _block_skills(block, block_hits, vocab, not_skills, fuzzy)
            if memo is not None:
                memo.put(key, found)
        per_block.append((block, found))

    found_skills: dict[str, dict] = {}

    def add(skill_id: str, label: str, category: str, block: Block, recognised: bool) -> None:
        rec = found_skills.setdefault(
            skill_id, {"label": label, "category": category, "listed": False, "demo": False, "lines": set(), "recognised": recognised}
        )
        rec["lines"].add(block.line)
        if block.section == "skills":
            rec["listed"] = True
        if block.is_achievement or block.kind == "tools" or _describes_an_entry(block):
            rec["demo"] = True  # used in an entry: its bullets, its own "Stack: ..." line, its prose

    # every vocabulary hit first, then the list items: a known name's label beats an item's spelling
    for stage in (0, 1):
        for block, found in per_block:
            for skill_id, label, category, recognised in found[stage]:
                add(skill_id, label, category, block, recognised)
    # a platform's service names the platform too: Amazon S3 in a bullet shows AWS in that bullet
    for skill_id in list(found_skills):
        entry = vocab.get(skill_id)
        parent = vocab.get(entry.parent) if entry is not None and entry.parent else None
        if parent is not None:
            child = found_skills[skill_id]
            rec = found_skills.setdefault(
                parent.id, {"label": parent.label, "category": parent.category, "listed": False, "demo": False, "lines": set(), "recognised": True}
            )
            rec["lines"] |= child["lines"]
            rec["listed"] = rec["listed"] or child["listed"]
            rec["demo"] = rec["demo"] or child["demo"]
    return tuple(
        Skill(sid, r["label"], r["category"], r["listed"], r["demo"], r["recognised"], tuple(sorted(r["lines"])))
        for sid, r in sorted(found_skills.items(), key=lambda kv: (min(kv[1]["lines"]), kv[0]))
    )


_Found = tuple[tuple[str, str, str, bool], ...]  # (skill id, label, category, recognised)
_BlockSkills = tuple[_Found, _Found]  # from vocabulary hits, from the items of a list


def _lists_items(block: Block) -> bool:
    return (block.section == "skills" and block.kind != "heading") or block.kind == "tools"


def _block_skills(block: Block, hits: Sequence[Hit], vocab: dict[str, VocabEntry], not_skills: frozenset[str], fuzzy: FuzzyIndex) -> _BlockSkills:
    from_hits: list[tuple[str, str, str, bool]] = []
    covered: list[tuple[int, int]] = []
    if hits and block.kind not in ("heading", "role") and not is_contact_line(block):
        # a contact line names no skill: "GitHub" in "LinkedIn | GitHub | jordan@example.com" is a link
        in_list = block.section == "skills" or block.kind == "tools" or is_list_line(block.text)
        for hit in hits:
            entry = vocab.get(hit.key)
            if entry is None:
                continue
            if entry.list_only and not in_list and not _coordinated(hit, hits, vocab, block.text):
                continue
            if hit.next.lower() in entry.not_followed_by or hit.prev.lower() in entry.not_preceded_by:
                continue
            covered.append((hit.start, hit.end))
            from_hits.append((entry.id, entry.label, entry.category, True))
    from_items: list[tuple[str, str, str, bool]] = []
    if _lists_items(block):
        label = _LABEL_PREFIX.match(block.text)
        soft_line = bool(label and _SOFT_LABEL.search(label.group()))  # "Soft skills: ...", "Interpersonal: ..."
        for item, start, end in list_items(block.text):
            if any(s < end and start < e for s, e in covered) or len(item.split()) > 4 or len(item) > 40:
                continue
            if item.lower().rstrip(":") in not_skills or is_contact_item(item):
                continue
            match = fuzzy.match(item) if len(item) >= FUZZY_MIN_CHARS else None
            if match is not None:
                from_items.append((match.id, match.label, match.category, True))
            elif re.search(r"[A-Za-z]", item) and not soft_line and not _SOFT_SKILL.search(item) and item.lower() not in _STOP_WORDS:
                from_items.append(("unrecognised:" + _slug(item), item, "other", False))
    return tuple(from_hits), tuple(from_items)


_PROSE_WORDS = 6  # an entry's description, not its title line ("QuizApp  Fullstack Development")


def _describes_an_entry(block: Block) -> bool:
    """A paragraph that describes a job or project in prose instead of bullets."""
    return block.kind == "text" and block.section in ACHIEVEMENT_SECTIONS and len(block.text.split()) >= _PROSE_WORDS


_COORDINATOR = re.compile(r"\s*(?:,|/|&|and|or|,\s*and|,\s*or)\s*")


def _coordinated(hit: Hit, hits: Sequence[Hit], vocab: dict[str, VocabEntry], text: str) -> bool:
    """ "in Go and Python", "SAS, R": a short name coordinated with a name that needs no context."""
    for other in hits:
        entry = vocab.get(other.key)
        if other.block != hit.block or other is hit or entry is None or entry.list_only:
            continue
        between = text[hit.end : other.start] if other.start >= hit.end else text[other.end : hit.start]
        if _COORDINATOR.fullmatch(between):
            return True
    return False


class FuzzyIndex:
    """The vocabulary's longer names for rapidfuzz, and what each skills-list item matched: the
    same items recur in every re-scored rewrite of a CV and across the CVs of a batch."""

    def __init__(self, entries: Iterable[VocabEntry]):
        self.names: list[str] = []
        self.owners: list[VocabEntry] = []
        self._seen: dict[str, VocabEntry | None] = {}
        for entry in entries:
            if entry.case_sensitive or entry.list_only:
                continue  # short, ambiguous names are exactly what fuzzy matching gets wrong
            for name in entry.names:
                if len(name) >= FUZZY_MIN_CHARS:
                    self.names.append(name)
                    self.owners.append(entry)

    def match(self, item: str) -> VocabEntry | None:
        if item not in self._seen:
            if len(self._seen) > 50_000:
                self._seen.clear()
            found = process.extractOne(item, self.names, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=FUZZY_CUTOFF)
            self._seen[item] = self.owners[found[2]] if found else None
        return self._seen[item]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
