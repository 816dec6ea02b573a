"""Build the example CVs in ``examples/`` from the Markdown sources in ``examples/src/``.

Run from the repository root::

    python examples/build.py

Every person, employer and contact detail in these CVs is fictional.

Outputs (names are fixed; tests depend on them):

* ``big_tech.pdf``   single-column, 2 pages (reportlab)
* ``big_tech.md``    same content as big_tech.pdf
* ``startup.md``     the startup source with a small YAML front matter
* ``startup.docx``   same content as startup.md (python-docx)
* ``regulated.docx`` Heading styles, List Bullet paragraphs, Skills as a 2-column table
* ``defense.pdf``    2 pages; page 1 has a narrow left sidebar and a wide right column

``weak_built_a_model.txt`` is hand-written plain text and is not generated.

The PDFs are checked after writing: exactly 2 pages, and pypdfium2's text
extraction must return every heading in order and every bullet as one
contiguous run of text (i.e. columns are not interleaved).
"""

from __future__ import annotations

from reportlab import rl_config

# Binary page streams: ASCII85 text is full of things that look like e-mail addresses
# to the fixture check that keeps real contact details out of the repository.
rl_config.useA85 = 0

import datetime as _dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

# Fixed metadata so repeated builds produce identical files.
FIXED_DATE = _dt.datetime(2026, 1, 1, 0, 0, 0)
AUTHOR = "mlfit examples (fictional)"


# --------------------------------------------------------------------------- #
# Markdown source parser (only the small structure used in examples/src)
# --------------------------------------------------------------------------- #


@dataclass
class Item:
    kind: str  # role | bullet | para | skill
    text: str = ""  # bullet / para text (may contain **bold**)
    title: str = ""  # role: the bold part
    rest: str = ""  # role: text after the bold part, without the dates
    dates: str = ""  # role: "Jan 2021 – Present"
    label: str = ""  # skill: "Languages"
    values: str = ""  # skill: "Python, SQL"


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class CV:
    name: str
    contact: str
    sections: list[Section]

    def section(self, title: str) -> Section | None:
        for s in self.sections:
            if s.title.lower() == title.lower():
                return s
        return None


_ROLE = re.compile(r"^\*\*(?P<title>.+?)\*\*(?P<rest>.*)$")


def parse_markdown(text: str) -> CV:
    name = ""
    contact = ""
    sections: list[Section] = []
    current: Section | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            current = Section(line[3:].strip())
            sections.append(current)
            continue
        if line.startswith("# "):
            name = line[2:].strip()
            continue
        if current is None:
            contact = f"{contact} {line}".strip()
            continue
        if line.startswith("- "):
            current.items.append(Item("bullet", text=line[2:].strip()))
            continue
        m = _ROLE.match(line)
        if m:
            rest = m.group("rest")
            dates = ""
            if " | " in rest:
                rest, dates = rest.rsplit(" | ", 1)
            current.items.append(Item("role", title=m.group("title"), rest=rest, dates=dates.strip()))
            continue
        if current.title.lower() == "skills" and ":" in line:
            label, values = line.split(":", 1)
            current.items.append(Item("skill", label=label.strip(), values=values.strip()))
            continue
        current.items.append(Item("para", text=line))
    if not name:
        raise ValueError("source has no '# Name' line")
    return CV(name, contact, sections)


def plain(text: str) -> str:
    """Markdown inline text -> plain text."""
    return text.replace("**", "")


def inline_markup(text: str) -> str:
    """Markdown inline text -> reportlab paragraph markup (bold only)."""
    out = escape(text)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)


def role_plain(item: Item) -> str:
    s = f"{item.title}{item.rest}"
    return f"{s} | {item.dates}" if item.dates else s


# --------------------------------------------------------------------------- #
# PDF (reportlab platypus)
# --------------------------------------------------------------------------- #


def _pdf_styles(base: float = 9.6):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    ink = HexColor("#1a1a1a")
    grey = HexColor("#555555")
    accent = HexColor("#1f3b5a")
    st = {
        "name": ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=20, leading=24, textColor=accent, spaceAfter=2),
        "contact": ParagraphStyle("contact", fontName="Helvetica", fontSize=base - 0.6, leading=base + 2.4, textColor=grey, spaceAfter=4),
        "h": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=base + 1.2, leading=base + 4, textColor=accent, spaceBefore=9, spaceAfter=1),
        "body": ParagraphStyle("body", fontName="Helvetica", fontSize=base, leading=base * 1.32, textColor=ink, spaceAfter=2),
        "role": ParagraphStyle("role", fontName="Helvetica", fontSize=base + 0.2, leading=base * 1.36, textColor=ink, spaceBefore=6, spaceAfter=2),
        "bullet": ParagraphStyle(
            "bullet",
            fontName="Helvetica",
            fontSize=base,
            leading=base * 1.32,
            textColor=ink,
            leftIndent=12,
            bulletIndent=2,
            bulletFontName="Helvetica",
            bulletFontSize=base,
            spaceAfter=1.6,
        ),
        "skill": ParagraphStyle("skill", fontName="Helvetica", fontSize=base, leading=base * 1.32, textColor=ink, spaceAfter=1.5),
        "grey": grey,
        "accent": accent,
    }
    return st


def _heading(title: str, st, width_rule: bool = True):
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import HRFlowable

    out = [Paragraph(escape(title.upper()), st["h"])]
    if width_rule:
        out.append(HRFlowable(width="100%", thickness=0.7, color=st["accent"], spaceBefore=1, spaceAfter=3))
    return out


def _section_flowables(section: Section, st, *, compact: bool = False) -> list:
    from reportlab.platypus import Paragraph

    flow: list = []
    grey = st["grey"].hexval().replace("0x", "#")
    for it in section.items:
        if it.kind == "role":
            rest = inline_markup(it.rest)
            dates = f' <font color="{grey}">| {escape(it.dates)}</font>' if it.dates else ""
            if compact:
                flow.append(Paragraph(f"<b>{escape(it.title)}</b>{rest}{dates}", st["skill"]))
            else:
                flow.append(Paragraph(f"<b>{escape(it.title)}</b>{rest}{dates}", st["role"]))
        elif it.kind == "bullet":
            flow.append(Paragraph(inline_markup(it.text), st["bullet"], bulletText="\u2022"))
        elif it.kind == "skill":
            flow.append(Paragraph(f"<b>{escape(it.label)}:</b> {escape(it.values)}", st["skill"]))
        else:
            flow.append(Paragraph(inline_markup(it.text), st["body"]))
    return flow


def _doc_kwargs(cv: CV, subject: str) -> dict:
    return dict(
        pagesize=None,  # filled in by caller
        title=f"{cv.name} — CV",
        author=AUTHOR,
        subject=subject,
        creator="examples/build.py (reportlab)",
        producer="ReportLab",
        invariant=1,
    )


def build_single_column_pdf(cv: CV, out: Path, subject: str, base: float = 9.6) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    st = _pdf_styles(base)
    kw = _doc_kwargs(cv, subject)
    kw["pagesize"] = letter
    doc = BaseDocTemplate(str(out), leftMargin=0.7 * inch, rightMargin=0.7 * inch, topMargin=0.6 * inch, bottomMargin=0.6 * inch, **kw)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    # The footer is drawn at page END so extracted text reads top to bottom.
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=_footer)])
    story: list = [Paragraph(escape(cv.name), st["name"]), Paragraph(escape(cv.contact), st["contact"])]
    for sec in cv.sections:
        story += _heading(sec.title, st)
        story += _section_flowables(sec, st)
    doc.build(story)


def _footer(canvas, doc) -> None:
    from reportlab.lib.colors import HexColor

    canvas.saveState()
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(HexColor("#888888"))
    w, _ = doc.pagesize
    canvas.drawRightString(w - doc.rightMargin, 0.35 * 72, f"Page {doc.page} of 2")
    canvas.restoreState()


SIDEBAR_SECTIONS = ("Security Clearance", "Skills", "Education", "Certifications")


def build_two_column_pdf(cv: CV, out: Path, subject: str, base: float = 9.4) -> None:
    """Page 1: full-width header, narrow left sidebar, wide right column. Page 2: one column."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

    st = _pdf_styles(base)
    side = dict(st)
    side["h"] = ParagraphStyle("sh", parent=st["h"], fontSize=base + 0.4, leading=base + 3, spaceBefore=8)
    side["skill"] = ParagraphStyle("ss", parent=st["skill"], fontSize=base - 0.9, leading=(base - 0.9) * 1.3, spaceAfter=3.5)
    side["bullet"] = ParagraphStyle(
        "sb", parent=st["bullet"], fontSize=base - 0.9, leading=(base - 0.9) * 1.3, bulletFontSize=base - 0.9, leftIndent=9, bulletIndent=0
    )
    side["body"] = side["skill"]

    W, H = letter
    margin = 0.55 * inch
    header_h = 0.95 * inch
    side_w = 2.15 * inch
    gutter = 0.25 * inch
    body_top = H - margin - header_h
    body_h = body_top - margin

    header = Frame(margin, body_top, W - 2 * margin, header_h, id="header", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    sidebar = Frame(margin, margin, side_w, body_h, id="sidebar", leftPadding=8, rightPadding=8, topPadding=2, bottomPadding=0)
    main = Frame(
        margin + side_w + gutter,
        margin,
        W - 2 * margin - side_w - gutter,
        body_h,
        id="main",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    full = Frame(margin, margin, W - 2 * margin, H - 2 * margin, id="full", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#eef2f6"))
        canvas.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        canvas.setStrokeColor(st["accent"])
        canvas.setLineWidth(1.2)
        canvas.line(margin, body_top - 4, W - margin, body_top - 4)
        canvas.restoreState()

    kw = _doc_kwargs(cv, subject)
    kw["pagesize"] = letter
    doc = BaseDocTemplate(str(out), leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin, **kw)
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[header, sidebar, main], onPage=first_page, onPageEnd=_footer),
            PageTemplate(id="later", frames=[full], onPageEnd=_footer),
        ]
    )

    story: list = [Paragraph(escape(cv.name), st["name"]), Paragraph(escape(cv.contact), st["contact"]), FrameBreak(), NextPageTemplate("later")]
    for title in SIDEBAR_SECTIONS:
        sec = cv.section(title)
        if sec is None:
            continue
        story += _heading(sec.title, side)
        story += _section_flowables(sec, side, compact=True)
    story.append(FrameBreak())
    for sec in cv.sections:
        if sec.title in SIDEBAR_SECTIONS:
            continue
        story += _heading(sec.title, st)
        story += _section_flowables(sec, st)
    doc.build(story)


# --------------------------------------------------------------------------- #
# DOCX (python-docx)
# --------------------------------------------------------------------------- #


def _add_runs(paragraph, text: str) -> None:
    """Add Markdown inline text (only **bold**) as runs."""
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            run = paragraph.add_run(part)
            run.bold = bool(i % 2)


def build_docx(cv: CV, out: Path, *, skills_table: bool) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Inches, Pt

    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Inches(0.8)
        s.top_margin = s.bottom_margin = Inches(0.7)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(3)

    doc.add_heading(cv.name, level=0)
    doc.add_paragraph(cv.contact)
    for sec in cv.sections:
        doc.add_heading(sec.title, level=1)
        skills = [it for it in sec.items if it.kind == "skill"]
        if skills and skills_table:
            table = doc.add_table(rows=0, cols=2)
            table.style = doc.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            for it in skills:
                cells = table.add_row().cells
                cells[0].text = ""
                cells[0].paragraphs[0].add_run(it.label).bold = True
                cells[1].text = it.values
            for row in table.rows:
                row.cells[0].width = Inches(1.7)
                row.cells[1].width = Inches(5.2)
            continue
        for it in sec.items:
            if it.kind == "role":
                p = doc.add_paragraph()
                p.paragraph_format.space_before = Pt(6)
                p.add_run(it.title).bold = True
                p.add_run(it.rest)
                if it.dates:
                    p.add_run(f" | {it.dates}").italic = True
            elif it.kind == "bullet":
                _add_runs(doc.add_paragraph(style="List Bullet"), it.text)
            elif it.kind == "skill":
                p = doc.add_paragraph()
                p.add_run(f"{it.label}:").bold = True
                p.add_run(f" {it.values}")
            else:
                _add_runs(doc.add_paragraph(), it.text)

    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = f"{cv.name} — CV"
    cp.comments = "Fictional example CV generated by examples/build.py"
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and order so the DOCX is byte-for-byte reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- #
# Markdown outputs
# --------------------------------------------------------------------------- #


def write_markdown(src_text: str, out: Path, front_matter: dict[str, str] | None = None) -> None:
    text = src_text if src_text.endswith("\n") else src_text + "\n"
    if front_matter:
        fm = "".join(f"{k}: {v}\n" for k, v in front_matter.items())
        text = f"---\n{fm}---\n\n{text}"
    out.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- #
# Checks
# --------------------------------------------------------------------------- #


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00ad", "").replace("\ufffe", "")).strip()


def check_pdf(path: Path, cv: CV, expected_pages: int = 2, heading_order: list[str] | None = None) -> str:
    """Assert page count and reading order; return the extracted text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = len(pdf)
        texts = []
        for i in range(pages):
            page = pdf[i]
            tp = page.get_textpage()
            # drop the "Page N of 2" footer so a bullet split across pages reads as one run
            texts.append(re.sub(r"Page \d+ of \d+\s*$", "", tp.get_text_bounded().rstrip()))
            tp.close()
            page.close()
    finally:
        pdf.close()
    if pages != expected_pages:
        raise SystemExit(f"{path.name}: expected {expected_pages} pages, got {pages}")
    full = _norm(" ".join(texts))

    # Every bullet, role line and skills line must come out as one contiguous run.
    problems = []
    for sec in cv.sections:
        for it in sec.items:
            if it.kind == "bullet":
                want = plain(it.text)
            elif it.kind == "role":
                want = role_plain(it)
            elif it.kind == "skill":
                want = f"{it.label}: {it.values}"
            else:
                want = plain(it.text)
            if _norm(want) not in full:
                problems.append(want[:70])
    if _norm(cv.name) not in full[: len(cv.name) + 5]:
        problems.append(f"name {cv.name!r} is not the first text on page 1")
    if problems:
        raise SystemExit(f"{path.name}: text not extracted in reading order:\n  " + "\n  ".join(problems))

    # Section headings appear in the expected order.
    order = heading_order or [s.title for s in cv.sections]
    pos = [full.find(h.upper()) for h in order]
    if -1 in pos or pos != sorted(pos):
        raise SystemExit(f"{path.name}: headings out of order: {list(zip(order, pos))}")
    return full


# --------------------------------------------------------------------------- #


def main() -> int:
    sources = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SRC.glob("*.md"))}
    cvs = {k: parse_markdown(v) for k, v in sources.items()}

    # big tech: PDF (single column) + identical Markdown
    build_single_column_pdf(cvs["big_tech"], HERE / "big_tech.pdf", "Example CV: big tech ML engineer")
    check_pdf(HERE / "big_tech.pdf", cvs["big_tech"])
    write_markdown(sources["big_tech"], HERE / "big_tech.md")

    # startup: Markdown (with front matter) + DOCX with the same content
    write_markdown(sources["startup"], HERE / "startup.md", {"title": '"Maya Lindqvist — CV"', "fictional": "true"})
    build_docx(cvs["startup"], HERE / "startup.docx", skills_table=False)

    # regulated: DOCX with headings, list bullets and a 2-column skills table
    build_docx(cvs["regulated"], HERE / "regulated.docx", skills_table=True)

    # defense: two-column first page
    d = cvs["defense"]
    main_titles = [s.title for s in d.sections if s.title not in SIDEBAR_SECTIONS]
    side_titles = [t for t in SIDEBAR_SECTIONS if d.section(t)]
    build_two_column_pdf(d, HERE / "defense.pdf", "Example CV: defense contractor ML engineer")
    check_pdf(HERE / "defense.pdf", d, heading_order=side_titles + main_titles)

    for name in ("big_tech.pdf", "big_tech.md", "startup.md", "startup.docx", "regulated.docx", "defense.pdf", "weak_built_a_model.txt"):
        p = HERE / name
        print(f"{name:26s} {p.stat().st_size:>8,d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
