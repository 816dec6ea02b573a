"""Dated roles and years of experience: each role read with its entry lines (title, employer,
kind of position), ranges parsed, overlaps merged, only full-time months counted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import lexicon
from ..dates import DATE_RANGE, MONTH_NUMBERS
from ..model import Role
from ..sections import Block

# Time-frame, role-kind and title words: rules/vocab/lexicon.yml.
_OPEN_END = re.compile(rf"\b(?:{lexicon.alternation('time_frame_words')})\b", re.IGNORECASE)
_KIND_WORDS = tuple((kind, re.compile(rf"\b(?:{lexicon.alternation_of(words)})\b", re.IGNORECASE)) for kind, words in lexicon.role_kinds().items())
_DOCTORAL = re.compile(rf"\b(?:{lexicon.alternation('doctoral_words')})(?!\w)", re.IGNORECASE)
_TITLE = re.compile(rf"\b(?:{lexicon.alternation('title_words')})\b", re.IGNORECASE)
FULL_TIME = "full-time"
NOT_A_POSITION = "break"
# Where an entry line splits into title, employer and place: "Title, Employer | City" ...
_PARTS = re.compile(r"\s*(?:[|·•,;@]|\s[–—-]\s|\bat\b|\(|\))\s*")
_CITY_STATE = re.compile(rf"\b[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){{0,3}},\s*(?:{lexicon.alternation('us_states')})\b(?:,?\s*USA?\b)?")
_PLACE = re.compile(rf"^(?:remote|hybrid|on-?site)\b|\b(?:{lexicon.alternation('us_states')})$|\bremote\b", re.IGNORECASE)
# Only experience sections hold positions: course projects, theses and clubs under Projects
# have dates too. "header" is the CV whose experience comes before any heading. An entry under
# Education is a position when its words say so (a job title, no degree) and bullets follow:
# a text-box layout or a missed heading put it there; one under Projects when it names a kind
# of position other than full-time (internships listed with the side projects).
ROLE_SECTIONS = frozenset({"experience", "header"})
_MAYBE_ROLE_SECTIONS = frozenset({"education", "projects"})
_DEGREE = re.compile(rf"\b(?:{lexicon.alternation('degree_words')})(?!\w)", re.IGNORECASE)
_FIRST_DEGREE = re.compile(rf"\b(?:{lexicon.alternation('first_degree_words')})(?!\w)", re.IGNORECASE)
_ENTRY_CONTEXT = 3  # entry lines read around a dated line: title, employer, place
_SIDE = re.compile(r"[-–—→]|\bto\b|\buntil\b", re.IGNORECASE)
# Seniority bands as the article gives them: early 0–2, mid 3–6, senior 7+.
BANDS = ((7.0, "senior"), (3.0, "mid"), (0.0, "early"))


def _parse_point(text: str, as_of: dt.date, *, is_end: bool) -> tuple[int, int] | None:
    text = text.strip().lower()
    if _OPEN_END.fullmatch(text) or _OPEN_END.search(text):
        return as_of.year, as_of.month
    m = re.match(r"([a-z]{3})[a-z]*\.?\s*'?(\d{2,4})", text)
    if m and m.group(1) in MONTH_NUMBERS:
        return _year(m.group(2), as_of), MONTH_NUMBERS[m.group(1)]
    m = re.match(r"(\d{1,2})/(\d{2,4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return _year(m.group(2), as_of), int(m.group(1))
    m = re.match(r"((?:19|20)\d{2})", text)
    if m:
        # A bare year is somewhere in that year: the middle keeps the error at ±6 months.
        return int(m.group(1)), 7 if not is_end else 6
    return None


def _year(text: str, as_of: dt.date) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year <= as_of.year % 100 + 1 else 1900
    return year


def parse_range(text: str, as_of: dt.date) -> tuple[tuple[int, int], tuple[int, int]] | None:
    m = DATE_RANGE.search(text)
    if not m:
        return None
    parts = _SIDE.split(m.group(), maxsplit=1)
    if len(parts) != 2:
        return None
    start = _parse_point(parts[0], as_of, is_end=False)
    end = _parse_point(parts[1], as_of, is_end=True)
    if not start or not end:
        return None
    cap = (as_of.year, as_of.month)
    end = min(end, cap)
    if start > end or start[0] < 1960:
        return None
    return start, end


Entry = tuple[Block, list[Block], bool]  # a dated line, its entry lines, whether bullets follow


def roles_from_blocks(blocks: Sequence[Block], as_of: dt.date, entries: Sequence[Entry] | None = None) -> tuple[Role, ...]:
    """The positions among the dated entries (``dated_entries(blocks)``, computed once by the caller)."""
    roles = []
    for block, context, has_bullets in entries if entries is not None else dated_entries(blocks):
        parsed = parse_range(block.text, as_of)
        if not parsed:
            continue
        entry = [DATE_RANGE.sub(" ", block.text).strip(" |,–—-·")] + [b.text for b in context]
        kind = role_kind(" | ".join(entry))
        if block.section == "projects" and kind == FULL_TIME:
            continue  # a dated project; "Summer internships 2015 – 2018" under Projects is a position
        if block.section == "education" and not (has_bullets and _names_a_position(entry)):
            continue
        if kind == NOT_A_POSITION:
            continue
        (sy, sm), (ey, em) = parsed
        months = (ey - sy) * 12 + (em - sm) + 1
        title, employer = _title_and_employer(entry)
        roles.append(Role(title, block.line, f"{sy:04d}-{sm:02d}", f"{ey:04d}-{em:02d}", months, kind == "internship", kind, employer))
    return tuple(roles)


def role_kind(entry_text: str) -> str:
    """The kind of position an entry's words name; full-time when they name none."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(entry_text):
            return kind
    return FULL_TIME


def _names_a_position(entry: list[str]) -> bool:
    return any(_TITLE.search(text) for text in entry) and not any(_DEGREE.search(text) for text in entry)


def dated_entries(blocks: Sequence[Block]) -> list[Entry]:
    """Each dated line of an experience section with the entry lines that belong to it.

    An entry is the run of lines between one role's bullets and the next's. With one dated line
    in a run, the other lines are its title, employer and place. With several (a compact list
    without bullets), a run that starts with a plain line writes each entry's lines above its
    dates ("Senior ML Engineer" / "Examplecorp · 2021 – Present"), one that starts with a dated
    line writes them below. The flag says whether bullets follow the entry.
    """
    out: list[tuple[Block, list[Block], bool]] = []
    run: list[Block] = []
    sections = ROLE_SECTIONS | _MAYBE_ROLE_SECTIONS

    def flush(next_block: Block | None) -> None:
        bullets = next_block is not None and next_block.kind == "bullet" and bool(run) and next_block.section == run[-1].section
        dated = [i for i, b in enumerate(run) if b.kind == "role"]
        if not dated:
            return
        if len(dated) == 1:
            i = dated[0]
            out.append((run[i], _nearest(run[:i], run[i + 1 :]), bullets))
        else:
            above = dated[0] > 0
            bounds = [-1, *dated, len(run)]
            for n, i in enumerate(dated):
                lines = run[bounds[n] + 1 : i] if above else run[i + 1 : bounds[n + 2]]
                out.append((run[i], _nearest(lines if above else [], [] if above else lines), bullets and n == len(dated) - 1))
        run.clear()

    for block in blocks:
        if block.section not in sections or block.kind in ("bullet", "heading"):
            flush(block)
            continue
        if run and run[-1].section != block.section:
            flush(None)
        run.append(block)
    flush(None)
    return out


def _nearest(above: list[Block], below: list[Block]) -> list[Block]:
    """The entry lines nearest the dated line, those under it first (where the title usually sits
    when the dates lead), then those over it, at most a few."""
    return (below[:_ENTRY_CONTEXT] + above[::-1][:_ENTRY_CONTEXT])[:_ENTRY_CONTEXT]


def _title_and_employer(entry: list[str]) -> tuple[str, str]:
    """The part of the entry lines that names a job title, and the employer: the first other
    part of the title's own line, else of the other lines, that is neither a place nor a
    duration. The dated line without its dates is the title when no part names one."""
    lines = [[part for part in _PARTS.split(_CITY_STATE.sub(" | ", text)) if re.search(r"[A-Za-z]{2}", part)] for text in entry]
    at = next((i for i, parts in enumerate(lines) if any(_TITLE.search(part) for part in parts)), None)
    if at is None:
        return entry[0] or next((t for t in entry if t), ""), ""
    title = next(part for part in lines[at] if _TITLE.search(part))
    others = [part for part in lines[at] if part != title] + [part for i, parts in enumerate(lines) if i != at for part in parts]
    employer = next((part for part in others if not _PLACE.search(part) and not _is_duration(part)), "")
    return title, employer


def _is_duration(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s.,+]*(?:yrs?|years?|mos?|months?)[\d\s.,+a-z]*", text, re.IGNORECASE))


def counted_kinds(blocks: Sequence[Block]) -> frozenset[str]:
    """The kinds of position whose months are experience: full-time, and a doctoral candidate's
    research assistantship."""
    if any(_DOCTORAL.search(b.text) for b in blocks if b.section in ("header", "summary", "education", "experience")):
        return frozenset({FULL_TIME, "research assistant"})
    return frozenset({FULL_TIME})


def first_degree_end(blocks: Sequence[Block], as_of: dt.date, entries: Sequence[Entry] | None = None) -> str | None:
    """YYYY-MM when the first degree was (or will be) finished, from the Education entries that
    date it: a bachelor's when one is dated, else the earliest dated non-doctoral degree when no
    bachelor's is listed at all."""
    ends: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    for block, context, _ in entries if entries is not None else dated_entries(blocks):
        if block.section != "education":
            continue
        # the dated line names its own degree, or its entry lines do ("B.S. Computer Science" above)
        entry = block.text if _DEGREE.search(block.text) else " | ".join([block.text] + [b.text for b in context])
        parsed = parse_range(block.text, as_of)
        if parsed and _DEGREE.search(entry) and (_FIRST_DEGREE.search(entry) or not _DOCTORAL.search(entry)):
            ends[bool(_FIRST_DEGREE.search(entry))].append(parsed[1])  # a doctorate is never the first degree
    if not ends[True] and any(_FIRST_DEGREE.search(b.text) for b in blocks if b.section == "education"):
        return None  # a bachelor's without its dates: when the first degree ended is unknown
    found = ends[True] or ends[False]
    if not found:
        return None
    year, month = min(found)
    return f"{year:04d}-{month:02d}"


def years_of_experience(roles: Sequence[Role], counted: frozenset[str] = frozenset({FULL_TIME}), since: str | None = None) -> float | None:
    """Months of the ``counted`` kinds from ``since`` (the first degree's end), overlaps merged,
    in years; 0 when no role is of them."""
    if not roles:
        return None
    floor = _index(since) if since else 0  # the month of graduation itself may be a first job's
    spans = sorted((max(_index(r.start), floor), _index(r.end) + 1) for r in roles if r.kind in counted and _index(r.end) + 1 > floor)
    if not spans:
        return 0.0
    total, cur_start, cur_end = 0, *spans[0]
    for start, end in spans[1:]:
        if start <= cur_end:
            cur_end = max(cur_end, end)
        else:
            total += cur_end - cur_start
            cur_start, cur_end = start, end
    total += cur_end - cur_start
    return round(total / 12, 1)


def band(years: float | None) -> str | None:
    if years is None:
        return None
    for floor, name in BANDS:
        if years >= floor:
            return name
    return "early"


def _index(ym: str) -> int:
    y, m = ym.split("-")
    return int(y) * 12 + int(m) - 1
