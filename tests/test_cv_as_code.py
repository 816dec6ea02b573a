"""CVs kept as code: LaTeX sources, JSON Resumes and Markdown website pages.

Fixtures live in tests/data/cv_as_code/ (built by its build.py; every person there is
fictional). The pairs there are the same CV in two formats and must score alike.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from cli_runner import run

from mlfit import api, schemas
from mlfit.errors import CorruptFileError, UnsupportedFormatError
from mlfit.ingest import read_document
from mlfit.ingest.jsonresume import format_date
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE, to_dict

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "cv_as_code"
AS_OF = dt.date(2026, 6, 1)
TOLERANCE = 3.0  # points, per segment, between two formats of the same CV


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


def hinted(doc, hint: str) -> list[str]:
    return [line.text for line in doc.lines if line.hint == hint]


def tex(body: str, cls: str = "fancyresume") -> bytes:
    return f"\\documentclass{{{cls}}}\n\\begin{{document}}\n{body}\n\\end{{document}}\n".encode()


# --- LaTeX ----------------------------------------------------------------------------------------


def test_latex_fixture_reads_as_headings_roles_and_bullets():
    doc = read_document(DATA / "resume.tex")
    assert doc.format == "tex" and doc.pages == 1
    assert hinted(doc, HINT_HEADING) == [
        "Summary",
        "Experience",
        "Projects",
        "Technical Skills",
        "Certifications",
        "Education",
    ]
    lines = texts(doc)
    assert lines[:2] == [
        "Renée Castañeda",
        "512-555-0187 | renee.castaneda@example.com | github.com/rcastaneda-example | Austin, TX",
    ]
    # \resumeSubheading{title}{dates}{company}{location} -> one role line mlfit's date parser reads
    assert "Senior Machine Learning Engineer, Contoso Health — Austin, TX | Mar 2022 – Present" in lines
    # ... and Jake's education order {school}{location}{degree}{dates} comes out the same way
    assert "Université de Montréal, B.Sc. in Mathematics and Computer Science — Montréal, QC | Sep 2011 – May 2015" in lines
    bullets = hinted(doc, HINT_BULLET)
    assert len(bullets) == 13 + 1 + 1  # 13 \resumeItem, the skills \item, the certification \item
    # a \resumeItem wrapped over two source lines is one bullet
    assert (
        "Own the 30-day readmission-risk model for 1.2M patients across 40 hospitals; raised AUC from 0.71 to 0.78 "
        "while keeping calibration error under 2%." in bullets
    )
    assert not re.search(r"[\\{}~]|\$\|\$", doc.text)  # no macro, brace, tie or math left
    assert doc.warnings == ()


def test_latex_comments_and_dead_code_are_gone():
    doc = read_document(DATA / "resume.tex")
    for word in ("TensorFlow", "Keras", "Theano", "Caffe", "too old", "TODO", "private repository"):
        assert word not in doc.text, word
    profile = api.extract(DATA / "resume.tex", as_of=AS_OF).profile
    ids = {s.id for s in profile.skills}
    assert not ids & {"tensorflow", "keras", "caffe"}  # only ever mentioned in comments / \iffalse
    assert {"pytorch", "onnx_runtime", "mlflow", "kubeflow", "langchain"} <= ids  # \tech{..}, \highlight{..} kept


def test_latex_escapes_dashes_and_accents():
    doc = read_document(
        tex(
            "\\section{Experience}\n"
            "\\begin{itemize}\n"
            "\\item R\\&D at AT\\&T: 40\\% faster, \\$1.2M saved, issue \\#12, snake\\_case\n"
            "\\item Pages 3--5 --- and Ren\\'e, Fran\\c{c}ois, M\\\"uller, {\\'e}t\\'e, na\\\"{\\i}ve, Espa\\~na\n"
            "\\item Latency 3.5$\\times$ lower, p99~under~50 ms\n"
            "\\end{itemize}\n"
        )
    )
    assert hinted(doc, HINT_BULLET) == [
        "R&D at AT&T: 40% faster, $1.2M saved, issue #12, snake_case",
        "Pages 3–5 — and René, François, Müller, été, naïve, España",
        "Latency 3.5× lower, p99 under 50 ms",
    ]


def test_resume_items_become_bullets_and_subheadings_roles_with_years():
    body = (
        "\\section{Work Experience}\n"
        "\\resumeSubHeadingListStart\n"
        "\\resumeSubheading{Machine Learning Engineer}{Jan 2021 -- Present}{Acme Corp}{Remote}\n"
        "\\resumeItemListStart\n"
        "\\resumeItem{Cut p99 latency by 40\\% with TensorRT}\n"
        "\\resumeItem{Built a feature store in Spark serving 2M users}\n"
        "\\resumeItemListEnd\n"
        "\\resumeSubheading{Data Scientist}{Jun 2018 -- Dec 2020}{Globex}{Austin, TX}\n"
        "\\resumeItemListStart\n\\resumeItem{Trained churn models}\n\\resumeItemListEnd\n"
        "\\resumeSubHeadingListEnd\n"
    )
    doc = read_document(tex(body))
    assert [(ln.text, ln.hint) for ln in doc.lines] == [
        ("Work Experience", HINT_HEADING),
        ("Machine Learning Engineer, Acme Corp — Remote | Jan 2021 – Present", HINT_NONE),
        ("Cut p99 latency by 40% with TensorRT", HINT_BULLET),
        ("Built a feature store in Spark serving 2M users", HINT_BULLET),
        ("Data Scientist, Globex — Austin, TX | Jun 2018 – Dec 2020", HINT_NONE),
        ("Trained churn models", HINT_BULLET),
    ]
    profile = api.extract(doc, as_of=AS_OF).profile
    assert [(r.start, r.end) for r in profile.roles] == [("2021-01", "2026-06"), ("2018-06", "2020-12")]
    assert profile.years == pytest.approx(8.0, abs=0.1)
    assert len(profile.bullets) == 3


def test_unknown_macros_keep_their_text_and_layout_macros_leave_nothing():
    doc = read_document(
        tex(
            "\\section{Projects}\n"
            "\\begin{itemize}\n"
            "\\item Ran \\highlight{Kubeflow Pipelines} on \\stackbadge{GKE}{Autopilot}\\hfill\\vspace{-2pt}\n"
            "\\item \\color{blue}Colour \\textcolor{red}{only} here\\setlength{\\itemsep}{3pt}, \\mytool[v2]{Ray} too\n"
            "\\end{itemize}\n"
        )
    )
    assert hinted(doc, HINT_BULLET) == ["Ran Kubeflow Pipelines on GKE Autopilot", "Colour only here, Ray too"]
    assert "blue" not in doc.text and "3pt" not in doc.text and "itemsep" not in doc.text


def test_a_missing_document_class_does_not_matter():
    body = "\\section{Experience}\n\\resumeItem{Shipped a RAG assistant}\n\\cvsection{Skills}\n\\cvitem{ML}{PyTorch}\n"
    assert texts(read_document(tex(body, "fancyresume"))) == texts(read_document(tex(body, "article")))
    assert texts(read_document(tex(body))) == ["Experience", "Shipped a RAG assistant", "Skills", "ML: PyTorch"]


def test_newcommand_macros_are_expanded():
    source = (
        "\\documentclass{article}\n"
        "\\newcommand{\\tool}[1]{\\textbf{#1}}\n"
        "\\newcommand{\\win}[2]{\\item #1, saving #2}\n"
        "\\begin{document}\n\\section{Experience}\n\\begin{itemize}\n"
        "\\win{Moved serving to \\tool{Triton}}{\\$40K a year}\n"
        "\\end{itemize}\n\\end{document}\n"
    )
    doc = read_document(source.encode())
    assert [(ln.text, ln.hint) for ln in doc.lines] == [
        ("Experience", HINT_HEADING),
        ("Moved serving to Triton, saving $40K a year", HINT_BULLET),
    ]


@pytest.mark.parametrize(
    "preamble,body,expected",
    [
        (  # moderncv: details in the preamble, \cventry{dates}{title}{employer}{city}{grade}{description}
            "\\name{John}{Smith}\n\\title{ML Engineer}\n\\email{john.smith@example.com}\n\\phone[mobile]{555-0100}\n",
            "\\makecvtitle\n\\section{Experience}\n"
            "\\cventry{2020--Present}{ML Engineer}{Acme}{Springfield}{}{Built recommendation models.}\n"
            "\\cvitem{Languages}{Python, Go}\n",
            [
                "John Smith",
                "ML Engineer",
                "john.smith@example.com | 555-0100",
                "Experience",
                "ML Engineer, Acme — Springfield | 2020–Present",
                "Built recommendation models.",
                "Languages: Python, Go",
            ],
        ),
        (  # Awesome-CV: \cventry{title}{organization}{location}{dates}{description with cvitems}
            "\\name{Jane}{Doe}\n\\position{ML Engineer}\n",
            "\\makecvheader\n\\cvsection{Work Experience}\n\\begin{cventries}\n"
            "  \\cventry\n    {Senior ML Engineer} % title\n    {Example GmbH} % organization\n"
            "    {Berlin, Germany}\n    {Jun. 2021 - Present}\n"
            "    {\\begin{cvitems}\\item {Built a feature store used by 12 teams.}\\end{cvitems}}\n"
            "\\end{cventries}\n",
            [
                "Jane Doe",
                "ML Engineer",
                "Work Experience",
                "Senior ML Engineer, Example GmbH — Berlin, Germany | Jun. 2021 - Present",
                "Built a feature store used by 12 teams.",
            ],
        ),
        (  # res.cls and FAANGPath: sections are rSection environments
            "",
            "\\begin{rSection}{Experience}\n\\textbf{ML Engineer} \\hfill 2021 - Present\\\\\nContoso \\hfill Austin, TX\n"
            "\\begin{itemize}\n\\item Cut p99 latency by 40\\%\n\\end{itemize}\n\\end{rSection}\n"
            "\\begin{rSection}{Skills}\nPython, PyTorch\n\\end{rSection}\n",
            ["Experience", "ML Engineer 2021 - Present", "Contoso Austin, TX", "Cut p99 latency by 40%", "Skills", "Python, PyTorch"],
        ),
        (  # AltaCV: \cvevent{title}{organization}{dates}{location}, skills as \cvtag
            "",
            "\\cvsection{Experience}\n\\cvevent{ML Engineer}{Contoso}{Jan 2021 -- Present}{Austin, TX}\n"
            "\\begin{itemize}\n\\item Cut p99 latency by 40\\%\n\\end{itemize}\n\\divider\n"
            "\\cvsection{Skills}\n\\cvtag{Python}\\cvtag{PyTorch}\n",
            ["Experience", "ML Engineer, Contoso — Austin, TX | Jan 2021 – Present", "Cut p99 latency by 40%", "Skills", "Python, PyTorch"],
        ),
        (  # a class nobody knows: a one-argument macro whose argument names a section is a heading
            "",
            "\\cvheading{Experience}\n\\job{ML Engineer}{Contoso}{2021 -- Present}\n"
            "\\begin{itemize}\n\\item Cut p99 latency by 40\\%\n\\end{itemize}\n\\cvheading{Education}\nBSc, Example University, 2020\n",
            ["Experience", "ML Engineer Contoso 2021 – Present", "Cut p99 latency by 40%", "Education", "BSc, Example University, 2020"],
        ),
    ],
)
def test_other_resume_classes(preamble, body, expected):
    source = f"\\documentclass{{someclass}}\n{preamble}\\begin{{document}}\n{body}\\end{{document}}\n"
    doc = read_document(source.encode())
    assert texts(doc) == expected
    headings = {ln.text for ln in doc.lines if ln.hint == HINT_HEADING}
    assert "Experience" in headings or "Work Experience" in headings


def test_a_template_macro_that_opens_a_list_it_never_closes_does_not_swallow_the_cv():
    # sb2nov-style list macros: \begin{itemize} in one macro, \end{itemize} in another
    source = (
        "\\documentclass{article}\n"
        "\\newcommand{\\entryListStart}{\\begin{itemize}[leftmargin=*]}\n"
        "\\newcommand{\\entryListEnd}{\\end{itemize}}\n"
        "\\newcommand{\\point}[1]{\\item\\small{#1}}\n"
        "\\begin{document}\n\\section{Experience}\n\\entryListStart\n"
        "\\point{Cut inference cost 30\\% with distillation}\n\\entryListEnd\n"
        "\\section{Skills}\nPython, PyTorch\n\\end{document}\n"
    )
    doc = read_document(source.encode())
    assert [(ln.text, ln.hint) for ln in doc.lines] == [
        ("Experience", HINT_HEADING),
        ("Cut inference cost 30% with distillation", HINT_BULLET),
        ("Skills", HINT_HEADING),
        ("Python, PyTorch", HINT_NONE),
    ]


def test_under_section_a_subsection_is_an_entry_or_a_label_unless_it_names_a_section():
    body = (
        "\\section{Education}\n\\subsection{Example University}\nBSc Physics, 2019\n"
        "\\section{Skills}\n\\subsection{Programming}\nPython, Go\n\\subsection{Awards}\nDean's list\n"
    )
    doc = read_document(tex(body))
    assert hinted(doc, HINT_HEADING) == ["Education", "Skills", "Awards"]
    sections = [s.name for s in api.extract(doc).sections]
    assert sections == ["education", "skills", "awards"]


def test_latex_is_sniffed_from_the_bytes():
    body = b"\\section{Experience}\n\\resumeItem{Cut latency by 40\\%}\n"  # no \documentclass: an \input part
    doc = read_document(body, name="cv.txt")
    assert doc.format == "tex"
    assert texts(doc) == ["Experience", "Cut latency by 40%"]
    # a Markdown CV that shows a little LaTeX is still Markdown
    md = b"# Jane Doe\n\n## Experience\n\n- Derived the $\\alpha$-divergence loss\n"
    assert read_document(md).format == "md"


# --- JSON Resume --------------------------------------------------------------------------------------


def test_json_resume_sections_roles_and_bullets():
    doc = read_document(DATA / "resume.json")
    assert doc.format == "json"
    # headings are the schema's section names, as themes print them, each read as its kind
    assert hinted(doc, HINT_HEADING) == [
        "Summary",
        "Work",
        "Projects",
        "Skills",
        "Education",
        "Certificates",
        "Awards",
        "Publications",
        "Volunteer",
        "Languages",
        "Interests",
        "References",
    ]
    kinds = {s.heading: s.name for s in api.extract(doc).sections}
    assert kinds["Work"] == "experience" and kinds["Certificates"] == "certifications"
    assert kinds["Volunteer"] == "other" and kinds["Publications"] == "publications"
    lines = texts(doc)
    assert lines[2] == "aditi.varga@example.com | 415-555-0134 | https://aditi.example.com | San Francisco, CA 94107, US"
    assert "Senior Machine Learning Engineer, Lumen Robotics — San Francisco, CA | Jan 2023 – Present" in lines
    assert "Machine Learning Engineer, Brightline Commerce — Oakland, CA | Aug 2019 – Dec 2022" in lines
    assert "LLMs & RAG (Expert): LangChain, LlamaIndex, vLLM, pgvector, prompt engineering, tool calling" in lines
    assert "Google Cloud Professional Machine Learning Engineer, Google Cloud (May 2023)" in lines
    assert "Best Demo, Bay Area LLM Hackathon, Bay Area AI Builders (Mar 2024)" in lines
    assert "Used by 30+ companies; 2.1K GitHub stars." in hinted(doc, HINT_BULLET)  # projects[].highlights
    assert len(hinted(doc, HINT_BULLET)) == 4 + 3 + 1 + 2 + 1
    assert "photo.jpg" not in doc.text and "lastModified" not in doc.text and "$schema" not in doc.text

    profile = api.extract(doc, as_of=AS_OF).profile
    names = [s.name for s in profile.sections]
    assert {"summary", "experience", "projects", "skills", "education", "certifications"} <= set(names)
    assert profile.location == "San Francisco, CA"
    assert [(r.start, r.end) for r in profile.roles][:3] == [("2023-01", "2026-06"), ("2019-08", "2022-12"), ("2017-06", "2019-07")]
    assert {"langchain", "vllm", "pytorch", "mlflow"} <= {s.id for s in profile.skills}


def test_json_resume_old_and_new_schema_give_the_same_profile():
    new = json.loads((DATA / "resume.json").read_text(encoding="utf-8"))
    old = json.loads((DATA / "resume-old-schema.json").read_text(encoding="utf-8"))
    assert "name" in new["work"][0] and "url" in new["basics"] and "score" in new["education"][0]
    assert "company" in old["work"][0] and "name" not in old["work"][0]
    assert "website" in old["basics"] and "url" not in old["basics"]
    assert "gpa" in old["education"][0] and "picture" in old["basics"]
    new_doc, old_doc = read_document(DATA / "resume.json"), read_document(DATA / "resume-old-schema.json")
    assert texts(new_doc) == texts(old_doc)
    new_profile = api.extract(new_doc, as_of=AS_OF).profile
    old_profile = api.extract(old_doc, as_of=AS_OF).profile
    assert to_dict(new_profile) == to_dict(old_profile)


def test_json_resume_fields_are_not_lost():
    resume = {
        "basics": {"name": "Kai Moreno", "location": {"city": "Denver", "region": "CO"}, "pronouns": "they/them"},
        "work": [
            {"company": "Initech", "position": "ML Engineer", "startDate": "2021-01", "team": "Fraud", "highlights": ["Cut fraud losses by 20%"]}
        ],
        "talks": [{"name": "Shipping models safely", "event": "PyData Denver 2024"}],
    }
    doc = read_document(json.dumps(resume).encode())
    assert texts(doc) == [
        "Kai Moreno",
        "Denver, CO",
        "Pronouns: they/them",
        "Work",
        "ML Engineer, Initech | Jan 2021 – Present",
        "Cut fraud losses by 20%",
        "Team: Fraud",
        "Talks",
        "Shipping models safely",
        "Event: PyData Denver 2024",
    ]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2021-01-01", "Jan 2021"),
        ("2021-01", "Jan 2021"),
        ("2021-12-31", "Dec 2021"),
        ("2021", "2021"),
        ("Spring 2020", "Spring 2020"),
        (None, ""),
        ("2023-05-01T00:00:00Z", "May 2023"),
    ],
)
def test_json_resume_dates(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    "payload",
    [b'{"name": "mlfit", "version": "0.1.0", "dependencies": {}}', b'[{"basics": {}}]', b'{"basics": null}'],
)
def test_json_that_is_not_a_json_resume(capsys, tmp_path, payload):
    with pytest.raises(UnsupportedFormatError, match="JSON, but not a JSON Resume: no basics/work"):
        read_document(payload)
    path = tmp_path / "package.json"
    path.write_bytes(payload)
    code, out, err = run(capsys, "score", path)
    assert code == 3 and out == ""
    assert err.startswith(f"mlfit: error[unsupported-format]: {path}: JSON, but not a JSON Resume: no basics/work")
    assert len(err.splitlines()) == 1


def test_broken_json_resume_is_a_clear_error(capsys, tmp_path):
    with pytest.raises(CorruptFileError, match=r"not valid JSON \(line 2, column"):
        read_document(b'{"basics": {"name": "Kai"},\n "work": [}')
    # text that merely starts with a brace is not JSON
    assert read_document(b"{% include header.html %}\n# Kai Moreno\n\n## Experience\n").format == "md"


# --- Markdown pages of a website -----------------------------------------------------------------------


def test_jekyll_page_reads_as_clean_text_and_structure():
    doc = read_document(DATA / "jekyll-resume.md")
    assert doc.format == "md"
    text = doc.text
    for leftover in ("{%", "%}", "{{", "}}", "{:", "<", ">", "layout:", "permalink", "&amp;", "&nbsp;", "TOC"):
        assert leftover not in text, leftover
    for hidden in ("TensorFlow", "Keras", "analytics stub", "small-caps"):  # Liquid comment, <script>, <style>
        assert hidden not in text, hidden
    # setext headings (=== and ---) and an HTML <h2> are sections; <h3> and ### role lines are not
    assert hinted(doc, HINT_HEADING) == [
        "Aditi Varga",
        "Summary",
        "Experience",
        "Projects",
        "Skills",
        "Education",
        "Certifications",
    ]
    lines = texts(doc)
    assert "Machine Learning Engineer, Brightline Commerce — Oakland, CA | Aug 2019 – Dec 2022" in lines
    assert "Data Scientist, Quillstone Analytics — San Jose, CA | Jun 2017 – Jul 2019" in lines
    assert "LLMs & RAG (Expert): LangChain, LlamaIndex, vLLM, pgvector, prompt engineering, tool calling" in lines
    bullets = hinted(doc, HINT_BULLET)
    assert "Served models with FastAPI and Triton on Kubernetes at 3K QPS with p95 latency under 80 ms." in bullets  # <li>
    assert len(bullets) == 4 + 3 + 1 + 2 + 2
    profile = api.extract(doc, as_of=AS_OF).profile
    # the dated open-source project under Projects is not a position
    assert [r.employer for r in profile.roles] == ["Lumen Robotics", "Brightline Commerce", "Quillstone Analytics"]
    assert profile.location == "San Francisco, CA"
    assert "tensorflow" not in {s.id for s in profile.skills}


def test_markdown_front_matter_toml_and_role_subheadings():
    md = (
        '+++\ntitle = "CV"\ndate = 2025-01-01\n+++\n'
        "# Kai Moreno\n\n## Experience\n\n"
        "### ML Engineer, Initech | Jan 2021 – Present\n\n- Cut fraud losses by 20%\n\n"
        "#### Initech Labs\n\n- Built a feature store\n\n"
        "## Skills\n\nPython, PyTorch\n"
    )
    doc = read_document(md.encode())
    assert [(ln.text, ln.hint) for ln in doc.lines] == [
        ("Kai Moreno", HINT_HEADING),
        ("Experience", HINT_HEADING),
        ("ML Engineer, Initech | Jan 2021 – Present", HINT_NONE),
        ("Cut fraud losses by 20%", HINT_BULLET),
        ("Initech Labs", HINT_NONE),
        ("Built a feature store", HINT_BULLET),
        ("Skills", HINT_HEADING),
        ("Python, PyTorch", HINT_NONE),
    ]
    sections = [s.name for s in api.extract(doc, as_of=AS_OF).profile.sections]
    assert sections == ["header", "experience", "skills"]  # the sub-headings did not open sections


# --- the same CV in two formats scores alike ---------------------------------------------------------------


@pytest.mark.parametrize(
    "first,second",
    [
        ("resume.tex", "resume.pdf"),  # LaTeX source and the PDF made from it
        ("resume.json", "resume.md"),  # JSON Resume and its Markdown rendering
        ("resume.json", "resume-old-schema.json"),
        ("resume.json", "jekyll-resume.md"),  # ... and the same CV as a page of a Jekyll site
    ],
)
def test_same_cv_in_two_formats_scores_alike(first, second):
    a = api.analyze(DATA / first, as_of=AS_OF)
    b = api.analyze(DATA / second, as_of=AS_OF)
    sa, sb = ({s.id: s.score for s in r.segments} for r in (a, b))
    assert set(sa) == set(sb)
    for segment in sa:
        assert abs(sa[segment] - sb[segment]) <= TOLERANCE, (segment, sa, sb)
    assert a.profile.years == pytest.approx(b.profile.years, abs=0.2)
    assert a.profile.seniority == b.profile.seniority


def test_score_cli_on_a_latex_cv(capsys):
    code, out, err = run(capsys, "score", DATA / "resume.tex", "--format", "json", "--as-of", AS_OF.isoformat())
    assert code == 0, err
    data = json.loads(out)
    from jsonschema import Draft202012Validator

    errors = list(Draft202012Validator(schemas.load("report")).iter_errors(data))
    assert not errors, errors[0].message
    assert data["source"]["format"] == "tex"
    best = data["segments"][0]["score"]
    code, _, err = run(capsys, "score", DATA / "resume.tex", "--fail-under", str(best - 5), "--as-of", AS_OF.isoformat())
    assert code == 0, err
    code, _, err = run(capsys, "score", DATA / "resume.tex", "--fail-under", str(min(100, best + 5)), "--as-of", AS_OF.isoformat())
    assert code == 1 and "below --fail-under" in err


# --- the fixtures and the pre-commit hook ------------------------------------------------------------------


def test_fixtures_are_what_build_py_writes():
    spec = importlib.util.spec_from_file_location("cv_as_code_build", DATA / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # its dataclasses look their module up
    try:
        spec.loader.exec_module(build)
        outputs = build.outputs()
    finally:
        del sys.modules[spec.name]
    for name, data in outputs.items():
        assert (DATA / name).read_bytes() == data, f"{name} is stale: run python tests/data/cv_as_code/build.py"
    pdf = read_document(DATA / "resume.pdf")
    assert pdf.format == "pdf" and "Renée Castañeda" in texts(pdf)
    for path in DATA.iterdir():
        if path.suffix in (".tex", ".json", ".md"):
            emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", path.read_text(encoding="utf-8"))
            assert emails and all(e.endswith("@example.com") for e in emails), (path.name, emails)


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert {"id", "name", "entry", "language", "files", "types"} <= set(hook)
    assert hook["id"] == "mlfit"
    assert hook["entry"] == "mlfit score"
    assert hook["language"] == "python"
    assert hook["types"] == ["file"]
    files = re.compile(hook["files"])
    for name in ("cv.tex", "resume.json", "cv/resume.md", "Resume-2026.pdf", "docs/CV.docx", "curriculum-vitae.txt"):
        assert files.search(name), name
    for name in ("README.md", "package.json", "src/cv_utils.py", "cvs/notes.txt", "resume.tex.bak"):
        assert not files.search(name), name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "id: mlfit" in readme and 'args: [--fail-under, "40"]' in readme
    assert "mlfit score cv.tex --fail-under 40" in readme


def test_markdown_is_read_as_commonmark():
    # what line regexes got wrong: reference links and their definitions, escapes inside
    # words, code spans, nested ordered lists, entities, a setext heading under a list
    md = (
        b"# Jordan Example\n[GitHub][gh] | jordan@example.com\n\n## Experience\n"
        b"### ML Engineer, Contoso | 2021 - Present\n"
        b"* Cut p99 latency by 40% with `torch_tensorrt` and __fused__ kernels\n  wrapped onto a second line\n"
        b"* Built the feature\\_store_v2 pipeline in *Spark*\n    1. nested item with Airflow\n\n"
        b"Skills\n------\nPython, PyTorch &amp; JAX\n\n[gh]: https://github.com/jordan-example\n"
    )
    doc = read_document(md, name="cv.md")
    assert [(ln.text, ln.hint) for ln in doc.lines] == [
        ("Jordan Example", HINT_HEADING),
        ("GitHub (https://github.com/jordan-example) | jordan@example.com", HINT_NONE),
        ("Experience", HINT_HEADING),
        ("ML Engineer, Contoso | 2021 - Present", HINT_NONE),
        ("Cut p99 latency by 40% with torch_tensorrt and fused kernels", HINT_BULLET),
        ("wrapped onto a second line", HINT_NONE),
        ("Built the feature_store_v2 pipeline in Spark", HINT_BULLET),
        ("nested item with Airflow", HINT_BULLET),
        ("Skills", HINT_HEADING),
        ("Python, PyTorch & JAX", HINT_NONE),
    ]
    profile = api.extract(doc).profile
    assert [r.title for r in profile.roles] == ["ML Engineer"]


def test_a_json_resume_entrys_keywords_are_its_tool_line_not_part_of_a_bullet():
    resume = {
        "basics": {"name": "Jordan Lee", "label": "ML Engineer", "email": "jordan@example.com"},
        "work": [
            {
                "name": "Examplecorp",
                "position": "ML Engineer",
                "startDate": "2021-01",
                "highlights": ["Cut p99 latency 40% by serving the ranker with Triton"],
                "keywords": ["vLLM", "KServe"],
            }
        ],
        "projects": [{"name": "Recsys", "highlights": ["Built retrieval with FAISS"], "keywords": ["Quillmatch", "FAISS"]}],
        "skills": [{"name": "ML", "keywords": ["PyTorch"]}],
    }
    reading = api.extract(json.dumps(resume).encode(), name="resume.json")
    skills = {s.id: s for s in reading.profile.skills}
    assert skills["vllm"].demonstrated and skills["unrecognised:quillmatch"].demonstrated  # an unknown tool of a project is kept
    lines = {line.no: line.text for line in reading.lines}
    bullet_lines = {lines[n] for n in reading.profile.bullets}
    assert "Built retrieval with FAISS" in bullet_lines and not [t for t in bullet_lines if "Keywords" in t or "Built with" in t]
