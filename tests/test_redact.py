"""`--redact`: names, emails, phone numbers and URLs out of every output; metrics, dates and tech names kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import api
from mlfit.redact import Redactor, find_name, header_lines, looks_like_name, redact_report, redacted_path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-06-01"

# Every piece of personal data in the example CVs (all fictional).
PII = {
    "big_tech.pdf": ["Daniel", "Ostrander", "daniel.ostrander@example.com", "206-555-0142", "github.com/dostrander-example"],
    "defense.pdf": ["Marcus", "Delaney", "marcus.delaney@example.com", "703-555-0129"],
    "regulated.docx": ["Aisha", "Kendrick", "aisha.kendrick@example.com", "212-555-0163", "linkedin.com/in/aisha-kendrick-example"],
    "startup.md": ["Maya", "Lindqvist", "maya.lindqvist@example.com", "415-555-0177", "github.com/mlindqvist-example"],
    "weak_built_a_model.txt": ["Tyler", "Brennan", "tyler.brennan@example.com", "614-555-0188"],
}


def leaks(text: str, cv: str) -> list[str]:
    return [p for p in PII[cv] if p.lower() in text.lower()]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("jane.doe+cv@mail.example.test", "[email]"),
        ("Contact: jane@example.com | 206-555-0142", "Contact: [email] | [phone]"),
        ("(415) 555 0177", "[phone]"),
        ("+44 20 7946 0958", "[phone]"),
        ("+1 (555) 123-4567", "[phone]"),
        ("555.123.4567", "[phone]"),
        ("https://example.com/a?b=1, next", "[url], next"),
        ("www.janedoe.dev", "[url]"),
        ("github.com/jdoe-example", "[url]"),
        ("linkedin.com/in/jane-doe", "[url]"),
    ],
)
def test_contact_details_are_replaced(text, expected):
    assert Redactor().text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "cut p99 latency from 180 ms to 45 ms at 12,000 QPS",
        "Jan 2019 – Mar 2022",
        "01/2019 – 02/2022",
        "2019-2022",
        "2021-03-15",
        "ASP.NET, Node.js, scikit-learn, C++, U.S. citizen, e.g. SR 11-7",
        "saved $1,200,000/yr; 1 000 000 users; v1.2.3; 10.2.3.4",
        "grew revenue 18% ($6.4M/yr) while keeping the false-positive rate under 1.2%",
    ],
)
def test_metrics_dates_and_tech_names_are_kept(text):
    assert Redactor(["Jane Price"]).text(text) == text


def test_names_whole_and_parts_but_not_common_words():
    r = Redactor(["Jane Price"])
    assert r.text("Jane Price led it") == "[name] led it"
    assert r.text("JANE PRICE") == "[name]"
    assert r.text("jane price") == "[name]"
    assert r.text("Ms. Price said") == "Ms. [name] said"
    assert r.text("cut the price by 10%") == "cut the price by 10%"  # a common word, not the name


@pytest.mark.parametrize(
    "line,name",
    [
        ("Daniel Ostrander", "Daniel Ostrander"),
        ("# Maya Lindqvist", "Maya Lindqvist"),
        ("TYLER BRENNAN", "TYLER BRENNAN"),
        ("Ana de la Cruz | ML Engineer", "Ana de la Cruz"),
        ("Jean-Luc O'Neill", "Jean-Luc O'Neill"),
        ("Machine Learning Engineer", None),
        ("Curriculum Vitae", None),
        ("Seattle, WA · jane@example.com", None),
        ("Summary", None),
    ],
)
def test_find_name(line, name):
    assert find_name([line]) == name


def test_looks_like_name_rejects_sentences():
    assert not looks_like_name("Built a ranking model for ads")
    assert not looks_like_name("John")


@pytest.mark.parametrize("cv", sorted(PII))
def test_report_of_every_example_is_clean(cv):
    document = api.read(EXAMPLES / cv)
    report = api.analyze(document, as_of=None)
    assert find_name(header_lines(document, report)) is not None
    redacted = redact_report(report, document)
    from mlfit.render.jsonout import report_json

    text = json.dumps(report_json(redacted), ensure_ascii=False)
    assert leaks(text, cv) == []
    assert redacted.source["path"].endswith(Path(cv).suffix)
    assert re.search(r"cv-[0-9a-f]{8}\.", redacted.source["path"])
    # scores and structure are untouched
    assert [(s.id, s.score) for s in redacted.segments] == [(s.id, s.score) for s in report.segments]
    assert len(redacted.profile.skills) == len(report.profile.skills)


def test_redacted_path_keeps_the_typed_directory_only():
    sha = "3f2a9b7c" + "0" * 56
    assert redacted_path("clients/Jane Doe/CV.PDF", sha, root="clients") == "clients/cv-3f2a9b7c.pdf"
    assert redacted_path("in/jane_doe.docx", sha) == "in/cv-3f2a9b7c.docx"
    assert redacted_path("-", sha) == "-"


@pytest.mark.parametrize("fmt", ["human", "json"])
@pytest.mark.parametrize("cv", ["big_tech.pdf", "weak_built_a_model.txt"])
def test_single_cv_score_redact(capsys, cv, fmt):
    code, out, err = run(capsys, "score", EXAMPLES / cv, "--redact", "--format", fmt, "--as-of", AS_OF)
    assert code == 0, err
    assert leaks(out + err, cv) == []
    if fmt == "json":
        from jsonschema import Draft202012Validator

        from mlfit import schemas

        data = json.loads(out)
        validator = Draft202012Validator(schemas.load("report"))
        assert not list(validator.iter_errors(data))
        assert data["source"]["path"].startswith(str(EXAMPLES / "cv-"))
    else:
        assert "cv-" in out and cv not in out


@pytest.mark.parametrize("command", ["rewrite", "extract"])
@pytest.mark.parametrize("fmt", ["human", "json"])
@pytest.mark.parametrize("cv", ["big_tech.pdf", "regulated.docx"])
def test_rewrite_and_extract_redact_too(capsys, command, fmt, cv):
    code, out, err = run(capsys, command, EXAMPLES / cv, "--format", fmt, "--as-of", AS_OF)
    assert code == 0 and cv in out  # the file name (often the person's name) is shown without --redact
    code, out, err = run(capsys, command, EXAMPLES / cv, "--redact", "--format", fmt, "--as-of", AS_OF)
    assert code == 0, err
    assert leaks(out + err, cv) == []
    assert "cv-" in out and cv not in out


def test_redaction_does_not_change_scores(capsys):
    code, plain, _ = run(capsys, "score", EXAMPLES / "big_tech.pdf", "--format", "json", "--as-of", AS_OF)
    code2, red, _ = run(capsys, "score", EXAMPLES / "big_tech.pdf", "--format", "json", "--as-of", AS_OF, "--redact")
    assert code == code2 == 0
    a, b = json.loads(plain), json.loads(red)
    assert [(s["id"], s["score"]) for s in a["segments"]] == [(s["id"], s["score"]) for s in b["segments"]]
    assert a["source"]["sha256"] == b["source"]["sha256"]
