"""A misread is never silent: each way a reading goes wrong gets its warning, and --strict exits 3."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import api

EXAMPLES = Path(__file__).parent.parent / "examples"
DEVSET = Path(__file__).parent / "data" / "devset"

GOOD_CV = textwrap.dedent("""\
    Sam Example
    sam@example.com · Seattle, WA

    ## Experience

    ML Engineer, Examplecorp | Jan 2021 – Present
    - Shipped a ranking model in PyTorch that raised click-through by 4% in an A/B test.
    - Cut p99 latency from 180 ms to 45 ms by moving inference to Triton.
    - Set up drift monitoring and weekly retraining with Airflow and MLflow for 12 production models.

    Data Scientist, Exampleco | Jun 2018 – Dec 2020
    - Built churn models in scikit-learn for 40 B2B customers; retention campaigns saved $1.1M a year.

    ## Skills

    Python, PyTorch, SQL, Kubernetes
    """)

GERMAN_CV = textwrap.dedent("""\
    Lena Beispiel

    ## Berufserfahrung

    Ingenieurin für maschinelles Lernen, Beispiel GmbH | Jan 2021 – heute
    - Entwicklung und Betrieb der Empfehlungsmodelle für den Onlineshop mit PyTorch und der Cloud von einem Team
    - Aufbau einer Pipeline für die Daten der Kunden, die täglich mit Airflow und dem Feature Store aktualisiert wird
    - Verantwortlich für die Überwachung der Modelle im Betrieb sowie für die Schulung der Kollegen in der Abteilung
    - Einführung von Tests für die Daten und die Modelle, die bei jeder Änderung durch die Pipeline laufen

    ## Ausbildung

    Master in Informatik, Technische Universität Beispielstadt | 2016 – 2020
    - Abschlussarbeit über die Erkennung von Betrug mit Graphen und die Erklärung der Modelle für den Fachbereich
    - Tutorin für die Vorlesung über Algorithmen und Datenstrukturen im Studiengang der Informatik an der Fakultät
    """)

POSTING = textwrap.dedent("""\
    Senior Machine Learning Engineer

    About us
    Examplecorp builds the ranking systems behind a marketplace used by millions of shoppers.

    What you'll do
    - Design, train and ship ranking models in PyTorch
    - Own the feature pipelines and the online serving path
    - Partner with product teams on experiments

    Requirements
    - 5+ years of experience building ML systems in production
    - Strong Python and SQL
    Nice to have
    - Experience with Kubernetes and Triton

    Benefits
    Health insurance, 401(k) and a learning budget. Examplecorp is an equal opportunity employer.
    """)

COVER_LETTER = textwrap.dedent("""\
    Dear Hiring Manager,

    I am writing to apply for the Machine Learning Engineer role at Examplecorp. Over the last five years I
    have shipped ranking and forecasting models to production, and I would welcome the chance to bring that
    work to your team. In my current role I moved our model serving to Kubernetes and cut inference cost,
    and I built the monitoring that catches drift before customers notice it.

    I look forward to talking with you about the role. Thank you for your consideration.

    Sincerely,
    Sam Example
    """)


def warning_codes(text: str, name: str = "cv.md") -> list[str]:
    return [w.code for w in api.extract(text.encode("utf-8"), name=name).warnings]


def test_a_clean_cv_and_every_bundled_example_and_dev_set_cv_read_without_a_misread():
    assert api.strict_failures(api.extract(GOOD_CV.encode(), name="cv.md").warnings) == []
    for path in sorted(EXAMPLES.glob("*.*")) + sorted(DEVSET.glob("*.*")):
        if path.suffix in (".pdf", ".docx", ".md", ".txt") and path.name != "README.md":
            assert api.strict_failures(api.extract(path).warnings) == [], path.name


def test_a_cv_in_another_language_is_said_to_be_not_english():
    warnings = api.extract(GERMAN_CV.encode("utf-8"), name="cv.md").warnings
    found = {w.code: w.message for w in warnings}
    assert "not-english" in found and "German" in found["not-english"]


@pytest.mark.parametrize("text,kind", [(POSTING, "job posting"), (COVER_LETTER, "cover letter")])
def test_a_document_that_is_not_a_cv_is_named(text, kind):
    found = {w.code: w.message for w in api.extract(text.encode("utf-8"), name="doc.txt").warnings}
    assert kind in found.get("not-a-cv", ""), found


def test_a_cv_that_mentions_requirements_and_benefits_is_still_a_cv():
    cv = GOOD_CV + "- Gathered requirements from product teams; about us pages; benefits enrolment service.\n"
    assert "not-a-cv" not in warning_codes(cv)


def test_no_experience_section_is_said():
    cv = "Sam Example\n\n## Summary\n\nML engineer who ships ranking models.\n\n## Skills\n\nPython, SQL, PyTorch\n\n## Education\n\nBS Computer Science, State University | 2014 – 2018\n"
    assert "no-experience" in warning_codes(cv)


def test_an_experience_section_without_bullets_is_said():
    cv = "Sam Example\n\n## Experience\n\nML Engineer, Examplecorp | 2021 – Present\n\nData Scientist, Exampleco | 2018 – 2021\n\n## Skills\n\nPython, SQL\n"
    assert "no-bullets" in warning_codes(cv)


def test_dated_entries_with_bullets_under_skills_mean_a_missed_heading():
    cv = textwrap.dedent("""\
        Sam Example

        ## Skills

        Python, SQL
        ML Engineer, Examplecorp | Jan 2021 – Present
        - Shipped a ranking model that raised click-through by 4%.
        Data Scientist, Exampleco | Jan 2018 – Dec 2020
        - Built churn models for 40 customers.
        """)
    found = {w.code: w.message for w in api.extract(cv.encode(), name="cv.md").warnings}
    assert "roles-outside-experience" in found and "L" in found["roles-outside-experience"]


def test_bullets_before_any_known_heading_are_said():
    bullets = "".join(f"- Shipped model {n} to production with a measured lift.\n" for n in range(5))
    cv = f"Sam Example\n{bullets}\n## Education\n\nBS Computer Science, State University | 2014 – 2018\n"
    assert "bullets-outside-sections" in warning_codes(cv)


def test_letter_salad_from_a_font_without_a_unicode_map_is_unreadable():
    salad = " ".join(["Thrqzpt", "Mlvrkst", "Bcdfght", "Prtzlk"] * 30)
    codes = warning_codes(f"Sam Example\n\n## Experience\n\n- {salad}\n")
    assert "unreadable-text" in codes and "not-english" not in codes


def test_strict_exits_3_after_the_report_and_without_it_the_warning_is_shown(capsys, tmp_path):
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING)
    code, out, err = run(capsys, "score", posting, "-f", "json")
    assert code == 0 and "not-a-cv" in [w["code"] for w in json.loads(out)["warnings"]]
    code, out, err = run(capsys, "score", posting, "-f", "json", "--strict")
    assert code == 3 and json.loads(out)["segments"]  # the report is still written
    assert err.strip().splitlines()[-1].startswith("mlfit: error[misread]: ") and "not-a-cv" in err
    code, _, err = run(capsys, "extract", posting, "--strict")
    assert code == 3 and "misread" in err


def test_strict_in_a_batch_scores_every_file_and_exits_3_at_the_end(capsys, tmp_path):
    (tmp_path / "a_good.md").write_text(GOOD_CV)
    (tmp_path / "b_posting.txt").write_text(POSTING)
    (tmp_path / "c_good.md").write_text(GOOD_CV.replace("Sam", "Alex"))
    code, out, err = run(capsys, "score", tmp_path, "-f", "jsonl", "--strict", "-j", "1")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 3 and [r["status"] for r in rows] == ["ok", "ok", "ok"]
    assert "b_posting.txt" in err and "1 CV probably misread" in err
    code, _, _ = run(capsys, "score", tmp_path / "a_good.md", tmp_path / "c_good.md", "-f", "jsonl", "--strict", "-j", "1")
    assert code == 0
