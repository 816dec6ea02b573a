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


AS_OF = dt.date(2026, 6, 1)

# Employer and title on lines of their own above the dates, bullets without glyphs that do not
# end in a stop: a Markdown page with hard line breaks, as many personal sites write a CV.
STACKED_ENTRIES = """\
Sam Example

## Experience

Examplecorp Systems \\
Service Desk Analyst \\
Oct 2024 – Present · Remote
Provided first-line support to a large enterprise IT estate
Resolved and escalated incidents with documented workflows

State University \\
Teaching Assistant & Undergraduate Researcher \\
Jan 2021 – May 2023 · Lincoln, NE
Taught an introductory programming class to 80 students each term
"""


def test_title_and_employer_above_the_dates_are_read_and_not_swallowed_by_the_bullet(read_text):
    reading = read_text(STACKED_ENTRIES, as_of=AS_OF)
    roles = reading.profile.roles
    assert [(r.title, r.employer, r.kind) for r in roles] == [
        ("Service Desk Analyst", "Examplecorp Systems", "full-time"),
        ("Teaching Assistant & Undergraduate Researcher", "State University", "teaching"),
    ]
    # the bullet above the next entry stays a bullet of its own
    bullets = [b.text for b in reading.blocks if b.kind == "bullet"]
    assert "Resolved and escalated incidents with documented workflows" in bullets
    assert reading.profile.years == pytest.approx(1.75, abs=0.1)  # Oct 2024 .. Jun 2026; the teaching years do not count


def test_a_bullet_that_stops_on_a_joining_word_still_wraps_onto_the_next_line(read_text):
    cv = "EXPERIENCE\nML Engineer, Examplecorp | Jan 2022 – Present\n- Built the feature store using\nFeast\nData Scientist, Exampleco | Jan 2020 – Dec 2021\n- Built churn models\n"
    reading = read_text(cv, as_of=AS_OF)
    assert "Built the feature store using Feast" in [b.text for b in reading.blocks]


def test_a_list_item_that_holds_an_entrys_dates_is_a_role_line(read_text):
    cv = "Sam Example\n\n## Research Experience\n\n- Examplecorp Labs (Quant Researcher) June 2021 - July 2023\n- Built a hedging strategy that trades 1% of daily volume.\n- Exampleco Research (Research Intern) May 2020 - July 2020\n- Learned entity embeddings for image search.\n"
    roles = read_text(cv, as_of=AS_OF).profile.roles
    assert [(r.start, r.kind) for r in roles] == [("2021-06", "full-time"), ("2020-05", "internship")]


@pytest.mark.parametrize(
    "item,is_role",
    [
        ("- ML Engineer at Examplecorp (Feb 2021 – Present)", True),
        ("- Examplecorp, Data Analyst, Jan 2019 - Jan 2021", True),
        ("- Jan 2019 - Jan 2021 Examplecorp, Data Analyst", True),
        ("- Built a dataset of wars (1945-2012), with XGBoost", False),  # a period the bullet is about
        ("- Migrated 2019 - 2021 reports to Airflow.", False),  # a sentence
    ],
)
def test_a_dated_list_item_is_a_role_only_when_it_reads_as_an_entry_line(read_text, item, is_role):
    roles = read_text(f"Sam Example\n\n## Experience\n\n{item}\n- Shipped models\n", as_of=AS_OF).profile.roles
    assert bool(roles) == is_role


def test_a_career_break_is_not_a_position_and_dated_projects_are_not_roles(read_text):
    cv = """\
EXPERIENCE
Career Break | Jan 2025 – Present
- Caring for family
ML Engineer, Examplecorp | Jan 2021 – Dec 2024
- Shipped a ranker
PROJECTS
evalkit (Maintainer) | Apr 2023 – Present
- Open-source library for regression-testing LLM features
"""
    profile = read_text(cv, as_of=AS_OF).profile
    assert [r.employer for r in profile.roles] == ["Examplecorp"]
    assert profile.years == pytest.approx(4.0, abs=0.1)


@pytest.mark.parametrize("doctoral,years", [(True, 4.0), (False, 0.0)])
def test_a_doctoral_candidates_research_assistantship_counts(read_text, doctoral, years):
    degree = "PhD Candidate in Computer Science" if doctoral else "MS in Computer Science"
    cv = f"Sam Example\n{degree}\nEXPERIENCE\nGraduate Research Assistant, State University | Jan 2022 – Present\n- Built a distributed training scheduler\nEDUCATION\n{degree}, State University | 2020 – 2026\n"
    profile = read_text(cv, as_of=dt.date(2025, 12, 1)).profile
    assert [r.kind for r in profile.roles] == ["research assistant"]
    assert profile.years == pytest.approx(years, abs=0.1)


def test_a_position_under_education_counts_and_a_degree_does_not(read_text):
    # a text-box DOCX puts the older jobs after the Education heading
    cv = """\
EXPERIENCE
Full Stack Developer, Examplecorp | Nov 2022 – Feb 2023
- Built the checkout service in TypeScript
EDUCATION
BS in Accounting, State University | 2011 – 2015
- Graduated with honors
Associate Accountant, Exampleco | Jan 2017 – Sep 2017
- Reconciled 40 accounts each month
"""
    profile = read_text(cv, as_of=AS_OF).profile
    assert [(r.title, r.start) for r in profile.roles] == [("Full Stack Developer", "2022-11"), ("Associate Accountant", "2017-01")]


FIRST_DEGREE = """\
EXPERIENCE
Software Engineer, Examplecorp | Jun 2022 – Jan 2023
- Built the reporting service in Python
Crew Trainer, Exampleburger | May 2016 – Mar 2020
- Trained new staff on the shop floor
EDUCATION
{degree}
"""


@pytest.mark.parametrize(
    "degree,years",
    [
        ("B.S. Computer Science, State University | Aug 2018 – May 2022", 0.7),  # the job before it ends counts nothing
        ("MS Computer Science, State University | 2021 – 2022", 0.7),  # no bachelor's listed: the earliest dated degree
        ("MS Computer Science, State University | 2021 – 2022\nBS Computer Science, State University", 4.6),  # undated bachelor's
        ("BS Computer Science, State University", 4.6),  # no dates: every full-time month counts
    ],
)
def test_years_are_professional_years_after_the_first_degree(read_text, degree, years):
    profile = read_text(FIRST_DEGREE.format(degree=degree), as_of=AS_OF).profile
    assert profile.years == pytest.approx(years, abs=0.1)
