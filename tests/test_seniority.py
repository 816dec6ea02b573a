"""Years of experience from dated roles, as the article's bands read them."""

from __future__ import annotations

import datetime as dt

import pytest

CV = """\
Jane Roe
EXPERIENCE
Senior ML Engineer, Helio Labs | Jan 2022 – Present
- Shipped ranking models
ML Engineer, Kitebird | Mar 2019 – Feb 2022
- Deployed fraud models
Data Scientist, Contoso | Jun 2018 – Jun 2019
- Built forecasting models
ML Intern, Northwind | Jun 2017 – Aug 2017
- Prototyped a recommender
EDUCATION
MS Computer Science, State University | 2016 – 2018
"""


def test_overlaps_merged_internships_and_education_left_out(read_text):
    profile = read_text(CV, as_of=dt.date(2026, 6, 1)).profile
    # Jun 2018 .. Jun 2026 without gaps: 8 years; the overlap 2019 and the internship add nothing.
    assert profile.years == pytest.approx(8.0, abs=0.1)
    assert profile.seniority == "senior"
    assert [r.internship for r in profile.roles] == [False, False, False, True]


def test_as_of_moves_present(read_text):
    early = read_text(CV, as_of=dt.date(2023, 1, 1)).profile
    assert early.years == pytest.approx(4.7, abs=0.1)
    assert early.seniority == "mid"


@pytest.mark.parametrize(
    "line,years",
    [
        ("ML Engineer, Acme | 2020 - 2024", 4.0),
        ("ML Engineer, Acme | 03/2021 - 02/2023", 2.0),
        ("ML Engineer, Acme | Sep '22 – to date", 3.8),
        ("ML Engineer, Acme | September 2024 - current", 1.8),
    ],
)
def test_date_styles(read_text, line, years):
    profile = read_text(f"EXPERIENCE\n{line}\n- Deployed models\n", as_of=dt.date(2026, 6, 1)).profile
    assert profile.years == pytest.approx(years, abs=0.15)


def test_no_dates_means_unknown_not_zero(read_text):
    profile = read_text("EXPERIENCE\n- Deployed models to production\n").profile
    assert profile.years is None and profile.seniority is None
