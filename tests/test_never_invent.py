"""Never invent: a rewrite keeps the CV's facts and adds no number, skill or name the CV does not state.

Generated bullets (a grammar of verbs, models, tools, purposes, numbers and vague outcomes) and
about thirty real-shaped bullets go through the whole rewriter. Every number-like token, every
vocabulary skill and every capitalised name in a rewrite, outside its [placeholders], must
appear in the bullet it came from or elsewhere in the CV. Missing facts are visible [placeholders].
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlfit import api
from mlfit.scoring import score_segments
from mlfit.suggest import PLACEHOLDER, VARIABLES, rewrite_data, suggest

AS_OF = dt.date(2026, 6, 1)
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w+#&.'’/-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\(\s*)$")

# -- the grammar ------------------------------------------------------------------------------

VERBS = [
    "Built",
    "Trained",
    "Developed",
    "Implemented",
    "Created",
    "Designed",
    "Fine-tuned",
    "Prototyped",
    "Maintained",
    "Deployed",
    "Shipped",
    "Led",
    "Wrote",
    "Worked on",
    "Responsible for building",
    "Responsible for",
    "Helped",
    "Helped the team with",
    "Assisted senior engineers with",
    "Involved in",
    "Participated in",
    "Contributed to",
    "Tasked with",
    "build",
    "Used",
]
MODELS = [
    "a BERT classifier",
    "an XGBoost churn model",
    "a CNN model",
    "a random forest model",
    "an LSTM forecaster",
    "a LightGBM ranker",
    "a transformer",
    "NLP models",
    "a logistic regression model",
    "a two-tower retrieval model",
    "a Llama-based summarizer",
    "a sentiment analysis model",
    "a fraud detection model",
    "recommendation models",
    "a chatbot using LLMs",
    "a RAG assistant",
    "the pricing model",
    "an anomaly detector",
    "machine learning projects",
]
PURPOSES = [
    "",
    "for support tickets",
    "to predict customer churn",
    "for image classification",
    "for fraud detection",
    "for the search team",
    "at Acme Payments",
    "for Zillow-style listings",
    "on clickstream data",
    "for 3 product lines",
    "for the Q3 launch",
]
TOOLS = [
    "",
    "using PyTorch",
    "in TensorFlow",
    "with Docker and Kubernetes",
    "on AWS SageMaker",
    "with MLflow tracking",
    "in Jupyter",
    "with scikit-learn",
    "on GCP Vertex AI",
    "with Spark and Airflow",
    "using Hugging Face",
]
OUTCOMES = [
    "",
    "improving accuracy by 12%",
    "cutting p99 latency from 200 ms to 40 ms",
    "serving 3M requests a day",
    "saving $1.2M a year",
    "lifting CTR by 2.1%",
    "improved latency",
    "reduced costs",
    "increased conversion",
    "boosting model performance",
    "in 6 weeks",
]
SKILL_LINES = [
    "Python, PyTorch, TensorFlow, Docker, Kubernetes, MLflow, AWS, SQL",
    "Python, scikit-learn, XGBoost, Pandas, Jupyter, Excel",
    "PyTorch, Hugging Face, LangChain, Pinecone, GCP, Airflow, Spark, Kafka, FastAPI",
    "Python, R, SQL, Tableau",
]

REAL_SHAPED = [
    "Trained a BERT classifier for support tickets",
    "Built a CNN model for image classification",
    "Worked on NLP models",
    "Responsible for training models in Jupyter",
    "Built a model to predict customer churn",
    "Helped the team with data cleaning and preprocessing",
    "Responsible for maintaining recommendation models",
    "Helped deploy a churn model",
    "Involved in the migration to AWS SageMaker",
    "Assisted senior engineers with feature engineering",
    "Developed a BERT-based ticket classifier",
    "Built an LSTM model to forecast weekly demand",
    "Implemented a random forest for customer churn prediction",
    "Fine-tuned a Llama-based summarizer for the legal team",
    "Built a chatbot using LLMs",
    "Wrote prompts for a GPT-based FAQ bot",
    "Improved latency of the ranking service",
    "Reduced inference costs for the recommendation model",
    "Increased conversion with a re-ranked recommendation carousel",
    "Built the TensorFlow training pipeline for the ads CTR model",
    "Trained gradient-boosted churn models in Jupyter notebooks and presented results to stakeholders",
    "Developed recommendation models in PyTorch",
    "Used deep learning to classify images of cats and dogs",
    "Built a movie recommendation system",
    "Cut p99 ranking latency from 180 ms to 45 ms by moving feature joins into the online store",
    "Reduced fraud losses by $1.2M per year with a real-time transaction scoring service",
    "Shipped a BERT ticket router to production, cutting median first-response time by 30%",
    "Deployed a LightGBM fraud model as a real-time scoring service handling card authorizations",
    "Worked on machine learning projects for Acme Retail and Globex",
    "Created a sentiment model for Zendesk tickets at Initech",
    "Designed a two-tower retrieval model for the Hulu home feed",
    "Maintained the XGBoost credit model for the underwriting team",
]


def cv_text(bullets: list[str], skills: str) -> str:
    lines = [
        "Jordan Lee",
        "ML Engineer",
        "",
        "SUMMARY",
        "ML engineer building models for product teams.",
        "",
        "EXPERIENCE",
        "Machine Learning Engineer, Acme Corp | Jan 2022 – Present",
    ]
    lines += [f"- {b}" for b in bullets]
    lines += ["", "SKILLS", skills]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def rules():
    return api.load_rules()


TOKEN = re.compile(r"[\w+#&'’/-]+(?:\.[\w+#]+)*")


def _words(text: str) -> set[str]:
    return {t.lower().strip("'’/-") for t in TOKEN.findall(text)}


def violations(reading, suggestions, engine) -> list[str]:
    """Every fact in a rewrite that neither its own line nor the CV states (compared token by token)."""
    cv_text_ = reading.document.text
    cv_numbers = set(NUMBER.findall(cv_text_))
    cv_words = _words(cv_text_)
    cv_skills = {s.id for s in reading.profile.skills} | {h.key for h in engine.analyzer.analyze([cv_text_]).skills}
    problems = []
    for s in suggestions:
        assert "{" not in s.after and "}" not in s.after, f"unfilled template variable: {s.after!r}"
        assert s.after.count("[") == s.after.count("]"), s.after
        assert list(s.placeholders) == list(dict.fromkeys(PLACEHOLDER.findall(s.after)))
        bare = PLACEHOLDER.sub(" ", s.after)
        own_numbers, own_words = set(NUMBER.findall(s.before)), _words(s.before)
        for number in NUMBER.findall(bare):
            if number not in own_numbers and number not in cv_numbers:
                problems.append(f"number {number!r} in {s.after!r}")
        for m in CAPITALISED.finditer(bare):
            if SENTENCE_START.search(bare[: m.start()]):
                continue  # the first word of a sentence is capitalised by grammar, not a name
            for word in _words(m.group(0)):
                if word not in own_words and word not in cv_words:
                    problems.append(f"name {m.group(0)!r} in {s.after!r}")
        for hit in engine.analyzer.analyze([bare]).skills:
            if hit.key not in cv_skills:
                problems.append(f"skill {hit.key!r} ({hit.text!r}) in {s.after!r}")
    return problems


def run(rules, bullets: list[str], skills: str):
    from mlfit.engine import engine_for

    engine = engine_for(rules)
    reading = engine.read(api.read(cv_text(bullets, skills).encode("utf-8"), name="cv.md"), as_of=AS_OF)
    scores = score_segments(rules.select(None), reading.facts)
    return engine, reading, scores


@st.composite
def generated_bullet(draw) -> str:
    parts = [draw(st.sampled_from(VERBS)), draw(st.sampled_from(MODELS)), draw(st.sampled_from(PURPOSES)), draw(st.sampled_from(TOOLS))]
    outcome = draw(st.sampled_from(OUTCOMES))
    text = " ".join(p for p in parts if p)
    if outcome:
        text += (", " if draw(st.booleans()) else " ") + outcome
    if draw(st.integers(0, 9)) == 0:
        text += f", {draw(st.integers(2, 950))} daily users"
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    bullets=st.lists(generated_bullet(), min_size=1, max_size=6),
    skills=st.sampled_from(SKILL_LINES),
    segment=st.sampled_from([None, "big_tech", "startup", "regulated", "defense"]),
)
def test_generated_bullets_never_gain_a_fact(rules, bullets, skills, segment):
    engine, reading, scores = run(rules, bullets, skills)
    suggestions = suggest(reading, scores, rules, segment=segment)
    assert not violations(reading, suggestions, engine)


@pytest.mark.parametrize("segment", [None, "big_tech", "startup", "regulated", "defense"])
def test_real_shaped_bullets_never_gain_a_fact(rules, segment):
    for start in range(0, len(REAL_SHAPED), 8):  # several small CVs, so each bullet is judged in a few neighbourhoods
        for skills in SKILL_LINES[:3]:
            engine, reading, scores = run(rules, REAL_SHAPED[start : start + 8], skills)
            suggestions = suggest(reading, scores, rules, segment=segment)
            assert suggestions, "the real-shaped bullets include weak ones: there must be rewrites"
            assert not violations(reading, suggestions, engine)


def test_the_example_cvs_never_gain_a_fact(rules):
    from pathlib import Path

    from mlfit.engine import engine_for

    engine = engine_for(rules)
    examples = Path(__file__).resolve().parents[1] / "examples"
    for path in sorted(examples.iterdir()):
        if path.suffix not in (".pdf", ".docx", ".md", ".txt") or path.name == "README.md":
            continue
        reading = engine.read(api.read(path), as_of=AS_OF)
        scores = score_segments(rules.select(None), reading.facts)
        for segment in (None, "startup", "regulated"):
            assert not violations(reading, suggest(reading, scores, rules, segment=segment), engine), path.name


def test_templates_state_no_fact_of_their_own(rules):
    """Outside [placeholders] and {variables}, a template has no number and no name (but its first word)."""
    data = rewrite_data()
    texts = [(r.id, r.rewrite) for r in rules.rules.values() if r.rewrite]
    texts += [("ownership", o.to) for o in data.openers] + [("ownership", o.before_verb or "") for o in data.openers]
    texts += [("quantify", then) for _, then in data.vague]
    for where, template in texts:
        names = re.findall(r"\{(\w+)", template)
        assert set(names) <= set(VARIABLES) | {"past", "base", "ing"}, (where, names)
        bare = PLACEHOLDER.sub(" ", re.sub(r"\{\w+(?::[^{}]*)?\}", " ", template))
        assert not NUMBER.search(bare), (where, template)
        capitals = [m.group(0) for m in CAPITALISED.finditer(bare) if bare[: m.start()].strip()]
        assert not capitals, (where, template, capitals)


def test_a_missing_fact_is_a_visible_placeholder(rules):
    engine, reading, scores = run(rules, ["Trained a BERT classifier for support tickets"], SKILL_LINES[0])
    (s,) = [s for s in suggest(reading, scores, rules) if s.line is not None and "BERT" in s.before]
    assert "[N]" in s.after and "[volume]" in s.after
    assert s.placeholders and all(p.startswith("[") and p.endswith("]") for p in s.placeholders)


def test_the_check_itself_catches_an_invented_fact(rules):
    """The oracle above is only worth something if it fails on a rewrite that makes things up."""
    from dataclasses import replace

    engine, reading, scores = run(rules, ["Trained a BERT classifier for support tickets"], SKILL_LINES[1])
    (s,) = [s for s in suggest(reading, scores, rules) if "BERT" in s.before]
    for invented in (
        "Cut triage time by 37% with a BERT classifier",
        "Shipped a BERT classifier at Google",
        "Served a BERT classifier on Kubernetes",
        "Trained a BERT classifier on 2M tickets",
    ):
        assert violations(reading, [replace(s, after=invented, placeholders=())], engine), invented
    assert not violations(reading, [replace(s, after="Cut [metric] by [N]% with a BERT classifier", placeholders=("[metric]", "[N]"))], engine)
