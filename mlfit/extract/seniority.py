"""Years of experience from dated roles: ranges parsed, overlaps merged, internships set aside."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import lexicon
from ..dates import DATE_RANGE, MONTH_NUMBERS
from ..model import Role
from ..sections import Block

# Time-frame and internship words: rules/vocab/lexicon.yml.
_OPEN_END = re.compile(rf"\b(?:{lexicon.alternation('time_frame_words')})\b", re.IGNORECASE)
_INTERN = re.compile(rf"\b(?:{lexicon.alternation('internship_words')})\b", re.IGNORECASE)
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


def roles_from_blocks(blocks: Sequence[Block], as_of: dt.date) -> tuple[Role, ...]:
    roles = []
    for block in blocks:
        if block.kind != "role" or block.section not in ("experience", "projects", "header"):
            continue
        parsed = parse_range(block.text, as_of)
        if not parsed:
            continue
        (sy, sm), (ey, em) = parsed
        months = (ey - sy) * 12 + (em - sm) + 1
        title = DATE_RANGE.sub("", block.text).strip(" |,–—-·")
        roles.append(Role(title, block.line, f"{sy:04d}-{sm:02d}", f"{ey:04d}-{em:02d}", months, bool(_INTERN.search(block.text))))
    return tuple(roles)


def years_of_experience(roles: Sequence[Role]) -> float | None:
    spans = sorted((_index(r.start), _index(r.end) + 1) for r in roles if not r.internship)
    if not spans:
        return None
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
