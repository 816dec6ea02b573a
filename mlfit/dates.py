"""Dates as CVs write them: month names, one date, a range. One home for the patterns that
sections (role lines), LaTeX and JSON Resume reading and the years of experience share."""

from __future__ import annotations

import re

from . import lexicon

MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NUMBERS = {m: i for i, m in enumerate(MONTH_ABBREVIATIONS, 1)}  # "jan" -> 1; a month word's first 3 letters

# A month word: "Jan", "Jan.", "January", "Sept".
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# One point in time: "Jan 2021", "Jan '21", "01/2021", "2021".
DATE = rf"(?:{MONTH}\s*'?\d{{2,4}}|\d{{1,2}}/\d{{2,4}}|(?:19|20)\d{{2}})"
RANGE_DASH = r"(?:-|–|—|to|until|→)"
OPEN_END = rf"(?:{lexicon.alternation('time_frame_words')})"  # "– Present", "– to date": rules/vocab/lexicon.yml

# "Jan 2021 – Present", "2019-2021", "03/2020 to 06/2022"
DATE_RANGE = re.compile(rf"{DATE}\s*{RANGE_DASH}\s*(?:{DATE}|{OPEN_END})", re.IGNORECASE)


def month_label(month: int) -> str:
    """1 -> "Jan" (how a role line prints a month)."""
    return MONTH_ABBREVIATIONS[month - 1].capitalize()
