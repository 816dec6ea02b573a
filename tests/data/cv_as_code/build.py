"""Build the "CV as code" fixtures in this folder from the content defined below.

Run from the repository root::

    python tests/data/cv_as_code/build.py

Every person, employer and contact detail here is fictional (emails @example.com).

Two CVs, each written out in two formats, as the people who keep their CV in a
git repository have them:

* ``resume.tex``  Renée Castañeda's CV as LaTeX source, in the style of Jake
  Gutierrez's popular resume template (``\\resumeSubheading``, ``\\resumeItem``
  ...), using a class, ``fancyresume``, that does not exist here: the macros
  come from that class, as they would from a private ``.cls`` file. Comments,
  a commented-out bullet, an ``\\iffalse`` block, escapes and accents included.
* ``resume.pdf``  the same CV as the PDF LaTeX would make of it. No LaTeX
  toolchain is available where mlfit is developed and tested, so reportlab
  draws it in the template's layout: the name, a contact line, section titles
  over a rule, each entry as two rows (title and dates; company and
  location), bullets.
* ``resume.json``  Aditi Varga's CV as a JSON Resume, current schema (1.0).
* ``resume-old-schema.json``  the same, in the older schema's keys
  (``work[].company``, ``website``, ``picture``, ``gpa``).
* ``resume.md``  resume.json rendered to Markdown as a resume theme does.

``jekyll-resume.md`` (Aditi's CV as a page of a Jekyll website: front matter,
Liquid tags, inline HTML, setext headings) is written by hand, not generated.

The outputs are committed; tests/test_cv_as_code.py checks that this script
still produces the committed text files.
"""

from __future__ import annotations

from reportlab import rl_config

# Binary page streams: ASCII85 text is full of things that look like e-mail addresses
# to the fixture check that keeps real contact details out of the repository.
rl_config.useA85 = 0

import copy
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- #
# Renée Castañeda: LaTeX source and its PDF
# --------------------------------------------------------------------------- #
#
# Inline markup in the strings below: *bold*, ((tech)) -> \tech{..} (a macro
# the .tex defines with \newcommand), [[x]] -> \highlight{..} (a macro of the
# missing class: mlfit must keep its text).


@dataclass
class Entry:
    title: str
    dates: str
    org: str
    location: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class Project:
    name: str
    tech: str
    dates: str
    bullets: list[str] = field(default_factory=list)


NAME = "Renée Castañeda"
CONTACT = ["512-555-0187", "renee.castaneda@example.com", "github.com/rcastaneda-example", "Austin, TX"]
SUMMARY = (
    "Machine Learning Engineer with 7 years of experience shipping production models in healthcare and logistics: "
    "risk models, demand forecasting and retrieval-augmented generation (RAG), with the monitoring, validation "
    "and documentation that regulated teams need."
)
EXPERIENCE = [
    Entry(
        "Senior Machine Learning Engineer",
        "Mar 2022 – Present",
        "Contoso Health",
        "Austin, TX",
        [
            "Own the 30-day readmission-risk model for 1.2M patients across 40 hospitals; raised AUC from 0.71 to 0.78 "
            "while keeping calibration error under 2%.",
            "Cut p99 inference latency from 240 ms to 60 ms with ((ONNX Runtime)) and dynamic batching on Kubernetes, "
            "saving $340K a year in GPU spend.",
            "Built drift detection and model monitoring (PSI checks, Prometheus & Grafana alerts) with automatic "
            "rollback; time to detect a broken feed fell from 3 days to 2 hours.",
            "Wrote model cards, validation reports and data lineage in ((MLflow)) for every release; passed 3 external "
            "audits (HIPAA, SOC 2) with zero findings.",
            "Shipped a RAG assistant for clinical coders ([[LangChain]], pgvector, guardrails, offline evaluation "
            "harness): chart review time down 31% for 220 coders.",
        ],
    ),
    Entry(
        "Machine Learning Engineer",
        "Jun 2019 – Feb 2022",
        "Northwind Logistics",
        "Dallas, TX",
        [
            "Built the demand-forecasting pipeline (Spark, Airflow, XGBoost) for 4,000 stores; MAPE improved from 18% "
            "to 11%, cutting stock-outs by 9%.",
            "Set up CI/CD for models with GitHub Actions, Docker and canary releases; release cadence went from monthly to weekly.",
            "Ran A/B tests on route ranking for 6,500 drivers: +4.2% on-time deliveries with no change in cost per mile.",
            "Orchestrated feature pipelines on [[Kubeflow Pipelines]] with a Feast feature store shared by 5 teams.",
        ],
    ),
    Entry(
        "Software Engineer, Data Platform",
        "Jul 2017 – May 2019",
        "Tailspin Labs",
        "Austin, TX",
        [
            "Built batch ETL in Python and SQL on AWS (S3, Redshift) processing 2 TB a day for analytics and R&D teams.",
            "Cut nightly job runtime by 45% by partitioning tables and moving joins to Spark.",
        ],
    ),
]
PROJECTS = [
    Project(
        "driftwatch",
        "Python, FastAPI, Evidently",
        "Jan 2023 – Present",
        [
            "Open-source drift monitor for tabular models; used by 3 teams at Contoso Health and 400+ GitHub stars.",
            "Compares live features against the training snapshot and pages on-call when PSI exceeds 0.2.",
        ],
    ),
]
SKILLS = [
    ("Languages", "Python, SQL, Go, C++"),
    ("ML", "PyTorch, scikit-learn, XGBoost, LightGBM, Hugging Face Transformers"),
    ("MLOps", "MLflow, Kubeflow, Airflow, Docker, Kubernetes, Prometheus, Grafana"),
    ("Data & Cloud", "Spark, Feast, PostgreSQL, pgvector, AWS (SageMaker, S3, Redshift)"),
]
CERTIFICATIONS = ["AWS Certified Machine Learning – Specialty (2024)"]
EDUCATION = [
    Entry("University of Texas at Austin", "Aug 2015 – May 2017", "M.S. in Computer Science (Machine Learning)", "Austin, TX"),
    Entry("Université de Montréal", "Sep 2011 – May 2015", "B.Sc. in Mathematics and Computer Science", "Montréal, QC"),
]


def _plain(text: str) -> str:
    """The markup above as the reader of the PDF sees it."""
    text = re.sub(r"\*([^*]+)\*", r"\1", text)
    text = re.sub(r"\(\(([^)]+)\)\)", r"\1", text)
    return re.sub(r"\[\[([^\]]+)\]\]", r"\1", text)


_ACCENTS = {"é": "\\'e", "É": "\\'E", "á": "\\'a", "ó": "\\'o", "í": "\\'{\\i}", "ñ": "\\~n", "ö": '\\"o', "ü": '\\"u', "ç": "\\c{c}"}


def _tex(text: str) -> str:
    """Plain text -> LaTeX: escapes, ligature dashes, accents, then the inline markup."""
    out = []
    for ch in text:
        if ch in "&%$#_":
            out.append("\\" + ch)
        elif ch == "–":
            out.append("--")
        elif ch == "—":
            out.append("---")
        elif ch in _ACCENTS:
            out.append(_ACCENTS[ch])
        else:
            out.append(ch)
    s = "".join(out)
    s = re.sub(r"\*([^*]+)\*", r"\\textbf{\1}", s)
    s = re.sub(r"\(\(([^)]+)\)\)", r"\\tech{\1}", s)
    return re.sub(r"\[\[([^\]]+)\]\]", r"\\highlight{\1}", s)


def render_tex() -> str:
    t = _tex
    out = [
        "%-------------------------------------------------------------------------------",
        "% Resume source: Renée Castañeda (fictional). Build with `latexmk -pdf resume.tex`.",
        "% fancyresume.cls lives in a private repository; it provides \\resumeSubheading,",
        "% \\resumeItem, \\highlight and the list macros used below.",
        "%",
        "% Notes to self, kept out of the PDF:",
        "%   - old ML stack (2016): TensorFlow 1.x, Keras, Theano -- do not list any more",
        "%   - TODO: add the TensorFlow Extended migration story only if a recruiter asks",
        "%-------------------------------------------------------------------------------",
        "\\documentclass[letterpaper,11pt]{fancyresume}",
        "",
        "\\usepackage[hidelinks]{hyperref}",
        "\\usepackage{fontawesome5}",
        "\\setlength{\\tabcolsep}{0in}",
        "% \\usepackage{tensorflow-colors} % TensorFlow orange for headings: too loud",
        "\\newcommand{\\tech}[1]{\\textit{#1}}  % tools in italics",
        "",
        "\\begin{document}",
        "",
        "%----------HEADING----------",
        "\\begin{center}",
        f"    \\textbf{{\\Huge \\scshape {t(NAME)}}} \\\\ \\vspace{{1pt}}",
        f"    \\small \\faPhone\\ {t(CONTACT[0])} $|$",
        f"    \\href{{mailto:{CONTACT[1]}}}{{\\underline{{{t(CONTACT[1])}}}}} $|$",
        f"    \\faGithub\\ \\href{{https://{CONTACT[2]}}}{{\\underline{{{t(CONTACT[2])}}}}} $|$",
        f"    {t(CONTACT[3])}",
        "\\end{center}",
        "",
        "\\section{Summary}",
        # a paragraph wrapped over source lines, as editors wrap it
        "\n".join(_wrap(t(SUMMARY), 90)),
        "",
        "%-----------EXPERIENCE-----------",
        "\\section{Experience}",
        "  \\resumeSubHeadingListStart",
    ]
    for i, e in enumerate(EXPERIENCE):
        out += [
            "",
            "    \\resumeSubheading",
            f"      {{{t(e.title)}}}{{{t(e.dates)}}}",
            f"      {{{t(e.org)}}}{{{t(e.location)}}}",
            "      \\resumeItemListStart",
        ]
        for b in e.bullets:
            lines = _wrap(t(b), 100)
            out.append(f"        \\resumeItem{{{lines[0]}" + ("" if len(lines) > 1 else "}"))
            for j, cont in enumerate(lines[1:], 1):
                out.append(f"          {cont}" + ("}" if j == len(lines) - 1 else ""))
        if i == 0:
            out.append("        % \\resumeItem{Prototyped image classifiers in TensorFlow and Keras} % too old, cut")
        if i == 1:
            out += [
                "\\iffalse",
                "        \\resumeItem{Maintained the legacy Caffe models for parcel image triage}",
                "\\fi",
            ]
        out.append("      \\resumeItemListEnd")
    out += [
        "",
        "  \\resumeSubHeadingListEnd",
        "",
        "%-----------PROJECTS-----------",
        "\\section{Projects}",
        "    \\resumeSubHeadingListStart",
    ]
    for p in PROJECTS:
        out += [
            "      \\resumeProjectHeading",
            f"          {{\\textbf{{{t(p.name)}}} $|$ \\emph{{{t(p.tech)}}}}}{{{t(p.dates)}}}",
            "          \\resumeItemListStart",
        ]
        out += [f"            \\resumeItem{{{t(b)}}}" for b in p.bullets]
        out.append("          \\resumeItemListEnd")
    out += [
        "    \\resumeSubHeadingListEnd",
        "",
        "%-----------TECHNICAL SKILLS-----------",
        "\\section{Technical Skills}",
        " \\begin{itemize}[leftmargin=0.15in, label={}]",
        "    \\small{\\item{",
    ]
    for k, (label, values) in enumerate(SKILLS):
        end = " \\\\" if k < len(SKILLS) - 1 else ""
        out.append(f"     \\textbf{{{t(label)}}}{{: {t(values)}}}{end}")
    out += [
        "    }}",
        " \\end{itemize}",
        "",
        "\\section{Certifications}",
        " \\begin{itemize}[leftmargin=0.15in, label={}]",
    ]
    out += [f"    \\item {t(c)}" for c in CERTIFICATIONS]
    out += [
        " \\end{itemize}",
        "",
        "%-----------EDUCATION-----------",
        "\\section{Education}",
        "  \\resumeSubHeadingListStart",
    ]
    for e in EDUCATION:
        # Jake's template: school and location on the first row, degree and dates on the second
        out += [
            "    \\resumeSubheading",
            f"      {{{t(e.title)}}}{{{t(e.location)}}}",
            f"      {{{t(e.org)}}}{{{t(e.dates)}}}",
        ]
    out += [
        "  \\resumeSubHeadingListEnd",
        "",
        "\\end{document}",
        "",
    ]
    return "\n".join(out)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return lines


def render_pdf() -> bytes:
    """The CV as the template lays it out, drawn with reportlab (no LaTeX here)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setTitle(f"{NAME} – Resume")
    c.setAuthor(NAME)
    c.setCreator("tests/data/cv_as_code/build.py (reportlab)")
    width, height = letter
    left, right = 40, width - 40
    y = height - 48

    def need(space: float) -> None:
        nonlocal y
        if y - space < 44:
            c.showPage()
            y = height - 48

    def text_line(s: str, font: str = "Helvetica", size: float = 10, x: float = left) -> None:
        c.setFont(font, size)
        c.drawString(x, y, s)

    c.setFont("Helvetica-Bold", 22)
    c.drawCentredString(width / 2, y, NAME)
    y -= 18
    c.setFont("Helvetica", 9.5)
    c.drawCentredString(width / 2, y, " | ".join(CONTACT))
    y -= 22

    def heading(title: str) -> None:
        nonlocal y
        need(40)
        text_line(title, "Helvetica-Bold", 12)
        y -= 4
        c.setLineWidth(0.6)
        c.line(left, y, right, y)
        y -= 14

    def wrapped(s: str, x: float, font: str = "Helvetica", size: float = 9.8) -> None:
        nonlocal y
        for part in simpleSplit(s, font, size, right - x):
            need(13)
            text_line(part, font, size, x)
            y -= 12.5

    def bullet(s: str) -> None:
        nonlocal y
        need(13)
        c.setFont("Helvetica", 9.8)
        c.drawString(left + 10, y, "\u2022")
        wrapped(_plain(s), left + 22)
        y -= 1

    def two_rows(a: str, b: str, c_: str, d: str) -> None:
        """\\resumeSubheading{a}{b}{c}{d}: a (bold) and b on the first row, c and d (italic) on the second."""
        nonlocal y
        need(40)
        c.setFont("Helvetica-Bold", 10.5)
        c.drawString(left + 4, y, _plain(a))
        c.setFont("Helvetica", 10)
        c.drawRightString(right, y, b)
        y -= 13
        c.setFont("Helvetica-Oblique", 9.8)
        c.drawString(left + 4, y, _plain(c_))
        c.drawRightString(right, y, d)
        y -= 14

    heading("Summary")
    wrapped(SUMMARY, left)
    y -= 8
    heading("Experience")
    for e in EXPERIENCE:
        two_rows(e.title, e.dates, e.org, e.location)
        for b in e.bullets:
            bullet(b)
        y -= 5
    heading("Projects")
    for p in PROJECTS:
        need(30)
        c.setFont("Helvetica-Bold", 10.5)
        c.drawString(left + 4, y, p.name)
        w = c.stringWidth(p.name, "Helvetica-Bold", 10.5)
        c.setFont("Helvetica-Oblique", 10)
        c.drawString(left + 4 + w, y, f" | {p.tech}")
        c.setFont("Helvetica", 10)
        c.drawRightString(right, y, p.dates)
        y -= 14
        for b in p.bullets:
            bullet(b)
        y -= 5
    heading("Technical Skills")
    for label, values in SKILLS:
        need(13)
        c.setFont("Helvetica-Bold", 9.8)
        c.drawString(left + 4, y, f"{label}")
        w = c.stringWidth(label, "Helvetica-Bold", 9.8)
        c.setFont("Helvetica", 9.8)
        c.drawString(left + 4 + w, y, f": {values}")
        y -= 12.5
    y -= 6
    heading("Certifications")
    for cert in CERTIFICATIONS:
        wrapped(cert, left + 4)
    y -= 6
    heading("Education")
    for e in EDUCATION:
        two_rows(e.title, e.location, e.org, e.dates)
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- #
# Aditi Varga: JSON Resume (current and old schema) and its Markdown rendering
# --------------------------------------------------------------------------- #

RESUME = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Aditi Varga",
        "label": "Senior Machine Learning Engineer",
        "image": "https://aditi.example.com/photo.jpg",
        "email": "aditi.varga@example.com",
        "phone": "415-555-0134",
        "url": "https://aditi.example.com",
        "summary": (
            "Machine Learning Engineer with 8 years of experience taking LLM and ranking features from prototype to "
            "production at AI-first startups: retrieval-augmented generation, tool calling, evaluation harnesses and "
            "the GPU cost work that keeps them affordable."
        ),
        "location": {"city": "San Francisco", "region": "CA", "postalCode": "94107", "countryCode": "US"},
        "profiles": [
            {"network": "GitHub", "username": "avarga-example", "url": "https://github.com/avarga-example"},
            {"network": "LinkedIn", "username": "aditi-varga-example", "url": "https://www.linkedin.com/in/aditi-varga-example"},
        ],
    },
    "work": [
        {
            "name": "Lumen Robotics",
            "position": "Senior Machine Learning Engineer",
            "location": "San Francisco, CA",
            "url": "https://lumen-robotics.example.com",
            "startDate": "2023-01-09",
            "summary": "Founding ML engineer of the support-automation product (Series B, 60 people).",
            "highlights": [
                "Took a RAG support assistant from prototype to production in 6 weeks: 38% of 90K monthly tickets now "
                "resolved without a human, while keeping CSAT at 4.6/5.",
                "Built the offline evaluation harness (golden sets, LLM-as-judge with human calibration, regression "
                "gates in CI) that every prompt and model change must pass.",
                "Cut GPU inference cost by 62% ($41K a month) by moving from a hosted API to vLLM on 4 L4 GPUs with "
                "quantized Llama 3 models and request batching.",
                "Added tool calling for order lookups and refunds with guardrails (schema validation, PII redaction, "
                "spend limits); zero unauthorized refunds in 9 months.",
            ],
        },
        {
            "name": "Brightline Commerce",
            "position": "Machine Learning Engineer",
            "location": "Oakland, CA",
            "url": "https://brightline.example.com",
            "startDate": "2019-08",
            "endDate": "2022-12",
            "highlights": [
                "Owned search ranking end to end: shipped a two-tower retrieval model in PyTorch with FAISS that "
                "raised conversion by 5.4% in an A/B test.",
                "Served models with FastAPI and Triton on Kubernetes at 3K QPS with p95 latency under 80 ms.",
                "Set up drift monitoring and weekly retraining with Airflow and MLflow; stale-model incidents fell from 6 a quarter to 0.",
            ],
        },
        {
            "name": "Quillstone Analytics",
            "position": "Data Scientist",
            "location": "San Jose, CA",
            "startDate": "2017-06-01",
            "endDate": "2019-07-31",
            "highlights": [
                "Built churn models in scikit-learn and XGBoost for 40 B2B customers; retention campaigns guided by "
                "them saved $1.1M in annual revenue.",
            ],
        },
    ],
    "volunteer": [
        {
            "organization": "Code for the Bay",
            "position": "Mentor",
            "url": "https://codeforthebay.example.org",
            "startDate": "2020-01",
            "summary": "Mentor early-career engineers on their first ML projects.",
            "highlights": ["Mentored 12 engineers; 7 moved into ML roles."],
        }
    ],
    "education": [
        {
            "institution": "University of California, Davis",
            "url": "https://ucdavis.example.edu",
            "area": "Statistics",
            "studyType": "M.S.",
            "startDate": "2015-09",
            "endDate": "2017-06",
            "score": "3.9",
            "courses": ["Statistical Learning", "Bayesian Methods", "Optimization"],
        }
    ],
    "awards": [
        {
            "title": "Best Demo, Bay Area LLM Hackathon",
            "date": "2024-03-16",
            "awarder": "Bay Area AI Builders",
            "summary": "Voice agent that books clinic appointments with tool calling.",
        }
    ],
    "certificates": [
        {
            "name": "Google Cloud Professional Machine Learning Engineer",
            "date": "2023-05",
            "issuer": "Google Cloud",
            "url": "https://credentials.example.com/aditi-varga/pmle",
        },
        {"name": "AWS Certified Machine Learning – Specialty", "date": "2021-11", "issuer": "Amazon Web Services"},
    ],
    "publications": [
        {
            "name": "Cheap and Honest: Evaluating Support Bots Before Your Customers Do",
            "publisher": "Lumen Engineering Blog",
            "releaseDate": "2024-06-20",
            "url": "https://lumen-robotics.example.com/blog/evals",
            "summary": "How we gate every prompt change on an offline eval suite.",
        }
    ],
    "skills": [
        {"name": "LLMs & RAG", "level": "Expert", "keywords": ["LangChain", "LlamaIndex", "vLLM", "pgvector", "prompt engineering", "tool calling"]},
        {"name": "Machine Learning", "keywords": ["PyTorch", "scikit-learn", "XGBoost", "FAISS", "Hugging Face Transformers"]},
        {"name": "MLOps & Serving", "keywords": ["MLflow", "Airflow", "Docker", "Kubernetes", "Triton", "FastAPI"]},
        {"name": "Languages", "keywords": ["Python", "SQL", "TypeScript"]},
        {"name": "Cloud", "keywords": ["AWS", "GCP"]},
    ],
    "languages": [{"language": "English", "fluency": "Native speaker"}, {"language": "Hindi", "fluency": "Fluent"}],
    "interests": [{"name": "Open source", "keywords": ["evaluation tooling", "vector search"]}],
    "references": [{"name": "Dana Whitlock, VP Engineering, Lumen Robotics", "reference": "Available on request."}],
    "projects": [
        {
            "name": "evalkit",
            "description": "Open-source library for regression-testing LLM features.",
            "highlights": [
                "Used by 30+ companies; 2.1K GitHub stars.",
                "Runs 500 eval cases in under 90 seconds with parallel judges and caching.",
            ],
            "keywords": ["Python", "pytest", "OpenAI API"],
            "startDate": "2023-04",
            "url": "https://github.com/avarga-example/evalkit",
            "roles": ["Maintainer"],
            "type": "library",
        }
    ],
    "meta": {"canonical": "https://aditi.example.com/resume.json", "version": "v1.0.0", "lastModified": "2025-11-01T10:00:00"},
}


def old_schema(resume: dict) -> dict:
    """The same resume in the keys of the schema before 1.0 (company, website, picture, gpa)."""
    old = copy.deepcopy(resume)
    old.pop("$schema", None)
    b = old["basics"]
    b["website"] = b.pop("url")
    b["picture"] = b.pop("image")
    for job in old["work"]:
        job["company"] = job.pop("name")
        if "url" in job:
            job["website"] = job.pop("url")
    for v in old["volunteer"]:
        v["website"] = v.pop("url")
    for e in old["education"]:
        e["gpa"] = e.pop("score")
        e["website"] = e.pop("url")
    for p in old["publications"]:
        p["website"] = p.pop("url")
    return old


def render_markdown(resume: dict) -> str:
    """resume.json as a Markdown resume theme prints it."""

    def format_date(value: str) -> str:  # "2023-01-09" / "2023-01" -> "Jan 2023", as themes print them
        months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        parts = (value or "").split("-")
        return f"{months[int(parts[1]) - 1]} {parts[0]}" if len(parts) >= 2 else parts[0]

    def dates(e: dict, open_ended: bool = True) -> str:
        start, end = format_date(e.get("startDate")), format_date(e.get("endDate"))
        if start and not end:
            return f"{start} – Present" if open_ended else start
        return f"{start} – {end}" if start and end else start or end

    b = resume["basics"]
    loc = b["location"]
    out = [f"# {b['name']}", "", f"**{b['label']}**", ""]
    out.append(
        " · ".join(
            [
                f"[{b['email']}](mailto:{b['email']})",
                b["phone"],
                f"[{b['url'].split('://')[1]}]({b['url']})",
                f"{loc['city']}, {loc['region']} {loc['postalCode']}, {loc['countryCode']}",
            ]
        )
    )
    out.append("")
    out.append(" · ".join(f"[{p['network']}]({p['url']})" for p in b["profiles"]))
    out += ["", "## Summary", "", b["summary"], "", "## Experience", ""]
    for job in resume["work"]:
        out.append(f"### {job['position']}, {job['name']} — {job['location']} | {dates(job)}")
        out.append("")
        if job.get("summary"):
            out += [job["summary"], ""]
        if job.get("url"):
            out += [f"<{job['url']}>", ""]
        out += [f"- {h}" for h in job["highlights"]]
        out.append("")
    out += ["## Projects", ""]
    for p in resume["projects"]:
        out += [f"### {p['name']} ({', '.join(p['roles'])}, {p['type']}) | {dates(p)}", "", p["description"], "", f"<{p['url']}>", ""]
        out += [f"- {h}" for h in p["highlights"]]
        out += ["", f"*Built with:* {', '.join(p['keywords'])}", ""]
    out += ["## Skills", ""]
    for s in resume["skills"]:
        label = f"{s['name']} ({s['level']})" if s.get("level") else s["name"]
        out.append(f"- **{label}:** {', '.join(s['keywords'])}")
    out += ["", "## Education", ""]
    for e in resume["education"]:
        out += [
            f"### {e['studyType']} in {e['area']}, {e['institution']} | {dates(e, open_ended=False)}",
            "",
            f"GPA: {e['score']}  ",
            f"Courses: {', '.join(e['courses'])}",
            "",
            f"<{e['url']}>",
            "",
        ]
    out += ["## Certifications", ""]
    for c in resume["certificates"]:
        out.append(f"- {c['name']}, {c['issuer']} ({format_date(c['date'])})")
    out += ["", "## Awards", ""]
    for a in resume["awards"]:
        out += [f"- **{a['title']}**, {a['awarder']} ({format_date(a['date'])})", f"  {a['summary']}"]
    out += ["", "## Publications", ""]
    for p in resume["publications"]:
        out += [f"- [{p['name']}]({p['url']}), {p['publisher']} ({format_date(p['releaseDate'])})  ", f"  {p['summary']}"]
    out += ["", "## Volunteering", ""]
    for v in resume["volunteer"]:
        out += [f"### {v['position']}, {v['organization']} | {dates(v)}", "", v["summary"], "", f"<{v['url']}>", ""]
        out += [f"- {h}" for h in v["highlights"]]
    out += ["", "## Languages", "", ", ".join(f"{x['language']} ({x['fluency']})" for x in resume["languages"])]
    out += ["", "## Interests", ""]
    out += [f"- {i['name']}: {', '.join(i['keywords'])}" for i in resume["interests"]]
    out += ["", "## References", ""]
    out += [f"- {r['name']}: {r['reference']}" for r in resume["references"]]
    out.append("")
    return "\n".join(out)


def outputs() -> dict[str, bytes]:
    """Every generated file: name -> bytes."""
    return {
        "resume.tex": render_tex().encode("utf-8"),
        "resume.json": (json.dumps(RESUME, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        "resume-old-schema.json": (json.dumps(old_schema(RESUME), indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        "resume.md": render_markdown(RESUME).encode("utf-8"),
    }


def main() -> None:
    for name, data in outputs().items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")
    pdf = render_pdf()
    (HERE / "resume.pdf").write_bytes(pdf)
    print(f"wrote resume.pdf ({len(pdf):,} bytes)")


if __name__ == "__main__":
    main()
