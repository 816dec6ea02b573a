"""Render the extraction development set from ``src/`` into the layouts real CVs come in.

Run from the repository root (needs reportlab and python-docx)::

    python tests/data/devset/build.py          # writes tests/data/devset/NN_slug.{pdf,docx,md,txt}
    python tests/data/devset/build.py --check  # also prints what pypdfium2 reads from each PDF

Every person, employer and contact detail is fictional (emails @example.com, phones 555-01xx).
Gold annotations live in ``gold/NN_slug.json`` and were written by hand from the sources,
never from mlfit's output.

Layouts (one per source, chosen in LAYOUTS below):

* ``pdf2col``    real two-column page: full-width header, a narrow left sidebar and a wide
                 main column. ``order="columns"`` writes the content stream column by column
                 (a typical designed template); ``order="rows"`` writes it in row order across
                 both columns, as some online CV builders do, so a naive reader interleaves them.
* ``pdf``        single column with options: ``heading="letterspaced"`` draws each heading
                 char by char with tracking ("E D U CAT I O N"), ``heading="smallcaps"`` writes
                 the small-caps artefact of some fonts ("EXPERiENCE"), ``bullet`` (a private-use
                 icon glyph from DejaVu Sans, U+F000..), ``icons`` before contact items,
                 ``size`` (tiny fonts) and ``hyphenate`` (words broken at a line end with a hyphen).
* ``docx``       python-docx with Heading styles and List Bullet paragraphs; ``header=True`` puts
                 the contact line in the page header.
* ``docx_tables`` roles in a two-column table (dates | title + bullets) and skills in a table.
* ``docx_textbox`` a designed template: the body holds only anchors; ALL text sits in text
                 boxes, each written twice in ``mc:AlternateContent`` (a DrawingML ``wps`` Choice
                 and a VML Fallback), as Word saves them.
* ``md`` / ``txt`` the source copied (``.md``) or flattened to plain text (``.txt``).

How the gold (``gold/NN_slug.json``) was written, by hand, reading each CV as a careful recruiter would:

Skills
  A vocabulary concept (``rules/vocab/*.yml`` id) that the CV names as something the person knows
  or uses. ``listed``: it is in a skills list or skills table. ``demonstrated``: it is used in an
  experience or project bullet. A mention only in the summary, education (coursework, thesis),
  a certification or a publication is a skill with both flags false. Inflected and everyday
  forms count ("fine-tuned" -> fine_tuning, "distilling" -> distillation, "monitored for drift"
  -> drift_detection, "CI pipeline" -> ci_cd, "Dataflow" -> beam, "ECS" -> ecs, "CV" in a skills
  list -> computer_vision). NOT skills: job titles and headlines ("Head of Machine Learning"),
  employer and team names ("Snowflake Analytics Inc.", "the ML platform team"), degree names
  ("B.S. Statistics"), category labels of a skills list ("Modeling:", "LLM serving:"), spoken
  languages. A skills-list item the vocabulary does not know is ``unrecognised:<slug>`` (slug:
  lower case, each run of other characters -> "_").

Outcomes
  One entry per (claim, kind) on a line, located by a distinctive substring of that line.
  Kinds: money saved/spent -> cost (incl. fraud losses cut), money earned -> revenue; CTR,
  conversion, retention, activation -> conversion; model quality incl. false positives, error,
  detection and hallucination rates -> accuracy; per-second rates (QPS, FPS, Hz, requests per
  second, "3.4x throughput") -> throughput; serving response times -> latency; job runtimes,
  training time, manual effort, cycle times -> time_saved; "used by N" -> adoption; volumes,
  users, customers, teams led, items processed (also per day / per month) -> scale; anything else
  quantified -> other. A guardrail ("while holding false positive rate at 0.8%") belongs to its
  claim, it is not an outcome of its own; "A -> B" is one outcome whose gold value is A or B as
  written. Redacted figures ("$X00K") are outcomes with value null. NOT outcomes: dates,
  tenure ("18 months on call", "5 yrs 4 mos"), phones, street numbers, ZIP codes, versions,
  GPAs, grades, regulations ("SR 11-7", "21 CFR Part 11"), model sizes ("7B"), hardware
  ("4 GPUs", "H100"), eval-set sizes, cost denominators ("per 1M tokens").

Years
  Professional roles in the experience section, overlaps merged, months counted inclusively
  (Jan-Dec = 12), "Present"/"Current"/"to date" = the ``as_of`` month (2026-06), a bare year
  read as mid-year (2019-2022 = 3.0). Internships, co-ops, teaching and graduate research
  assistant posts, and PhD study are not counted; a postdoc is. Rounded to 0.1.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

LAYOUTS: dict[str, tuple[str, dict]] = {
    "01_bigtech_twocol": ("pdf2col", {"sidebar": ["Skills", "Education"], "order": "columns", "icons": True, "size": 8.4}),
    "02_startup_canva": ("pdf2col", {"sidebar": ["Skills", "Education"], "order": "rows", "bullet": "▪", "size": 8.4}),
    "03_bank_letterspaced": ("pdf", {"heading": "letterspaced", "size": 7.5}),
    "04_defense_icons": ("pdf", {"heading": "smallcaps", "bullet": "\uf000", "icons": True, "size": 9}),
    "05_research_tables": ("docx_tables", {}),
    "06_designed_textboxes": ("docx_textbox", {}),
    "07_switcher_tables": ("docx_tables", {}),
    "08_newgrad_terse": ("txt", {}),
    "09_founding_dense": ("md", {}),
    "10_no_metrics": ("docx", {}),
    "11_gotomarket": ("txt", {}),
    "12_snowflake_employer": ("pdf", {"size": 10}),
    "13_overlap_consult": ("md", {}),
    "14_junior_docx_header": ("docx", {"header": True}),
    "15_switcher_tiny_hyphen": ("pdf", {"size": 6.5, "hyphenate": {"scikit-learn": "scikit-", "Kubernetes": "Kuber-"}}),
    "16_llm_platform": ("md", {}),
    "17_linkedin_dates": ("txt", {}),
}

FIXED_DATE = "2026-01-01T00:00:00Z"


# --------------------------------------------------------------------------- source


@dataclass
class Item:
    kind: str  # role | bullet | para
    text: str


@dataclass
class Sec:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class CV:
    name: str
    contact: list[str]
    sections: list[Sec]


def _plain(text: str) -> str:
    return text.replace("**", "")


def parse_md(text: str) -> CV:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    name, contact, sections = "", [], []
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            name = line[2:].strip()
        elif line.startswith("## "):
            sections.append(Sec(line[3:].strip()))
        elif not sections:
            contact.append(line.strip())
        elif line.startswith("### "):
            sections[-1].items.append(Item("role", line[4:].strip()))
        elif line.startswith("**"):
            sections[-1].items.append(Item("role", _plain(line.strip())))
        elif line.startswith("- "):
            sections[-1].items.append(Item("bullet", _plain(line[2:].strip())))
        else:
            sections[-1].items.append(Item("para", _plain(line.strip())))
    return CV(name, contact, sections)


# --------------------------------------------------------------------------- PDF

_DATES = re.compile(
    r"\s*[|·—–-]\s*((?:[A-Z][a-z]+\.? ?'?\d{2,4}|\d{2}/\d{4}|\d{4})\s*[–-]\s*(?:[A-Za-z]+\.? ?'?\d{2,4}|\d{2}/\d{4}|\d{4}|Present|Current|current|to date))\s*$"
)


class Pdf:
    """A thin layer over a reportlab canvas that records draw operations so that the
    content stream order can be chosen (column by column, or row by row)."""

    def __init__(self, path: Path, title: str):
        from reportlab.lib.pagesizes import letter
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        for name, file in (("DV", "DejaVuSans.ttf"), ("DVB", "DejaVuSans-Bold.ttf")):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        self.metrics = pdfmetrics
        self.width, self.height = letter
        self.c = canvas.Canvas(str(path), pagesize=letter, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("mlfit devset (fictional)")
        self.c.setCreator("mlfit devset build.py")

    def sw(self, text: str, font: str, size: float) -> float:
        return self.metrics.stringWidth(text, font, size)

    def wrap(self, text: str, font: str, size: float, width: float, hyphenate: dict[str, str] | None = None) -> list[str]:
        words, lines, cur = text.split(), [], ""
        for w in words:
            key = w.strip(",.;:()")
            if hyphenate and key in hyphenate:
                head = hyphenate[key]
                prefix = head.rstrip("-")
                tail = w[len(prefix) :].lstrip("-")
                lines.append((cur + " " + head).strip())  # a broken word always ends its line
                cur = tail
                continue
            trial = (cur + " " + w).strip()
            if cur and self.sw(trial, font, size) > width:
                lines.append(cur)
                cur = w
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def text(self, x: float, y: float, s: str, font: str, size: float, tracking: float = 0.0) -> None:
        self.c.setFont(font, size)
        if not tracking:
            self.c.drawString(x, y, s)
            return
        for i, ch in enumerate(s):  # letter-spaced: one draw per character
            if ch != " ":
                self.c.drawString(x, y, ch)
            nxt = s[i + 1] if i + 1 < len(s) else ""
            tight = ch in "CA" and nxt in "AT"  # kerning pairs that close the gap: "E D U CAT I O N"
            x += self.sw(ch, font, size) + (tracking * 0.05 if tight else tracking) + (tracking * 1.6 if ch == " " else 0)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def _heading_text(title: str, style: str) -> str:
    t = title.upper()
    if style == "smallcaps":
        t = t.replace("I", "i")  # the small-caps artefact: "EXPERiENCE", "ENGiNEERiNG"
    return t


ICONS = ["\uf001", "\uf002", "\uf003", "\uf400"]


def _contact(cv: CV, icons: bool) -> list[str]:
    if not icons:
        return cv.contact
    out = []
    for line in cv.contact:
        parts = [p.strip() for p in re.split(r"\s[|·]\s", line)]
        out.append("   ".join(f"{ICONS[i % len(ICONS)]} {p}" for i, p in enumerate(parts)))
    return out


def render_pdf(cv: CV, path: Path, opts: dict) -> None:
    pdf = Pdf(path, f"{cv.name} CV")
    size = opts.get("size", 9.5)
    lead = size * 1.32
    bullet = opts.get("bullet", "•")
    heading = opts.get("heading", "plain")
    hyph = opts.get("hyphenate")
    left, right = 54, pdf.width - 54
    y = pdf.height - 54

    def newline(n: float = 1.0) -> None:
        nonlocal y
        y -= lead * n
        if y < 54:
            pdf.c.showPage()
            y = pdf.height - 54

    pdf.text(left, y, cv.name, "DVB", size * 1.9)
    y -= size * 2.2
    for line in _contact(cv, opts.get("icons", False)):
        pdf.text(left, y, line, "DV", size)
        newline()
    for sec in cv.sections:
        newline(0.8)
        title = _heading_text(sec.title, heading)
        if heading == "letterspaced":
            pdf.text(left, y, title, "DVB", size * 1.15, tracking=size * 0.55)
        else:
            pdf.text(left, y, title, "DVB", size * 1.15)
        pdf.c.setLineWidth(0.4)
        pdf.c.line(left, y - 3, right, y - 3)
        newline(1.3)
        for item in sec.items:
            font = "DVB" if item.kind == "role" else "DV"
            indent = 10 if item.kind == "bullet" else 0
            lines = pdf.wrap(item.text, font, size, right - left - indent, hyph if item.kind == "bullet" else None)
            for k, ln in enumerate(lines):
                if item.kind == "bullet" and k == 0:
                    pdf.text(left + 1, y, bullet, "DV", size)
                pdf.text(left + indent, y, ln, font, size)
                newline()
    pdf.save()


def render_pdf2col(cv: CV, path: Path, opts: dict) -> None:
    pdf = Pdf(path, f"{cv.name} CV")
    size = opts.get("size", 8.5)
    lead = size * 1.3
    bullet = opts.get("bullet", "•")
    side_names = {s.lower() for s in opts["sidebar"]}
    top = pdf.height - 48
    pdf.text(48, top, cv.name, "DVB", size * 2.2)
    y0 = top - size * 2.2
    for line in _contact(cv, opts.get("icons", False)):
        pdf.text(48, y0, line, "DV", size)
        y0 -= lead
    y0 -= lead
    pdf.c.setLineWidth(0.6)
    pdf.c.line(48, y0 + lead * 1.1, pdf.width - 48, y0 + lead * 1.1)

    # (y, x, text, font, size) operations per column
    def layout(sections: list[Sec], x: float, width: float) -> list[tuple[float, float, str, str, float]]:
        ops, y = [], y0
        for sec in sections:
            ops.append((y, x, sec.title.upper(), "DVB", size * 1.1))
            y -= lead * 1.4
            for item in sec.items:
                font = "DVB" if item.kind == "role" else "DV"
                indent = 8 if item.kind == "bullet" else 0
                chunks = [item.text]
                if item.kind == "para" and ":" in item.text and len(item.text.split(":")[0]) < 20:
                    label, rest = item.text.split(":", 1)  # sidebar skills: the label on its own line
                    chunks = [label + ":", rest.strip()]
                for ci, chunk in enumerate(chunks):
                    lines = pdf.wrap(chunk, "DVB" if (len(chunks) == 2 and ci == 0) else font, size, width - indent)
                    for k, ln in enumerate(lines):
                        if item.kind == "bullet" and k == 0:
                            ops.append((y, x + 1, bullet, "DV", size))
                        ops.append((y, x + indent, ln, "DVB" if (len(chunks) == 2 and ci == 0) else font, size))
                        y -= lead
                y -= lead * 0.25
            y -= lead * 0.6
        return ops

    side = layout([s for s in cv.sections if s.title.lower() in side_names], 48, 150)
    main = layout([s for s in cv.sections if s.title.lower() not in side_names], 218, pdf.width - 48 - 218)
    if min(o[0] for o in side + main) < 40:
        raise SystemExit(f"{path.name}: two-column content does not fit on one page")
    if opts.get("order") == "rows":
        ops = sorted(side + main, key=lambda o: (-round(o[0], 1), o[1]))
    else:
        ops = side + main
    for y, x, s, font, sz in ops:
        pdf.text(x, y, s, font, sz)
    pdf.c.setLineWidth(0.3)
    pdf.c.line(206, y0 + 4, 206, 48)
    pdf.save()


# --------------------------------------------------------------------------- DOCX


def _docx_fixed(doc) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    cp = doc.core_properties
    cp.author = "mlfit devset (fictional)"
    cp.last_modified_by = "mlfit devset"
    cp.created = cp.modified = dt.datetime(2026, 1, 1)
    cp.revision = 1


def _save_docx(doc, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Save with fixed zip timestamps so repeated builds produce identical files."""
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(out.getvalue())


def _bold_para(container, text: str, size=None):  # type: ignore[no-untyped-def]
    from docx.shared import Pt

    p = container.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return p


def render_docx(cv: CV, path: Path, opts: dict) -> None:
    import docx

    doc = docx.Document()
    _docx_fixed(doc)
    doc.add_paragraph(cv.name, style="Title")
    if opts.get("header"):
        hdr = doc.sections[0].header
        hdr.paragraphs[0].text = " | ".join(cv.contact)
    else:
        for line in cv.contact:
            doc.add_paragraph(line)
    for sec in cv.sections:
        doc.add_heading(sec.title, level=1)
        for item in sec.items:
            if item.kind == "role":
                _bold_para(doc, item.text)
            elif item.kind == "bullet":
                doc.add_paragraph(item.text, style="List Bullet")
            else:
                doc.add_paragraph(item.text)
    _save_docx(doc, path)


def _split_role(text: str) -> tuple[str, str]:
    m = _DATES.search(text)
    if not m:
        return text, ""
    return text[: m.start()].strip(), m.group(1).strip()


def render_docx_tables(cv: CV, path: Path, opts: dict) -> None:
    import docx
    from docx.shared import Inches, Pt

    doc = docx.Document()
    _docx_fixed(doc)
    _bold_para(doc, cv.name, 20)
    for line in cv.contact:
        doc.add_paragraph(line)
    for sec in cv.sections:
        doc.add_heading(sec.title.upper(), level=2)
        roles = [i for i in sec.items if i.kind == "role"]
        skills = sec.title.lower() == "skills"
        if roles:  # one table row per role: dates | title + bullets
            table = doc.add_table(rows=0, cols=2)
            row = None
            for item in sec.items:
                if item.kind == "role":
                    title, dates = _split_role(item.text)
                    row = table.add_row().cells
                    row[0].width, row[1].width = Inches(1.3), Inches(5.2)
                    row[0].paragraphs[0].text = dates
                    r = row[1].paragraphs[0].add_run(title)
                    r.bold = True
                elif row is not None:
                    row[1].add_paragraph(item.text, style="List Bullet" if item.kind == "bullet" else None)
        elif skills:  # Category | items
            table = doc.add_table(rows=0, cols=2)
            table.style = doc.styles["Table Grid"] if "Table Grid" in [s.name for s in doc.styles] else None
            for item in sec.items:
                label, _, rest = item.text.partition(":")
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(label.strip()).bold = True
                cells[1].paragraphs[0].text = rest.strip()
                for c in cells:
                    for p in c.paragraphs:
                        for r in p.runs:
                            r.font.size = Pt(10)
        else:
            for item in sec.items:
                doc.add_paragraph(item.text, style="List Bullet" if item.kind == "bullet" else None)
    _save_docx(doc, path)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p_xml(text: str, *, bold: bool = False, size: int = 20, bullet: bool = False) -> str:
    rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    ppr = '<w:pPr><w:spacing w:after="40"/>' + ('<w:ind w:left="220" w:hanging="160"/>' if bullet else "") + "</w:pPr>"
    prefix = f'<w:r>{rpr}<w:sym w:font="Symbol" w:char="F0B7"/><w:tab/></w:r>' if bullet else ""
    return f'<w:p>{ppr}{prefix}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _textbox_xml(box_id: int, paras: str, x_emu: int, y_emu: int, w_emu: int, h_emu: int) -> str:
    """One anchored text box as Word writes it: a wps Choice and a VML Fallback."""
    pt = 12700
    return f"""<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{box_id + 2}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>{x_emu}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y_emu}</wp:posOffset></wp:positionV>
<wp:extent cx="{w_emu}" cy="{h_emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{box_id}" name="Text Box {box_id}"/><wp:cNvGraphicFramePr/>
<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w_emu}" cy="{h_emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
<v:shape id="Text Box {box_id}" o:spid="_x0000_s{1024 + box_id}" type="#_x0000_t202" style="position:absolute;margin-left:{x_emu / pt:.1f}pt;margin-top:{y_emu / pt:.1f}pt;width:{w_emu / pt:.1f}pt;height:{h_emu / pt:.1f}pt;z-index:{box_id + 2};mso-position-horizontal-relative:page;mso-position-vertical-relative:page" filled="f" stroked="f">
<v:textbox inset="0,0,0,0"><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def render_docx_textbox(cv: CV, path: Path, opts: dict) -> None:
    """Every word in a text box: a header box, a left sidebar box (contact, skills,
    education) and one box per main section. The body paragraphs are empty anchors."""
    import docx
    from lxml import etree

    doc = docx.Document()
    _docx_fixed(doc)
    emu = 12700  # per point
    boxes: list[tuple[str, int, int, int, int]] = []
    boxes.append((_p_xml(cv.name, bold=True, size=40) + _p_xml("Machine Learning Engineer", size=22), 40, 36, 530, 60))
    side = [_p_xml("CONTACT", bold=True, size=20)] + [_p_xml(p.strip(), size=17) for line in cv.contact for p in line.split("|")]
    main_y = 110
    for sec in cv.sections:
        paras = [_p_xml(sec.title.upper(), bold=True, size=22)]
        for item in sec.items:
            if item.kind == "role":
                paras.append(_p_xml(item.text, bold=True, size=19))
            elif item.kind == "bullet":
                paras.append(_p_xml(item.text, size=18, bullet=True))
            else:
                paras.append(_p_xml(item.text, size=18))
        if sec.title.lower() in ("skills", "education"):
            side.extend([_p_xml("")] + paras)
            continue
        height = 30 + 26 * len(paras)
        boxes.append(("".join(paras), 200, main_y, 370, height))
        main_y += height + 10
    boxes.insert(1, ("".join(side), 40, 110, 145, 600))
    body = doc.element.body
    sect = body[-1]
    for i, (paras, x, y, w, h) in enumerate(boxes, start=1):
        xml = (
            f'<w:p xmlns:w="{_W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
            f"{_textbox_xml(i, paras, x * emu, y * emu, w * emu, h * emu)}</w:p>"
        )
        sect.addprevious(etree.fromstring(xml))
    _save_docx(doc, path)


# --------------------------------------------------------------------------- text


def render_txt_from_md(cv: CV) -> str:
    out = [cv.name, *cv.contact]
    for sec in cv.sections:
        out += ["", sec.title.upper()]
        for item in sec.items:
            out.append(("- " if item.kind == "bullet" else "") + item.text)
    return "\n".join(out) + "\n"


def build(slug: str, check: bool = False) -> Path:
    layout, opts = LAYOUTS[slug]
    src = next(p for p in (SRC / f"{slug}.md", SRC / f"{slug}.txt") if p.exists())
    if layout in ("md", "txt") and src.suffix == f".{layout}":
        out = HERE / src.name
        shutil.copyfile(src, out)
        return out
    cv = parse_md(src.read_text(encoding="utf-8"))
    if layout == "txt":
        out = HERE / f"{slug}.txt"
        out.write_text(render_txt_from_md(cv), encoding="utf-8")
        return out
    out = HERE / f"{slug}.{'pdf' if layout.startswith('pdf') else 'docx'}"
    {"pdf": render_pdf, "pdf2col": render_pdf2col, "docx": render_docx, "docx_tables": render_docx_tables, "docx_textbox": render_docx_textbox}[
        layout
    ](cv, out, opts)
    if check and out.suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(out.read_bytes())
        for i in range(len(pdf)):
            print(f"---- {out.name} page {i + 1}")
            print(pdf[i].get_textpage().get_text_bounded())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("slugs", nargs="*", help="only these (default: all)")
    ap.add_argument("--check", action="store_true", help="print the text pypdfium2 reads from each PDF")
    args = ap.parse_args()
    for slug in args.slugs or LAYOUTS:
        out = build(slug, args.check)
        size = out.stat().st_size
        print(f"{out.relative_to(HERE)}  {size / 1024:.1f} KB", file=sys.stderr)
        if size > 60 * 1024:
            raise SystemExit(f"{out.name} is over 60 KB")


if __name__ == "__main__":
    main()
