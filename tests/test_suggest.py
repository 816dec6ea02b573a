"""`mlfit rewrite` and the rewrites under `mlfit score`: what a user sees change in their CV.

The article's five recommendations as rewrites (outcome first, MLOps visible, the segment's
wording, keywords without stuffing, a cloud proof point), plus ownership verbs, quantified
placeholders and the strongest result in the summary. Points are measured by re-scoring.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from cli_runner import run
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mlfit import api, schemas
from mlfit.suggest import fill_placeholders
from mlfit.suggest.templates import placeholders

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WEAK = EXAMPLES / "weak_built_a_model.txt"
AS_OF = dt.date(2026, 6, 1)
SEGMENTS = ("big_tech", "startup", "regulated", "defense")

STRONG = "Cut p99 ranking latency from 180 ms to 45 ms by moving feature joins into the online store"


def cv(*bullets: str, skills: str = "Python, PyTorch, Docker, MLflow, SQL", summary: str = "ML engineer building models for product teams.") -> bytes:
    lines = [
        "Jordan Lee",
        "Machine Learning Engineer",
        "",
        "SUMMARY",
        summary,
        "",
        "EXPERIENCE",
        "Machine Learning Engineer, Acme Corp | Jan 2022 – Present",
    ]
    lines += [f"- {b}" for b in bullets]
    lines += ["", "SKILLS", skills]
    return ("\n".join(lines) + "\n").encode("utf-8")


def rewrite(source, **kwargs):
    kwargs.setdefault("as_of", AS_OF)
    if isinstance(source, bytes):
        source = api.read(source, name="cv.md")
    return api.rewrite(source, **kwargs)


def for_line(report, text: str):
    found = [s for s in report.suggestions if s.before.strip() == text]
    assert len(found) <= 1
    return found[0] if found else None


# -- 1. lead with production outcomes, not model names -----------------------------------------


def test_weak_cv_model_first_bullets_become_outcome_first_with_placeholders():
    report = rewrite(WEAK)
    for bullet in ("Built a CNN model for image classification", "Built a model to predict customer churn"):
        s = for_line(report, bullet)
        assert s is not None, bullet
        assert s.kind == "outcome_first" and s.rule_id == "SH003"
        assert s.after.startswith("[Cut / Raised] [metric] by [N]%"), s.after  # the outcome leads
        model = bullet.split(" ", 1)[1].replace("Built ", "")
        assert model in s.after  # the original's facts are all still there
        assert {"[metric]", "[N]", "[volume]"} <= set(s.placeholders)
        assert s.line is not None and s.why.startswith('"Employers') and s.source
        assert all(s.gain[seg] > 0 for seg in SEGMENTS)


def test_the_issue_example_bullet():
    report = rewrite(cv("Trained a BERT classifier for support tickets"), segment="big_tech")
    s = for_line(report, "Trained a BERT classifier for support tickets")
    assert s.after.startswith("[Cut / Raised] [metric] by [N]% by training a BERT classifier for support tickets")
    assert "serving [volume] a day" in s.after


def test_weak_openers_become_ownership_verbs():
    report = rewrite(WEAK)
    s = for_line(report, "Responsible for training models in Jupyter")
    assert "SH004" in s.rules and "Responsible" not in s.after
    assert "training models in Jupyter" in s.after
    s = for_line(report, "Worked on NLP models")
    assert "SH004" in s.rules and "Worked on" not in s.after and "[building / shipping / maintaining] NLP models" in s.after


def test_vague_outcomes_become_quantified_placeholders():
    report = rewrite(
        cv(
            "Improved latency of the ranking model with request batching",
            "Reduced inference costs for the recommendation model",
            "Increased conversion with a re-ranked recommendation model",
        )
    )
    latency = for_line(report, "Improved latency of the ranking model with request batching")
    assert latency.kind == "quantify" and latency.rule_id == "SH001"
    assert latency.after.startswith("Improved latency from [baseline → new] ms of the ranking model")
    cost = for_line(report, "Reduced inference costs for the recommendation model")
    assert cost.after.startswith("Reduced inference costs by [N]%")
    assert for_line(report, "Increased conversion with a re-ranked recommendation model").after.startswith("Increased conversion by [N]%")


def test_no_suggestion_for_an_already_strong_bullet():
    report = rewrite(cv(STRONG, "Built a CNN model for image classification"))
    assert for_line(report, STRONG) is None
    assert for_line(report, "Built a CNN model for image classification") is not None
    strong_only = rewrite(EXAMPLES / "big_tech.md")
    assert all(s.before != STRONG for s in strong_only.suggestions)
    assert len([s for s in strong_only.suggestions if s.line is not None]) <= 3  # a strong CV gets few rewrites


# -- 2. make MLOps visible ---------------------------------------------------------------------


def test_listed_mlops_tools_without_an_mlops_bullet_get_an_mlops_bullet():
    report = rewrite(
        cv("Built a CNN model for image classification", "Trained a BERT classifier for support tickets", skills="Python, Docker, MLflow, PyTorch")
    )
    (s,) = [s for s in report.suggestions if s.kind == "mlops"]
    assert s.rule_id == "SH005" and s.line is None and s.before == ""
    assert "MLflow" in s.after and "Docker" in s.after  # the CV's own tools
    assert "CNN model" in s.after  # the CV's own model
    assert "[monitoring / drift detection / CI/CD / automated rollback]" in s.after
    assert s.gain["big_tech"] > 0


def test_no_mlops_bullet_when_one_already_shows_monitoring():
    report = rewrite(
        cv(
            "Built a CNN model for image classification",
            "Added drift detection and automated rollback to the pricing model's deployment",
            skills="Python, Docker, MLflow, PyTorch",
        )
    )
    assert not [s for s in report.suggestions if s.kind == "mlops"]


# -- 3. match the segment's wording --------------------------------------------------------------


REGULATED_WORDS = ("lineage", "validation", "governance", "documentation", "approval", "audit", "HIPAA", "reason codes")
STARTUP_WORDS = ("prototype", "weeks", "end to end", "spend", "cost", "launch")


def test_the_same_bullet_is_worded_for_each_segment():
    bullet = "Built a CNN model for image classification"
    regulated = for_line(rewrite(WEAK, segment="regulated"), bullet)
    startup = for_line(rewrite(WEAK, segment="startup"), bullet)
    big_tech = for_line(rewrite(WEAK, segment="big_tech"), bullet)
    assert any(w in regulated.after for w in REGULATED_WORDS), regulated.after
    assert not any(w in regulated.after for w in ("prototype", "end to end")), regulated.after
    assert any(w in startup.after for w in STARTUP_WORDS), startup.after
    assert not any(w in startup.after for w in REGULATED_WORDS), startup.after
    assert regulated.segment == "regulated" and any(r.startswith("RG") for r in regulated.rules)
    assert startup.segment == "startup" and any(r.startswith("SU") for r in startup.rules)
    assert len({regulated.after, startup.after, big_tech.after}) == 3
    # each is worth most where it is worded for
    assert regulated.gain["regulated"] > startup.gain["regulated"]
    assert startup.gain["startup"] > regulated.gain["startup"]


def test_big_tech_wording_keeps_a_guardrail():
    s = for_line(rewrite(WEAK, segment="big_tech"), "Worked on NLP models")
    assert "while keeping [guardrail metric] within [limit]" in s.after or "serving [volume]" in s.after


def test_segment_aliases_and_unknown_segments(capsys):
    assert rewrite(WEAK, segment="enterprise").suggestions[0].gain  # alias of regulated
    code, out, err = run(capsys, "rewrite", WEAK, "--segment", "nasa")
    assert code == 2 and "unknown segment" in err and out == ""


# -- 4. keywords without stuffing ----------------------------------------------------------------


def test_a_stuffed_skills_list_is_cut_to_what_the_bullets_can_back():
    report = rewrite(WEAK)
    (s,) = [s for s in report.suggestions if s.kind == "keywords"]
    before = [i.strip() for i in s.before.split(",")]
    after = [i.strip() for i in s.after.split(",")]
    assert s.rule_id == "SH009" and len(after) < len(before) / 2
    assert set(after) <= set(before)  # only what the CV already lists
    assert "PyTorch" in after and "Python" in after and "MATLAB" not in after


def test_listed_only_skills_are_moved_into_a_bullet():
    report = rewrite(WEAK)
    demonstrating = [s for s in report.suggestions if {"SH006", "SH007"} & set(s.rules) and s.line is not None]
    assert demonstrating
    for s in demonstrating:
        assert re.search(r"\b(PyTorch|TensorFlow|Docker|Kubernetes|MLflow|Airflow|Spark|Kafka|AWS|GCP|Azure)\b", s.after)


def test_a_moved_skill_is_written_as_the_cv_spells_it():
    report = rewrite(cv("Built a CNN model for image classification", skills="Python, PyTorch, K8S, Docker, SQL"))
    written = " ".join(s.after for s in report.suggestions)
    assert re.search(r"\bK8S\b", written) and "Kubernetes" not in written and "k8s" not in written


# -- 5. a cloud proof point ----------------------------------------------------------------------


def test_missing_cloud_credibility_gets_a_proof_point():
    listed = rewrite(cv("Built a CNN model for image classification", skills="Python, PyTorch, AWS, SQL"))
    (s,) = [s for s in listed.suggestions if s.kind == "proof_point"]
    assert s.rule_id == "SH010" and "AWS" in s.after and s.gain["regulated"] > 0
    unlisted = rewrite(cv("Built a CNN model for image classification", skills="Python, PyTorch, SQL"))
    (s,) = [s for s in unlisted.suggestions if s.kind == "proof_point"]
    assert "[AWS / GCP / Azure]" in s.after  # no cloud in the CV: a choice, not a claim
    shown = rewrite(cv("Deployed the claims model on SageMaker endpoints in AWS", skills="Python, AWS"))
    assert not [s for s in shown.suggestions if s.kind == "proof_point"]


# -- the strongest outcome in the summary -----------------------------------------------------------


def test_the_strongest_outcome_moves_into_the_summary():
    report = rewrite(
        cv(
            "Mentored two junior engineers",
            "Wrote design docs for the ranking service",
            "Presented results to the product team",
            "Ran the team's on-call rota",
            "Reduced model serving cost by 42% by moving batch scoring to spot instances",
        )
    )
    (s,) = [s for s in report.suggestions if s.kind == "summary"]
    assert s.rule_id == "SH002" and s.before == "ML engineer building models for product teams."
    assert s.after == "ML engineer building models for product teams; reduced model serving cost by 42% by moving batch scoring to spot instances."
    assert s.gain["big_tech"] > 0


# -- points are measured, and the list is sorted by them -------------------------------------------


def test_points_are_what_the_filled_in_rewrite_scores():
    base = rewrite(WEAK)
    s = for_line(base, "Built a CNN model for image classification")
    edited = WEAK.read_text(encoding="utf-8").replace(s.before, fill_placeholders(s.after))
    after = api.analyze(api.read(edited.encode("utf-8"), name="cv.txt"), as_of=AS_OF)
    before = {x.id: x.score for x in base.segments}
    for seg in after.segments:
        assert seg.score - before[seg.id] == pytest.approx(s.gain[seg.id], abs=0.15), seg.id


def test_most_valuable_first_on_the_chosen_segment():
    for segment in (None, "regulated"):
        report = rewrite(WEAK, segment=segment)
        target = segment or report.best_segment
        gains = [s.gain[target] for s in report.suggestions]
        assert gains == sorted(gains, reverse=True) and len(gains) >= 8
        assert all(max(s.gain.values()) > 0 for s in report.suggestions)


def test_rewrites_are_deterministic():
    first = rewrite(WEAK, segment="startup").suggestions
    second = rewrite(WEAK.read_bytes(), segment="startup").suggestions
    assert [(s.line, s.after, s.gain) for s in first] == [(s.line, s.after, s.gain) for s in second]


def test_a_rescored_rewrite_reads_the_same_as_the_whole_cv_read_afresh(engine):
    """Re-scoring keeps what every unchanged block yielded (Engine.memo); the gain shown for a
    rewrite is only right if that equals reading the edited CV from scratch."""
    from dataclasses import replace

    from mlfit.extract.profile import build_profile

    for path in (WEAK, EXAMPLES / "big_tech.md", EXAMPLES / "regulated.docx", EXAMPLES / "defense.pdf"):
        reading = engine.read(api.read(path), as_of=AS_OF)
        blocks = list(reading.blocks)
        bullet = next(i for i, b in enumerate(blocks) if b.is_achievement)
        role = next(i for i, b in enumerate(blocks) if b.kind == "role" and b.section == "experience")
        skills = next(i for i, b in enumerate(blocks) if b.section == "skills" and b.kind != "heading")
        edits = {
            "a rewritten bullet": {bullet: replace(blocks[bullet], text=STRONG + " with Kubeflow")},
            "a role with other dates": {role: replace(blocks[role], text="Staff ML Engineer, Examplecorp | Jan 2012 – Present")},
            "a skills line with other items": {skills: replace(blocks[skills], text="Skills: Haskell, Erlang, OCaml, Coq")},
        }
        for what, edit in edits.items():
            edited = tuple(edit.get(i, b) for i, b in enumerate(blocks))
            incremental = engine.read_blocks(edited, sections=reading.sections, as_of=AS_OF).profile
            afresh = build_profile(
                edited, reading.sections, engine.analyzer.analyze([b.text for b in edited]), engine.vocab, engine.not_skills, AS_OF, engine.fuzzy
            )
            assert incremental == afresh, (path.name, what)
            assert incremental != reading.profile, (path.name, what)  # the edit was read, not the memo's old answer


# -- templates are data ----------------------------------------------------------------------------


def test_templates_come_from_the_rule_packs(tmp_path):
    shared = (ROOT / "rules" / "_shared.yml").read_text(encoding="utf-8")
    old = 'template: "[Cut / Raised] [metric] by [N]% by {verb_ing} {object} and [shipping to production], serving [volume] a day"'
    assert old in shared
    (tmp_path / "_shared.yml").write_text(
        shared.replace(old, 'template: "Shipped {object} to [N] users, lifting [metric] by [N]%"'), encoding="utf-8"
    )
    report = rewrite(WEAK, rules=[str(tmp_path)])
    s = for_line(report, "Built a CNN model for image classification")
    assert s.after.startswith("Shipped a CNN model for image classification to [N] users, lifting [metric] by [N]%")


# -- where the user sees them ----------------------------------------------------------------------


def test_score_shows_the_top_rewrites_under_the_scores(capsys):
    code, out, _ = run(capsys, "score", WEAK, "--as-of", AS_OF.isoformat())
    assert code == 0
    rewrites = out[out.index("Rewrites") :]
    assert out.index("Rewrites") > out.index("Top fixes")
    assert rewrites.count(" after ") == 2 and "rewrites: mlfit rewrite CV" in rewrites  # one screen; the rest a command away
    assert "[Cut / Raised] [metric]" in rewrites
    code, out, _ = run(capsys, "score", WEAK, "--as-of", AS_OF.isoformat(), "--verbose")
    rewrites = out[out.index("Rewrites") :]
    assert rewrites.count(" after ") == 3 and "more with mlfit rewrite" in rewrites


def test_rewrite_human_lists_every_rewrite_with_why(capsys):
    code, out, err = run(capsys, "rewrite", WEAK, "--segment", "startup", "--as-of", AS_OF.isoformat())
    assert code == 0 and err == ""
    assert "worded for AI-first startups" in " ".join(out.split())
    report = rewrite(WEAK, segment="startup")
    assert out.count(" after ") == len(report.suggestions)
    assert "why" in out and "Employers aren’t impressed" in " ".join(out.split())


def test_rewrite_markdown_is_a_checklist(capsys):
    code, out, err = run(capsys, "rewrite", WEAK, "--format", "md", "--as-of", AS_OF.isoformat())
    assert code == 0 and err == ""
    assert out.startswith("# CV rewrites: ")
    items = [line for line in out.splitlines() if line.startswith("- [ ] ")]
    report = rewrite(WEAK)
    assert len(items) == len(report.suggestions)
    assert "  - Before: Built a CNN model for image classification" in out
    assert "  - After: [Cut / Raised] [metric] by [N]%" in out
    assert "  - Why: " in out and "+" in items[0]
    assert "\\[" not in out  # placeholders read as written when pasted as plain text


def test_rewrite_json_validates_against_the_schema(capsys):
    code, out, err = run(capsys, "rewrite", WEAK, "--format", "json", "--segment", "regulated", "--as-of", AS_OF.isoformat())
    assert code == 0 and err == ""
    data = json.loads(out)
    error = best_match(Draft202012Validator(schemas.load("report")).iter_errors(data))
    assert error is None, error and error.message
    assert data["suggestions"] and {s["segment"] for s in data["suggestions"]} <= {"regulated", None}
    first = data["suggestions"][0]
    assert set(first["gain"]) == set(SEGMENTS) and first["rules"][0] == first["rule_id"]


def test_score_json_carries_the_suggestions(capsys):
    code, out, _ = run(capsys, "score", WEAK, "--format", "json", "--as-of", AS_OF.isoformat())
    data = json.loads(out)
    assert code == 0 and len(data["suggestions"]) >= 8
    assert data["suggestions"][0]["kind"] in ("outcome_first", "quantify", "ownership")


# -- a placeholder is never evidence -----------------------------------------------------------------


def _cv_lines(source) -> list[str]:
    document = api.read(source, name="cv.md") if isinstance(source, bytes) else api.read(source)
    return [("- " if line.hint == "bullet" else "") + line.text for line in document.lines]


@pytest.mark.parametrize(
    "source",
    [
        WEAK,
        cv("Built a model to predict churn", "Worked on NLP models for support tickets", "Improved latency of the ranker"),
        cv("Responsible for the fraud model", "Built a CNN model for image classification", skills="Python, PyTorch, Docker, Kubernetes, MLflow"),
    ],
    ids=["weak", "synthetic", "listed_mlops"],
)
def test_a_rewrite_pasted_unfilled_earns_nothing(source):
    """Pasting a rewrite with its [N]% and [metric] still in it is worth what deleting the bullet
    is worth: its placeholders, and the template's words around them, are no evidence."""

    def scores(lines: list[str]):
        return api.analyze("\n".join(lines).encode(), name="cv.md", as_of=AS_OF)

    lines = _cv_lines(source)
    base = scores(lines)
    unfilled = [s for s in base.suggestions if placeholders(s.after)]
    assert unfilled
    for suggestion in unfilled:
        pasted, without = list(lines), list(lines)
        if suggestion.line is not None:
            pasted[suggestion.line - 1] = "- " + suggestion.after
            without[suggestion.line - 1] = ""
        else:
            pasted.append("- " + suggestion.after)
        report, deleted = scores(pasted), scores(without)
        assert {s.id: s.score for s in report.segments} == {s.id: s.score for s in deleted.segments}, suggestion.after
        assert report.profile.outcomes == deleted.profile.outcomes
        assert "unfilled-placeholder" in {w.code for w in report.warnings}
        filled = scores([fill_placeholders(line) if line == "- " + suggestion.after else line for line in pasted])
        assert "unfilled-placeholder" not in {w.code for w in filled.warnings}  # once filled, it is read as any bullet


def test_a_cvs_own_brackets_are_not_placeholders():
    report = rewrite(cv("Cut p99 latency 40% by moving features to an online store [Python, Redis]"))
    assert "unfilled-placeholder" not in {w.code for w in report.warnings}
    assert report.profile.outcomes
