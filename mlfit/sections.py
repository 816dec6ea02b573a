"""Heading detection and logical blocks.

A PDF hard-wraps a bullet over two or three lines; matching a phrase like "drift
detection" must not depend on where the line broke. So the unit every later stage
works on is a *block*: a heading, a role line, or a bullet with its continuation
lines joined. A block keeps the number of its first line, which is what a user
sees as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .dates import DATE_RANGE
from .model import HINT_BULLET, HINT_HEADING, Line, ParseWarning, Section

# Canonical section -> headings as people write them (compared after normalisation), and the
# head nouns that name the section of an unknown heading in capitals: rules/vocab/lexicon.yml.
HEADINGS: dict[str, tuple[str, ...]] = lexicon.headings()
_HEADING_LOOKUP = {h: name for name, hs in HEADINGS.items() for h in hs}
_HEAD_NOUNS = lexicon.head_nouns()
_TOOL_LINE_LABELS = frozenset(lexicon.words("tool_line_labels"))

# Sections whose bullets are achievements (the article's "shipped a system" stories).
ACHIEVEMENT_SECTIONS = frozenset({"experience", "projects"})

_END_PUNCT = (".", "!", "?", ";")
MAX_BULLET_CHARS = 1_000


@dataclass(frozen=True)
class Block:
    line: int  # first line number
    end_line: int
    text: str
    section: str
    kind: str  # heading | bullet | role | tools (an entry's own "Stack: ..." line) | text
    joins: tuple[int, ...] = ()  # where each continuation line starts in ``text``

    @property
    def is_achievement(self) -> bool:
        return self.kind == "bullet" and self.section in ACHIEVEMENT_SECTIONS

    def line_at(self, offset: int) -> int:
        """The physical line that holds character ``offset`` of the joined text."""
        return self.line + sum(1 for j in self.joins if j <= offset)


def normalise_heading(text: str) -> str:
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# Only words made of letters (and the joiners of a compound heading) can be a heading's words.
_HEADING_CHARS = re.compile(r"^[^\W\d_][\w&/|+'’.:()\- ]*$")
_CONJUNCTS = re.compile(r"\s*(?:&|/|\||\band\b|\+)\s*", re.IGNORECASE)
_MINOR_WORDS = frozenset({"and", "of", "the", "in", "for", "to", "on", "at", "with", "a", "an", "my", "i", "ve", "s"})
_SPACED = {h.replace(" ", ""): name for h, name in _HEADING_LOOKUP.items()}
CONTACT_HEADINGS = frozenset(normalise_heading(h) for h in lexicon.words("contact_headings"))


def heading_name(line: Line) -> str | None:
    """The canonical section a line opens, or None if it is not a heading."""
    found = heading_evidence(line)
    return found[0] if found else None


def heading_evidence(line: Line) -> tuple[str, str] | None:
    """(section, how it was known) for a heading line: ``listed`` (a phrase of the vocabulary),
    ``styled`` (the head noun of a line set as a heading: capitals, Title Case or the format's
    heading style), ``plain`` (the head noun of a short line in sentence case), ``hint`` (the
    format says heading, the words say nothing: an "other" section)."""
    text = line.text.strip()
    if not text or len(text) > 60:
        return None
    key = normalise_heading(text)
    if key in _HEADING_LOOKUP:
        return _HEADING_LOOKUP[key], "listed"
    words = key.split()
    if len(words) > 2 and sum(len(w) for w in words) / len(words) <= 2.5:
        # letter-spacing that survived ingest: "e d u cat i o n", "PRO FES S ION A L E X PER I ENC E"
        spaced = key.replace(" ", "")
        if spaced in _SPACED:
            return _SPACED[spaced], "listed"
    hinted = line.hint == HINT_HEADING
    if 0 < len(words) <= 6 and _HEADING_CHARS.match(text) and not text.endswith((".", ";", ",")):
        shouting = _shouting(text)
        raw_words = re.findall(r"[^\W\d_][\w'’]*", text)
        title_case = all(w[0].isupper() for w in raw_words if w.lower() not in _MINOR_WORDS)
        sentence_case = text[0].isupper() and len(words) <= 4
        if hinted or shouting or title_case or sentence_case:
            name = _head_noun_section(text)
            if name is not None:
                return name, "styled" if hinted or shouting or title_case else "plain"
    if hinted:
        return "other", "hint"
    return None


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)  # survives "ENGiNEERiNG"


def _head_noun_section(text: str) -> str | None:
    """The section named by the head noun of the first part of a (compound) heading that has one."""
    if text.count("|") >= 2:
        return None  # "Project | Technologies | Impact": a table's header row
    for part in _CONJUNCTS.split(text.rstrip(":")):
        words = normalise_heading(part).split()
        for head in (" ".join(words[-2:]), words[-1] if words else ""):
            if head in _HEAD_NOUNS:
                return _HEAD_NOUNS[head]
    return None


_INLINE_SEPARATOR = re.compile(r":|\s[•·|–—]\s")


def inline_heading(text: str) -> tuple[str, str] | None:
    """(section, heading as written) of a line that starts with its own heading: 'Skills: Python,
    SQL', 'Overview • Ships models ...'."""
    m = _INLINE_SEPARATOR.search(text)
    if m is None or not text[m.end() :].strip():
        return None
    head = text[: m.start()].strip()
    name = _HEADING_LOOKUP.get(normalise_heading(head))
    return (name, head) if name in {"skills", "certifications", "clearance", "summary"} else None


_CONTACT = re.compile(rf"@|https?://|www\.|\b(?:{lexicon.alternation('contact_words')})\b\.?|\b\d{{5}}(?:-\d{{4}})?\b")
_PROFILE_LINK = re.compile(rf"\b(?:{lexicon.alternation('profile_link_words')})\b", re.IGNORECASE)


def is_contact_line(block: Block) -> bool:
    """A header line of contact details: an email, a URL, a street address or zip code, or
    the names of profile links ("LinkedIn | GitHub"). It holds no skill and no outcome."""
    return block.section == "header" and (_CONTACT.search(block.text) is not None or _PROFILE_LINK.search(block.text) is not None)


_CONTACT_ITEM = re.compile(r"@|https?:|//|www\.|\.(?:com|io|org|net|dev)\b|\+?\d[\d\s().-]{7,}\d")


def is_contact_item(text: str) -> bool:
    """An email, a URL or a phone number: a sidebar's contact block printed under a skills
    heading is still contact details, never an (unrecognised) skill."""
    return _CONTACT_ITEM.search(text) is not None


def is_role_line(text: str) -> bool:
    return bool(DATE_RANGE.search(text))


def split_sections(lines: tuple[Line, ...]) -> tuple[tuple[Section, ...], tuple[Block, ...], tuple[ParseWarning, ...]]:
    sections: list[Section] = []
    blocks: list[Block] = []
    current, heading_text, body_start = "header", "", 1
    found_heading = False

    def close(end: int) -> None:
        # A heading with nothing under it is still reported (empty), so that a user sees
        # that it was read and where its content went missing.
        if end >= body_start or heading_text:
            sections.append(Section(current, heading_text, body_start, max(end, body_start - 1)))

    has_bullet_hints = any(line.hint == HINT_BULLET for line in lines)
    for index, line in enumerate(lines):
        found = heading_evidence(line)
        if found and found[1] != "listed" and line.hint == HINT_BULLET:
            found = None  # "- Graduated with honors" is a list item that ends in a heading's noun
        name = found[0] if found else None
        if found and _part_of_an_entry(lines, index, found[1], blocks, current):
            name = None  # "Bright Horizons Education" under a role line is an employer, not a heading
        if (
            name in ("other", "skills")
            and current == "skills"
            and line.hint != HINT_HEADING
            and not (found and _opens_inside_skills(found, line.text))
        ):
            name = None  # "Languages:", "Tools" inside a skills block are labels, not new sections
        if name is not None and not (name == "other" and not found_heading and line.no <= 2):
            close(line.no - 1)
            current, heading_text, body_start, found_heading = name, line.text.strip(), line.no + 1, True
            blocks.append(Block(line.no, line.no, line.text.strip(), name, "heading"))
            continue
        if current in ACHIEVEMENT_SECTIONS and _labelled_tool_line(line.text):
            blocks.append(Block(line.no, line.no, line.text.strip(), current, "tools"))  # "Built with: Flask, Vue"
            continue
        inline = inline_heading(line.text)
        if inline and _a_tool_line(inline[1], inline[0], current, lines, index):
            blocks.append(Block(line.no, line.no, line.text.strip(), current, "tools"))
            continue
        if inline and current in ACHIEVEMENT_SECTIONS and _entries_follow(lines, index):
            inline = None  # "Summary: ..." of a project with more entries after it
        if inline and inline[0] != current:
            close(line.no - 1)
            (current, heading_text), body_start, found_heading = inline, line.no, True
        blocks.append(_classify(line, current, has_bullet_hints))
    close(lines[-1].no if lines else 0)

    merged = _merge_continuations(blocks)
    if not found_heading and lines:
        # Without headings nothing is known about where experience sits; treat the
        # body as experience so that bullets still count, and say so.
        merged = [
            Block(b.line, b.end_line, b.text, "experience", b.kind if b.kind != "text" or len(b.text.split()) < 6 else "bullet", b.joins)
            for b in merged
        ]
        sections = [Section("experience", "", lines[0].no, lines[-1].no)]
    warnings = []
    if lines and not found_heading:
        warnings.append(ParseWarning("no-headings", "no section headings found; every line was read as experience"))
    return tuple(sections), tuple(merged), tuple(warnings)


def _opens_inside_skills(found: tuple[str, str], text: str) -> bool:
    """A heading that ends a skills list rather than labelling a group of it: one in capitals
    or styled as a heading, "Soft Skills" (Title Case, no colon) after the technical ones, or
    a contact block's heading ("Contact" in a sidebar is never a group of skills)."""
    kind, how = found
    if normalise_heading(text) in CONTACT_HEADINGS:
        return True
    return how == "styled" and (_shouting(text) or (kind == "skills" and not text.rstrip().endswith(":")))


def _a_tool_line(label: str, section: str, current: str, lines: tuple[Line, ...], index: int) -> bool:
    """ "Stack: Flask, Vue" under a role is that role's tool line, not a Skills section: by its
    label, or because more entries follow it before the next heading."""
    if section != "skills" or current not in ACHIEVEMENT_SECTIONS:
        return False
    return normalise_heading(label) in _TOOL_LINE_LABELS or _entries_follow(lines, index)


def _labelled_tool_line(text: str) -> bool:
    """An entry's own tool line by its label, whatever else the label could head: "Tech stack: ...",
    "Built with: ...", a JSON Resume entry's "Keywords: ..."."""
    label, colon, rest = text.partition(":")
    return bool(colon and rest.strip() and len(label) <= 30 and normalise_heading(label) in _TOOL_LINE_LABELS)


def _entries_follow(lines: tuple[Line, ...], index: int) -> bool:
    """Whether a dated line comes after ``index`` before the next heading."""
    for line in lines[index + 1 :]:
        if heading_evidence(line) is not None:
            return False
        if is_role_line(line.text):
            return True
    return False


def _part_of_an_entry(lines: tuple[Line, ...], index: int, how: str, blocks: list[Block], section: str) -> bool:
    """A heading not known by its listed phrase that the lines around it place inside an entry.

    * Known by its head noun (``styled``, ``plain``): just under a dated role line of an
      experience or projects section it is the employer ("Bright Horizons Education"; under a
      school's dates the next heading often follows); in sentence case, it may be the tail of a
      bullet that wrapped. Being followed by a role line says nothing: headings are.
    * Known only by its style (``hint``): a DOCX template sets job titles, employers and dates in
      Heading 2. It is an entry line when it holds dates, comes straight under a section heading,
      or sits next to a dated line in a section of entries.
    """
    line = lines[index]
    if how == "hint":
        if is_role_line(line.text) or (blocks and blocks[-1].kind == "heading"):
            return True
        if section not in ACHIEVEMENT_SECTIONS | {"education"}:
            return False
        return any(is_role_line(lines[i].text) for i in (index - 1, index + 1) if 0 <= i < len(lines))
    if how == "listed" or line.hint == HINT_HEADING:
        return False
    if section in ACHIEVEMENT_SECTIONS and index > 0 and is_role_line(lines[index - 1].text) and heading_name(lines[index - 1]) is None:
        return not _shouting(line.text)
    return how == "plain" and bool(blocks) and blocks[-1].kind == "bullet" and _wrapped(blocks[-1].text)


_WRAP_CHARS = 50  # a bullet line this long without an ending stop most likely wrapped onto the next line


def _wrapped(text: str) -> bool:
    return len(text) >= _WRAP_CHARS and not text.endswith(_END_PUNCT)


def _classify(line: Line, section: str, has_bullet_hints: bool) -> Block:
    text = line.text.strip()
    if line.hint == HINT_BULLET and not _dated_entry_line(text):
        kind = "bullet"
    elif is_role_line(text) and len(text.split()) <= 20:
        kind = "role"
    elif section in ACHIEVEMENT_SECTIONS and not has_bullet_hints and len(text.split()) >= 6:
        kind = "bullet"  # bullet glyphs were lost in extraction: sentence-like lines are the bullets
    else:
        kind = "text"
    return Block(line.no, line.no, text, section, kind)


_ENTRY_LINE_WORDS = 12


def _dated_entry_line(text: str) -> bool:
    """A list item that is an entry's title line, not an achievement: short, dated, no sentence
    ("• Examplecorp (ML Engineer) June 2021 - July 2023", as some templates set every line)."""
    m = DATE_RANGE.search(text)
    if m is None or len(text.split()) > _ENTRY_LINE_WORDS or text.endswith(_END_PUNCT):
        return False
    if text[: m.start()].rstrip().endswith("("):
        # "ML Engineer at Examplecorp (Feb 2021 – Present)" ends on its dates; "... wars (1945-2012),
        # ..." names a period the bullet talks about
        return not text[m.end() :].strip(" )")
    # an entry line sets its dates at an edge: "2021 – 2023 Examplecorp", "Examplecorp June 2021 - July 2023 · Remote"
    return not text[: m.start()].strip() or len(text[m.end() :].split()) <= 3


_DURATION_NOTE = re.compile(r"·?\s*\d+\s*(?:yrs?|years?)(?:\s*\d+\s*mos?)?|·?\s*\d+\s*mos?\b", re.IGNORECASE)


def _date_only(text: str) -> bool:
    rest = _DURATION_NOTE.sub("", DATE_RANGE.sub("", text))
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 1


def _joins_role(prev: Block, block: Block) -> bool:
    """A role line that a PDF, a table or a LinkedIn export split over two lines.

    "Staff ML Engineer — Halcyon · Seattle, WA · Mar" + "2021 – Present";
    "Senior ML Engineer" + "Mar '21 – Present · 5 yrs 4 mos";
    "Jun 2020 – Aug 2020" + "Analytics Intern, Tern Insurance".
    """
    if prev.section != block.section or prev.section not in ACHIEVEMENT_SECTIONS or block.line != prev.end_line + 1:
        return False
    if "bullet" in (prev.kind, block.kind) or len(prev.text.split()) > 24 or len(block.text.split()) > 24:
        return False
    joined = f"{prev.text} {block.text}"
    if prev.kind == "text" and block.kind == "text":
        return is_role_line(joined)
    if prev.kind == "text" and block.kind == "role":
        return _date_only(block.text) or prev.text.rstrip().endswith((",", "—", "–", "-", "·", "|"))
    if prev.kind == "role" and block.kind == "text":
        return _date_only(prev.text) and not is_role_line(block.text)
    return False


_ENTRY_HEAD_LINES = 2  # title and employer above a dated line
_ENTRY_HEAD_WORDS = 8
_TRAILING_JOINER = re.compile(r"(?:[,(/&+-]|\b(?:and|or|of|the|in|for|to|on|at|with|using|via|from|by|a|an))$", re.IGNORECASE)


def _entry_heads(blocks: list[Block]) -> set[int]:
    """Indexes of the short lines right above a dated line: the title and employer of the next
    entry ("Field Service Technician" / "Examplecorp" / "Aug 2024 – Aug 2025"), which the bullet
    above must not swallow as its wrapped tail. A bullet or tool line that stops on a joining word
    ("using", ",") does continue onto the next line."""
    heads: set[int] = set()
    for j, block in enumerate(blocks):
        if block.kind != "role":
            continue
        for k in range(j - 1, max(-1, j - 1 - _ENTRY_HEAD_LINES), -1):
            text = blocks[k].text
            if blocks[k].kind != "text" or len(text.split()) > _ENTRY_HEAD_WORDS or text[:1].islower() or text.endswith(_END_PUNCT):
                break
            above = blocks[k - 1] if k else None
            if above is not None and above.kind in ("bullet", "tools") and _TRAILING_JOINER.search(above.text.rstrip()):
                break
            heads.add(k)
    return heads


def _continues_tool_line(tools: Block, block: Block) -> bool:
    """ "Stack: Python, Flask, Vue," + "Firebase, Supabase": a tool line that wrapped."""
    if block.kind != "text" or block.section != tools.section or block.line != tools.end_line + 1:
        return False
    text = block.text
    return tools.text.rstrip().endswith((",", "&", " and")) or text[:1].islower() or ("," in text and not text.endswith(_END_PUNCT))


def _merge_continuations(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    heads = _entry_heads(blocks)
    for index, block in enumerate(blocks):
        prev = merged[-1] if merged else None
        if prev is not None and _joins_role(prev, block):
            merged[-1] = Block(prev.line, block.line, f"{prev.text} {block.text}", prev.section, "role")
            continue
        if prev is not None and prev.kind == "tools" and _continues_tool_line(prev, block) and index not in heads:
            joins = prev.joins + (len(prev.text) + 1,)
            merged[-1] = Block(prev.line, block.line, f"{prev.text} {block.text}", prev.section, "tools", joins)
            continue
        if (
            prev is not None
            and block.kind == "text"
            and index not in heads
            and prev.kind == "bullet"
            and prev.section == block.section
            and block.line == prev.end_line + 1
            and len(prev.text) < MAX_BULLET_CHARS  # a wall of text is not one bullet
            and (not prev.text.endswith(_END_PUNCT) or block.text[:1].islower())
        ):
            joined = prev.text + block.text if prev.text.endswith("-") else f"{prev.text} {block.text}"
            joins = prev.joins + (len(joined) - len(block.text),)
            merged[-1] = Block(prev.line, block.line, joined, prev.section, "bullet", joins)
            continue
        merged.append(block)
    return merged
