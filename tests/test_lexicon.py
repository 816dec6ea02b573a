"""Lexical knowledge is data: rules/vocab/lexicon.yml loads, is clean, and editing it changes what mlfit reads."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlfit import lexicon
from mlfit.errors import RuleFileError
from mlfit.model import Line
from mlfit.ruleset.loader import load_ruleset
from mlfit.ruleset.paths import builtin_rules_dir
from mlfit.ruleset.vocab import CUE_FILES
from mlfit.sections import normalise_heading, split_sections

ROOT = Path(__file__).resolve().parents[1]
LISTS = sorted(lexicon.WORD_LISTS)


def test_the_lexicon_loads_with_every_list():
    data = lexicon.lexicon()
    assert lexicon.lexicon_path() == builtin_rules_dir() / "vocab" / "lexicon.yml"
    assert set(lexicon.WORD_LISTS) | {"headings", "head_nouns"} <= set(data)
    assert set(lexicon.headings()) >= {"summary", "experience", "projects", "skills", "education"}


@pytest.mark.parametrize("key", LISTS)
def test_word_lists_are_non_empty_unique_and_lower_case_where_matching_ignores_case(key):
    words = lexicon.words(key)
    assert words and all(isinstance(w, str) and w.strip() == w and w for w in words)
    assert len(set(words)) == len(words), f"{key}: duplicates {sorted({w for w in words if words.count(w) > 1})}"
    if lexicon.WORD_LISTS[key]:
        assert all(w == w.lower() for w in words), key


def test_case_sensitive_lists_are_written_as_they_are_matched():
    assert all(len(s) == 2 and s.isupper() for s in lexicon.words("us_states"))
    assert all(w[:1].isupper() for w in lexicon.words("contact_words"))


def test_heading_phrases_are_unique_and_already_normalised():
    phrases = [p for ps in lexicon.headings().values() for p in ps]
    assert len(set(phrases)) == len(phrases), "a heading phrase names two sections"
    # A line is normalised before the lookup: a phrase with capitals, digits or '&' would never match.
    assert all(normalise_heading(p) == p for p in phrases)
    nouns = lexicon.head_nouns()
    # one word, or two ("skill set"): the head of a heading is its last word or two
    assert nouns and all(normalise_heading(n) == n and len(n.split()) <= 2 for n in nouns)
    assert set(nouns.values()) <= set(lexicon.headings())


def test_the_lexicon_is_not_read_as_a_skills_vocabulary_but_is_in_the_rule_digest(tmp_path):
    assert "lexicon.yml" in CUE_FILES
    assert lexicon.lexicon_path() in load_ruleset().vocab_files
    # The digest (the engine cache key) covers every vocab file, the lexicon included.
    user = tmp_path / "rules"
    (user / "vocab").mkdir(parents=True)
    (user / "vocab" / "lexicon.yml").write_text("schema: 1\nstop_words: [the]\n", encoding="utf-8")
    first = load_ruleset([user]).digest  # a user's lexicon.yml is not validated as skills
    (user / "vocab" / "lexicon.yml").write_text("schema: 1\nstop_words: [the, a]\n", encoding="utf-8")
    assert load_ruleset([user]).digest != first


def test_a_broken_lexicon_is_a_rule_file_error(tmp_path):
    path = tmp_path / "lexicon.yml"
    path.write_text("schema: 1\nheadings: {}\nstop_words: [on, the]\n", encoding="utf-8")  # bare `on` is YAML's true
    with pytest.raises(RuleFileError, match=r"lexicon\.yml"):
        lexicon.load(path)


def test_a_heading_added_to_the_data_is_recognised(tmp_path):
    """A maintainer adds a phrase to lexicon.yml; nothing in Python changes."""
    data = (ROOT / "rules" / "vocab" / "lexicon.yml").read_text(encoding="utf-8")
    assert "  experience: [experience," in data
    edited = tmp_path / "lexicon.yml"
    edited.write_text(data.replace("  experience: [experience,", "  experience: [model shipping log, experience,"), encoding="utf-8")
    code = textwrap.dedent(
        f"""\
        from pathlib import Path
        import mlfit.lexicon
        mlfit.lexicon.lexicon_path = lambda: Path({str(edited)!r})
        from mlfit.model import Line
        from mlfit.sections import heading_name
        print(heading_name(Line(1, "Model Shipping Log")), heading_name(Line(1, "Model Shipping Diary")))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["experience", "None"]


def test_shipped_headings_open_their_sections():
    lines = tuple(Line(i, t) for i, t in enumerate(["Ada Example", "Career Summary", "Builds rankers", "Tech Stack", "Python"], 1))
    sections, _, _ = split_sections(lines)
    assert [s.name for s in sections] == ["header", "summary", "skills"]


@pytest.mark.parametrize("state", ["WA", "TX", "DC"])
def test_a_us_state_from_the_list_gives_a_location(read_text, state):
    assert state in lexicon.words("us_states")
    profile = read_text(f"Sam Example\nExampleville, {state}\nEXPERIENCE\n- Shipped a ranker\n").profile
    assert profile.location == f"Exampleville, {state}"


def test_a_code_outside_the_list_gives_no_location(read_text):
    assert "ZZ" not in lexicon.words("us_states")
    assert read_text("Sam Example\nExampleville, ZZ\nEXPERIENCE\n- Shipped a ranker\n").profile.location is None


@pytest.mark.parametrize(
    "title,kind",
    [
        ("ML Intern", "internship"),
        ("Data Science Co-op", "internship"),
        ("Summer Internship", "internship"),
        ("Graduate Research Assistant", "research assistant"),
        ("Teaching Assistant", "teaching"),
        ("Part-time Data Analyst", "part-time"),
        ("Volunteer Mentor", "volunteer"),
    ],
)
def test_a_role_kind_word_names_the_kind_and_its_months_do_not_count(read_text, title, kind):
    assert any(word in title.lower() for word in lexicon.role_kinds()[kind])
    cv = f"Sam Example\nEXPERIENCE\nML Engineer, Examplecorp | Jan 2022 – Dec 2023\n- Shipped a ranker\n{title}, Exampleco | Jan 2020 – Dec 2021\n- Built a dashboard\n"
    profile = read_text(cv, as_of=dt.date(2026, 6, 1)).profile
    assert [r.kind for r in profile.roles] == ["full-time", kind]
    assert [r.internship for r in profile.roles] == [False, kind == "internship"]
    assert profile.years == pytest.approx(2.0, abs=0.1)  # only the full-time role's two years


@pytest.mark.parametrize("word", ["Present", "current", "ongoing", "Today", "to date"])
def test_a_time_frame_word_ends_a_range_at_the_as_of_date(read_text, word):
    cv = f"Sam Example\nEXPERIENCE\nML Engineer, Examplecorp | Jan 2022 – {word}\n- Shipped a ranker\n"
    roles = read_text(cv, as_of=dt.date(2026, 6, 1)).profile.roles
    assert [(r.start, r.end) for r in roles] == [("2022-01", "2026-06")]


def test_a_contact_line_with_a_street_word_is_not_an_outcome(read_text):
    contact = read_text("Sam Example\n42 Example Street, Apt 300 units\nEXPERIENCE\n- Shipped a ranker\n").profile
    assert "Street" in lexicon.words("contact_words")
    assert not contact.outcomes
    # The same line without the address word is a claim: the street word decides.
    claim = read_text("Sam Example\n42 Example teams, 300 units\nEXPERIENCE\n- Shipped a ranker\n").profile
    assert claim.outcomes


def test_a_stop_word_is_never_the_counted_thing(read_text):
    assert "for" in lexicon.words("stop_words")
    outcomes = read_text("EXPERIENCE\n- Ran 40 for teams\n- Ran 40 product teams\n").profile.outcomes
    assert [o.line for o in outcomes] == [3]


@pytest.mark.parametrize(
    ("left", "right", "kept"),
    [("real", "time", True), ("multi", "tenant", True), ("cross", "validation", True), ("multi", "ple", False), ("bench", "mark", False)],
)
def test_hyphenation_lists_decide_a_marked_break(left, right, kept):
    from mlfit.ingest.normalize import _keep_hyphen

    assert _keep_hyphen(left, right) is kept
