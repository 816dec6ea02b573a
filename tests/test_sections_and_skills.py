"""Reading right: headings that PDFs mangle, and the classic skill-name traps."""

from __future__ import annotations

from mlfit.model import Line
from mlfit.sections import split_sections


def skills_of(read_text, text):
    return {s.id: s for s in read_text(text).profile.skills}


def test_headings_survive_letter_spacing_small_caps_and_odd_names():
    lines = tuple(
        Line(i, t)
        for i, t in enumerate(
            ["Ada Example", "E D U CAT I O N", "BS Physics", "ENGiNEERiNG EXPERiENCE", "- Shipped a ranker", "Tech Stack", "Python, SQL"], 1
        )
    )
    sections, _, warnings = split_sections(lines)
    assert [s.name for s in sections] == ["header", "education", "experience", "skills"]
    assert not warnings


def test_inline_skills_line_opens_a_skills_section(read_text):
    found = skills_of(read_text, "EXPERIENCE\n- Deployed models with Docker\nSkills: PyTorch, Kubernetes, Airflow\n")
    assert found["pytorch"].listed and not found["pytorch"].demonstrated
    assert found["docker"].demonstrated and not found["docker"].listed


def test_wrapped_bullets_are_joined_so_phrases_survive_the_line_break(read_text):
    reading = read_text("EXPERIENCE\n- Built drift\ndetection for 300 features in production\n- Shipped a ranker\n")
    bullets = [b for b in reading.blocks if b.is_achievement]
    assert [b.text for b in bullets] == ["Built drift detection for 300 features in production", "Shipped a ranker"]
    assert bullets[0].line == 2


def test_short_ambiguous_names_need_a_list_context(read_text):
    prose = skills_of(read_text, "EXPERIENCE\n- Led the go-to-market analysis with R. Smith and built a C-level dashboard\n")
    assert not {"go", "r", "c"} & set(prose)
    listed = skills_of(read_text, "SKILLS\nLanguages: Python, Go, R, C, SQL\n")
    assert {"go", "r", "c", "python", "sql"} <= set(listed)


def test_ml_and_ai_are_found_despite_being_two_letters(read_text):
    found = skills_of(read_text, "SKILLS\nML, AI, NLP, PyTorch\n")
    assert {s.label for s in found.values()} >= {"PyTorch"}
    assert any(s.id in ("machine_learning", "ml") for s in found.values())


def test_snowflake_the_employer_is_not_the_database(read_text):
    found = skills_of(read_text, "EXPERIENCE\nML Engineer at Snowflake | Jan 2021 - Present\n- Worked at Snowflake on search ranking\n")
    assert "snowflake" not in found
    assert "snowflake" in skills_of(read_text, "EXPERIENCE\n- Built dbt models on Snowflake and BigQuery\n")


def test_misspellings_are_caught_only_for_long_names(read_text):
    found = skills_of(read_text, "SKILLS\nKubernates, Tensorflow, Pytorch\n")
    assert {"kubernetes", "tensorflow", "pytorch"} <= set(found)


def test_unknown_skill_list_items_are_kept_as_unrecognised(read_text):
    found = skills_of(read_text, "SKILLS\nPyTorch, Prophet-lite, our in-house FooBarFlow\n")
    unrecognised = {s.label for s in found.values() if not s.recognised}
    assert "our in-house FooBarFlow" in unrecognised or "FooBarFlow" in " ".join(unrecognised)
    assert found["pytorch"].recognised


def test_listed_versus_demonstrated(read_text):
    found = skills_of(
        read_text, "EXPERIENCE\n- Trained a fraud model in PyTorch and served it on Kubernetes\nSKILLS\nPyTorch, TensorFlow, Kubernetes\n"
    )
    assert found["pytorch"].listed and found["pytorch"].demonstrated
    assert found["tensorflow"].listed and not found["tensorflow"].demonstrated


def test_short_names_coordinated_with_a_known_skill_count_in_prose(read_text):
    found = skills_of(
        read_text, "EXPERIENCE\n- Rewrote the feature service in Go and Python, cutting p99 latency 40%\n- Validated the models in SAS and R\n"
    )
    assert found["go"].demonstrated and found["r"].demonstrated
    alone = skills_of(read_text, "EXPERIENCE\n- Worked with R. Chen on Go-to-market forecasting\n")
    assert "go" not in alone and "r" not in alone
