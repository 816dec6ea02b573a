"""Warnings for a CV that mlfit probably misread: the reading is never silently wrong.

Each check looks at what was read (sections, blocks, roles, the words) and says what a user
should look at, with a stable code (README "Warnings"). ``--strict`` turns any of them, and the
readers' own (``little-text``, ``unmapped-glyphs``, ``no-headings``), into exit 3.
No spaCy here: the checks run on plain blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from . import lexicon
from .model import ParseWarning, Profile
from .sections import Block

# Reader and section warnings that mean the text itself came out wrong or incomplete.
READING_CODES = frozenset({"little-text", "few-lines", "unmapped-glyphs", "no-headings", "hidden-text"})
# The codes of this module.
MISREAD_CODES = frozenset(
    {"no-experience", "no-bullets", "roles-outside-experience", "bullets-outside-sections", "not-english", "not-a-cv", "unreadable-text"}
)
# What --strict fails on: every misread, and the readers' warnings that the text is incomplete.
STRICT_CODES = MISREAD_CODES | (READING_CODES - {"hidden-text"})

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_WORDS = 80  # below this, word shares say nothing (little-text speaks for itself)
_LANGUAGE_MARGIN = 1.5  # another language's function words must outnumber English ones this much
_MIN_CUES = 3  # distinct phrases of one kind of document
_LOOSE_BULLET_SHARE = 0.5
_MIN_BULLETS = 4
_GARBLED_SHARE = 0.3  # words of 4+ letters with no vowel: "Tpeutqx", what a font without ToUnicode gives

_FUNCTION_WORDS = {name: frozenset(words) for name, words in lexicon.grouped("function_words").items()}
_DOCUMENT_CUES = {kind: re.compile(rf"\b(?:{lexicon.alternation_of(cues)})\b") for kind, cues in lexicon.grouped("document_cues").items()}
# Sections that hold no dated entries with bullets (awards, activities and volunteering do).
_NO_ENTRY_SECTIONS = frozenset({"skills", "certifications", "summary", "clearance"})


def misread_warnings(blocks: Sequence[Block], profile: Profile) -> tuple[ParseWarning, ...]:
    text = "\n".join(b.text for b in blocks)
    words = [w.lower() for w in _WORD.findall(text)]
    out: list[ParseWarning] = []
    garbled = _garbled(words)
    if garbled:
        out.append(garbled)
    language = None if garbled else _language(words)
    if language:
        out.append(language)
    kind = _other_document(text.lower(), profile)
    if kind:
        out.append(kind)
    out += _structure(blocks, profile)
    return tuple(out)


_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüáíóúñåæø]")


def _garbled(words: list[str]) -> ParseWarning | None:
    long = [w for w in words if len(w) >= 4]
    if len(words) < _MIN_WORDS or not long:
        return None
    vowelless = sum(1 for w in long if not _VOWEL.search(w))
    if vowelless < _GARBLED_SHARE * len(long):
        return None
    return ParseWarning(
        "unreadable-text",
        f"{round(100 * vowelless / len(long))}% of the words read as letter salad: the file's fonts map their glyphs to the wrong "
        "characters; export the CV again (e.g. print to PDF from the original) or use its DOCX",
    )


def _language(words: list[str]) -> ParseWarning | None:
    if len(words) < _MIN_WORDS:
        return None
    counts = Counter(words)
    hits = {name: sum(counts[w] for w in vocab) for name, vocab in _FUNCTION_WORDS.items()}
    english = next(name for name in _FUNCTION_WORDS if name.startswith("en "))
    best = max(hits, key=lambda name: (hits[name], name == english))
    if best == english or hits[best] < _LANGUAGE_MARGIN * max(hits[english], 1):
        return None
    name = best.split(" ", 1)[1]
    return ParseWarning(
        "not-english",
        f"the text reads as {name}, not English; mlfit's rules and vocabulary are English, so its scores for this CV mean little",
    )


def _other_document(text: str, profile: Profile) -> ParseWarning | None:
    if profile.roles:
        return None  # dated positions: a CV, whatever else it says
    found = {kind: len(set(pattern.findall(text))) for kind, pattern in _DOCUMENT_CUES.items()}
    kind = max(found, key=lambda k: found[k])
    if found[kind] < _MIN_CUES:
        return None
    return ParseWarning("not-a-cv", f"this reads like a {kind}, not a CV (no dated roles, {found[kind]} {kind} phrases); scores assume a CV")


def _structure(blocks: Sequence[Block], profile: Profile) -> list[ParseWarning]:
    out = []
    names = {s.name for s in profile.sections if not s.empty}
    headed = any(b.kind == "heading" for b in blocks)
    if headed and "experience" not in names:
        out.append(
            ParseWarning(
                "no-experience",
                "no experience section was found: check its heading in `mlfit extract --text`; bullets elsewhere do not count as achievements",
            )
        )
    elif "experience" in names and not any(b.is_achievement for b in blocks if b.section == "experience"):
        out.append(
            ParseWarning(
                "no-bullets",
                "the experience section holds no bullets mlfit could read; skills and outcomes shown in it may be missed",
            )
        )
    stray = _dated_entries(blocks, _NO_ENTRY_SECTIONS)
    if stray:
        lines = ", ".join(f"L{b.line}" for b in stray[:3])
        out.append(
            ParseWarning(
                "roles-outside-experience",
                f"{len(stray)} dated entr{'y' if len(stray) == 1 else 'ies'} with bullets outside experience ({lines}): a heading may have been "
                "missed, so those roles and their bullets are not read as experience",
            )
        )
    bullets = [b for b in blocks if b.kind == "bullet"]
    loose = [b for b in bullets if b.section in ("header", "other")]
    if len(bullets) >= _MIN_BULLETS and len(loose) >= _LOOSE_BULLET_SHARE * len(bullets):
        out.append(
            ParseWarning(
                "bullets-outside-sections",
                f"{len(loose)} of {len(bullets)} bullets are in no known section (first at L{loose[0].line}); they earn no achievement credit",
            )
        )
    return out


def _dated_entries(blocks: Sequence[Block], sections: frozenset[str]) -> list[Block]:
    """Role lines in ``sections`` that bullets follow: an entry that landed there."""
    return [b for i, b in enumerate(blocks) if b.kind == "role" and b.section in sections and i + 1 < len(blocks) and blocks[i + 1].kind == "bullet"]
