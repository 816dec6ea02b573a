"""Ingest layer: every fixture is built here (reportlab for PDFs, python-docx for DOCX)."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mlfit import api
from mlfit.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedPdfError,
    FileMissingError,
    FileUnreadableError,
    InputTooLargeError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from mlfit.ingest import read_document
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE

ROOT = Path(__file__).resolve().parent.parent

BULLETS = [
    "Cut p99 inference latency by 40% by moving the ranking model to TensorRT",
    "Built a feature store in Spark serving 2M daily users",
    "Led the migration of training jobs to Kubernetes, saving $120k a year",
]


def texts(doc):
    return [line.text for line in doc.lines]


def hint_of(doc, text):
    matches = [line.hint for line in doc.lines if line.text == text]
    assert matches, f"{text!r} not in {texts(doc)}"
    return matches[0]


# --- PDF fixtures -------------------------------------------------------------


def make_pdf(draw, *, pages=1, encrypt=None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792), encrypt=encrypt)
    for page in range(pages):
        draw(c, page)
        c.showPage()
    c.save()
    return buf.getvalue()


def draw_lines(c, lines, x=72, y=740, size=10, font="Helvetica"):
    c.setFont(font, size)
    for text in lines:
        c.drawString(x, y, text)
        y -= size + 4
    return y


def draw_letter_spaced(c, x, y, word, gap, font="Helvetica-Bold", size=12):
    """Place each glyph on its own, as design tools do for tracked-out headings."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont(font, size)
    for ch in word:
        c.drawString(x, y, ch)
        x += stringWidth(ch, font, size) + gap


def simple_cv(c, page):
    draw_lines(c, [f"Jane Doe page {page + 1}", "EXPERIENCE", *(f"• {b}" for b in BULLETS)])


# --- PDF ------------------------------------------------------------------------


def test_pdf_lines_pages_and_bullets():
    data = make_pdf(simple_cv, pages=2)
    doc = read_document(data, name="cv.pdf")
    assert doc.format == "pdf"
    assert doc.pages == 2
    assert doc.path == "cv.pdf"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert texts(doc)[:2] == ["Jane Doe page 1", "EXPERIENCE"]
    assert [line.no for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert {line.page for line in doc.lines} == {1, 2}
    assert doc.lines[-1].page == 2 and doc.lines[0].page == 1
    for bullet in BULLETS:
        assert hint_of(doc, bullet) == HINT_BULLET  # the "•" is gone, the hint says bullet


def test_pdf_two_columns_keep_reading_order():
    def draw(c, page):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(40, 740, "SKILLS")
        draw_lines(c, ["Python", "PyTorch", "Kubernetes", "Spark", "SQL"], x=40, y=720, size=10)
        c.setFont("Helvetica-Bold", 12)
        c.drawString(250, 745, "EXPERIENCE")
        draw_lines(c, ["Senior ML Engineer, Acme Corp", *BULLETS[:2]], x=250, y=725, size=10)

    doc = read_document(make_pdf(draw))
    lines = texts(doc)
    # each column is read top to bottom; the two are not interleaved line by line
    left = lines.index("SKILLS")
    assert lines[left : left + 6] == ["SKILLS", "Python", "PyTorch", "Kubernetes", "Spark", "SQL"]
    right = lines.index("EXPERIENCE")
    assert lines[right : right + 3] == ["EXPERIENCE", "Senior ML Engineer, Acme Corp", BULLETS[0]]


def test_pdf_drawn_bottom_up_in_pieces_is_read_top_down_column_by_column():
    # Design tools place each text box where it shows and draw them in any order: here
    # from the bottom of the page up, headings after their content, with a sidebar
    # beside the main column and glyphs drawn one by one. (Lines of two columns on one
    # baseline read as rows: layout alone cannot tell them from a title and its dates.)
    sidebar = [
        (40, 706, "SKILLS", 12),
        (40, 690, "PyTorch", 10),
        (40, 676, "Kubernetes", 10),
        (40, 656, "CONTACT", 12),
        (40, 640, "jordan@example.com", 10),
    ]
    main = [
        (250, 700, "EXPERIENCE", 12),
        (250, 684, "ML Engineer, Contoso | 2021 – Present", 10),
        (250, 670, "• Cut p99 latency by 40% with TensorRT", 10),
        (250, 650, "EDUCATION", 12),
        (250, 634, "BSc Computer Science, Example University, 2020", 10),
    ]  # fmt: skip

    def draw(c, page):
        c.setFont("Helvetica-Bold", 20)
        for ch, x in zip("Jordan Example", range(40, 400, 14)):
            c.drawString(x, 750, ch)
        for x, y, text, size in [*reversed(main), *reversed(sidebar)]:
            c.setFont("Helvetica", size)
            c.drawString(x, y, text)

    lines = texts(read_document(make_pdf(draw)))
    assert lines[0].replace(" ", "") == "JordanExample"
    assert lines[1:] == [
        "SKILLS", "PyTorch", "Kubernetes", "CONTACT", "jordan@example.com",
        "EXPERIENCE", "ML Engineer, Contoso | 2021 – Present", "Cut p99 latency by 40% with TensorRT",
        "EDUCATION", "BSc Computer Science, Example University, 2020",
    ]  # fmt: skip


def _margin_layout(margin_text):
    """A CV whose left margin holds one short text per section, level with its first line."""

    def draw(c, page):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(150, 760, "Jordan Example")
        y = 720
        for label, lines in margin_text:
            c.setFont("Helvetica-Bold", 11)
            c.drawString(40, y, label)
            c.setFont("Helvetica", 10)
            for text in lines:
                c.drawString(150, y, text)
                y -= 14
            y -= 10

    return make_pdf(draw)


def test_pdf_headings_in_a_left_margin_are_sections():
    data = _margin_layout(
        [
            ("Experience", ["ML Engineer, Contoso | 2021 – Present", "• Cut p99 latency by 40% with TensorRT", "• Built a feature store in Spark"]),
            ("Education", ["BSc Computer Science, Example University, 2020"]),
            ("Skills", ["Python, PyTorch, Kubernetes"]),
        ]
    )
    doc = read_document(data)
    assert texts(doc)[1:4] == ["Experience", "ML Engineer, Contoso | 2021 – Present", "Cut p99 latency by 40% with TensorRT"]
    extraction = api.extract(doc)
    assert [(s.heading, s.name) for s in extraction.sections if s.heading] == [
        ("Experience", "experience"),
        ("Education", "education"),
        ("Skills", "skills"),
    ]
    assert [r.title for r in extraction.profile.roles] == ["ML Engineer"]


def test_pdf_dates_in_a_left_margin_stay_on_their_entry_line():
    # moderncv's layout: the margin holds dates, not headings; PDFium's own lines stand
    data = _margin_layout([("2021 – 2024", ["ML Engineer, Contoso", "• Cut p99 latency by 40%"]), ("2018 – 2021", ["Data Scientist, Fabrikam"])])
    assert "2021 – 2024 ML Engineer, Contoso" in texts(read_document(data))


def test_pdf_letter_spaced_headings_are_collapsed():
    def draw(c, page):
        draw_letter_spaced(c, 72, 740, "EDUCATION", 4)
        draw_letter_spaced(c, 72, 710, "WORK EXPERIENCE", 4)
        draw_letter_spaced(c, 72, 680, "SKILLS", 6, size=14)
        draw_lines(c, ["MSc Computer Science, Stanford University", *BULLETS], y=650)

    doc = read_document(make_pdf(draw))
    assert texts(doc)[:3] == ["EDUCATION", "WORK EXPERIENCE", "SKILLS"]
    assert "MSc Computer Science, Stanford University" in texts(doc)


def test_pdf_hyphenated_line_breaks_are_joined():
    def draw(c, page):
        draw_lines(
            c,
            [
                "Trained ranking models with scikit-",
                "learn and served recom-",
                "mendations in real-",
                "time with GPT-",
                "4 prompts.",
            ],
        )

    doc = read_document(make_pdf(draw))
    text = doc.text
    assert "scikit-learn" in text
    assert "recommendations" in text
    assert "real-time" in text
    assert "GPT-4" in text
    assert "\x02" not in text and "\ufffe" not in text


def test_pdf_with_user_password_is_refused():
    data = make_pdf(simple_cv, encrypt="secret")
    with pytest.raises(EncryptedPdfError) as info:
        read_document(data, name="locked.pdf")
    assert info.value.path == "locked.pdf"


def test_pdf_with_owner_password_only_still_reads():
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0, canModify=0)
    doc = read_document(make_pdf(simple_cv, encrypt=enc))
    assert "EXPERIENCE" in texts(doc)


def test_image_only_pdf_is_a_scan():
    def draw(c, page):
        c.rect(72, 72, 400, 600, fill=1)

    with pytest.raises(ScannedPdfError):
        read_document(make_pdf(draw, pages=2))


def test_too_many_pages():
    with pytest.raises(InputTooLargeError, match="limit is 3"):
        read_document(make_pdf(simple_cv, pages=4), max_pages=3)


@pytest.mark.parametrize("cut", [0.3, 0.7])
def test_truncated_pdf_is_corrupt(cut):
    data = make_pdf(simple_cv, pages=2)
    with pytest.raises(CorruptFileError):
        read_document(data[: int(len(data) * cut)])


def test_garbage_after_pdf_header_is_corrupt():
    with pytest.raises(CorruptFileError):
        read_document(b"%PDF-1.7\n" + bytes(range(256)) * 4)


def test_pdf_header_after_leading_junk_is_still_pdf():
    data = b"\x00junk from a mail gateway\n" * 10 + make_pdf(simple_cv)
    doc = read_document(data)
    assert doc.format == "pdf" and "EXPERIENCE" in texts(doc)


def test_random_bytes_are_rejected():
    data = bytes((i * 7919 + 13) % 251 for i in range(8000))
    with pytest.raises((UnsupportedFormatError, CorruptFileError)):
        read_document(data)


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs a TTF font with private-use glyphs (DejaVu Sans)")
def test_pdf_private_use_glyphs_are_bullets_or_removed_and_warned():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))

    def draw(c, page):
        draw_lines(
            c,
            ["\uef00 Built a feature store", "Contact \uef01\uef02\uef03\uef04\uef05\uef06 jane@example.com"],
            font="DejaVuSans",
        )

    doc = read_document(make_pdf(draw))
    assert texts(doc) == ["Built a feature store", "Contact jane@example.com"]
    assert hint_of(doc, "Built a feature store") == HINT_BULLET
    assert "unmapped-glyphs" in {w.code for w in doc.warnings}


# --- DOCX ------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX_RUN = f"""
<w:r xmlns:w="{W_NS}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing><wp:anchor><a:graphic>
        <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
          <wps:wsp><wps:txbx><w:txbxContent>
            <w:p><w:r><w:t>SIDEBAR CONTACT</w:t></w:r></w:p>
            <w:p><w:r><w:t>jane@example.com</w:t></w:r></w:p>
          </w:txbxContent></wps:txbx></wps:wsp>
        </a:graphicData>
      </a:graphic></wp:anchor></w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:rect><v:textbox><w:txbxContent>
        <w:p><w:r><w:t>SIDEBAR CONTACT</w:t></w:r></w:p>
        <w:p><w:r><w:t>jane@example.com</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></v:rect></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def make_docx(build=None) -> bytes:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Jane Doe | Machine Learning Engineer"
    d.add_paragraph("Jane Doe", style="Title")
    anchor = d.add_paragraph("Summary line before the box")
    anchor._p.append(parse_xml(TEXT_BOX_RUN))
    d.add_heading("Experience", level=1)
    for bullet in BULLETS:
        d.add_paragraph(bullet, style="List Bullet")
    d.add_paragraph("Shipped the model registry", style="List Number")
    d.add_heading("Skills", level=2)
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("Python", "PyTorch"), ("Kubernetes", "Spark")]):
        for col, value in enumerate(row):
            table.cell(r, col).text = value
    d.add_paragraph("Plain closing paragraph")
    if build:
        build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_order_hints_header_table_and_text_box():
    doc = read_document(make_docx(), name="cv.docx")
    lines = texts(doc)
    assert doc.format == "docx"
    assert lines[0] == "Jane Doe | Machine Learning Engineer"  # header first
    assert hint_of(doc, "Jane Doe") == HINT_HEADING  # Title style
    assert hint_of(doc, "Experience") == HINT_HEADING
    assert hint_of(doc, "Skills") == HINT_HEADING
    for bullet in BULLETS:
        assert hint_of(doc, bullet) == HINT_BULLET
    assert hint_of(doc, "Shipped the model registry") == HINT_BULLET
    assert hint_of(doc, "Plain closing paragraph") == HINT_NONE
    # table cells row by row, in body order
    i = lines.index("Skills")
    assert lines[i + 1 : i + 5] == ["Python", "PyTorch", "Kubernetes", "Spark"]
    # text box: read once (Choice), not twice (Fallback), right after its anchor paragraph
    assert lines.count("SIDEBAR CONTACT") == 1
    assert lines.count("jane@example.com") == 1
    j = lines.index("Summary line before the box")
    assert lines[j + 1 : j + 3] == ["SIDEBAR CONTACT", "jane@example.com"]
    assert lines.index("SIDEBAR CONTACT") < lines.index("Experience")


def _floating_box(x: int, y: int, width: int, height: int, paragraphs: list[str], *, colour: str = "000000", fill: str = "") -> str:
    """One DrawingML text box at (x, y) EMU from the anchor paragraph, as Word writes it."""
    shape_fill = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    runs = "".join(f'<w:p><w:r><w:rPr><w:color w:val="{colour}"/></w:rPr><w:t>{t}</w:t></w:r></w:p>' for t in paragraphs)
    content = f"<wps:txbx><w:txbxContent>{runs}</w:txbxContent></wps:txbx>" if paragraphs else ""
    return f"""
<w:r xmlns:w="{W_NS}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>
    <wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
    <wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
    <wp:extent cx="{width}" cy="{height}"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
      <wps:wsp><wps:spPr>{shape_fill}</wps:spPr>{content}</wps:wsp>
    </a:graphicData></a:graphic>
  </wp:anchor></w:drawing></mc:Choice></mc:AlternateContent>
</w:r>"""


def designed_docx(boxes) -> bytes:
    """A one-page template: every box anchored to the first paragraph, in the order given."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    anchor = d.add_paragraph()
    for box in boxes:
        anchor._p.append(parse_xml(_floating_box(*box[:5], **box[5] if len(box) > 5 else {})))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


INCH = 914_400
SIDEBAR = [  # x, y, width, height, paragraphs: a dark sidebar with white headings
    (0, INCH, 2 * INCH, INCH // 3, ["SKILLS"], {"colour": "FFFFFF"}),
    (0, INCH + INCH // 2, 2 * INCH, INCH // 4, ["PyTorch"], {"colour": "FFFFFF"}),
    (0, 2 * INCH, 2 * INCH, INCH // 4, ["Kubernetes"], {"colour": "FFFFFF"}),
    (0, 3 * INCH, 2 * INCH, INCH // 3, ["SUMMARY"], {"colour": "FFFFFF"}),
    (0, 3 * INCH + INCH // 2, 2 * INCH, INCH, ["ML engineer who ships ranking models."], {"colour": "FFFFFF"}),
]
MAIN = [
    (0, -INCH // 2, 7 * INCH, INCH // 2, ["Jordan Example"]),
    (2 * INCH + INCH // 4, INCH, 4 * INCH, INCH // 3, ["EXPERIENCE"]),
    (2 * INCH + INCH // 4, INCH + INCH // 3 + 50_000, 4 * INCH, INCH // 2, ["ML Engineer, Contoso | 2021 – Present", "Cut p99 latency by 40%"]),
    (2 * INCH + INCH // 4, 2 * INCH + INCH // 3, 4 * INCH, INCH // 3, ["EDUCATION"]),
    (2 * INCH + INCH // 4, 3 * INCH, 4 * INCH, INCH // 2, ["BSc Computer Science, Example University, 2020"]),
]
BACKDROP = (-INCH // 2, 0, 2 * INCH + INCH // 2, 10 * INCH, [], {"fill": "1F4E5F"})


def test_docx_text_boxes_read_column_by_column_whatever_order_they_were_drawn():
    # Templates anchor every box of the page to one paragraph in the order the author drew
    # them; read in that order, the sidebar's headings land among the jobs.
    drawn = [BACKDROP, MAIN[2], SIDEBAR[3], MAIN[0], SIDEBAR[1], MAIN[4], SIDEBAR[0], MAIN[3], SIDEBAR[4], MAIN[1], SIDEBAR[2]]
    lines = texts(read_document(designed_docx(drawn), name="cv.docx"))
    assert lines == [
        "Jordan Example",  # the name spans both columns: read first
        "SKILLS", "PyTorch", "Kubernetes", "SUMMARY", "ML engineer who ships ranking models.",
        "EXPERIENCE", "ML Engineer, Contoso | 2021 – Present", "Cut p99 latency by 40%",
        "EDUCATION", "BSc Computer Science, Example University, 2020",
    ]  # fmt: skip
    sections = {s.heading: s.name for s in api.extract(read_document(designed_docx(drawn), name="cv.docx")).sections if s.heading}
    assert sections == {"SKILLS": "skills", "SUMMARY": "summary", "EXPERIENCE": "experience", "EDUCATION": "education"}


def test_docx_white_text_in_a_box_is_hidden_unless_a_dark_shape_is_drawn():
    with_backdrop = read_document(designed_docx([BACKDROP, *SIDEBAR, *MAIN]), name="cv.docx")
    assert "SKILLS" in texts(with_backdrop) and "hidden-text" not in {w.code for w in with_backdrop.warnings}
    no_backdrop = read_document(designed_docx([*SIDEBAR, *MAIN]), name="cv.docx")
    assert "SKILLS" not in texts(no_backdrop) and "hidden-text" in {w.code for w in no_backdrop.warnings}


def test_docx_boxes_side_by_side_in_rows_stay_rows():
    # a title box with its date box beside it, entry after entry: rows, not two columns
    rows = []
    for i, (title, dates) in enumerate([("ML Engineer, Contoso", "2021 – Present"), ("Data Scientist, Fabrikam", "2018 – 2021")]):
        y = i * INCH
        rows += [(0, y, 4 * INCH, INCH // 3, [title]), (4 * INCH + INCH // 4, y, 2 * INCH, INCH // 3, [dates])]
    rows.append((0, 3 * INCH, 6 * INCH, INCH // 3, ["Thanks for reading"]))
    lines = texts(read_document(designed_docx(list(reversed(rows))), name="cv.docx"))
    assert lines == ["ML Engineer, Contoso", "2021 – Present", "Data Scientist, Fabrikam", "2018 – 2021", "Thanks for reading"]


def test_docx_renamed_pdf_is_read_as_docx(tmp_path):
    path = tmp_path / "cv.pdf"
    path.write_bytes(make_docx())
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.path == str(path)
    assert "Plain closing paragraph" in texts(doc)


def test_docx_text_in_content_controls_and_manual_bullets():
    from docx.oxml import parse_xml

    def build(d):
        sdt = parse_xml(
            f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Text inside a content control</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        )
        d.element.body.insert(len(d.element.body) - 1, sdt)
        d.add_paragraph("• Typed bullet with a glyph")

    doc = read_document(make_docx(build))
    assert "Text inside a content control" in texts(doc)
    assert hint_of(doc, "Typed bullet with a glyph") == HINT_BULLET


def test_zip_that_is_not_a_docx_is_corrupt():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not-closed")
    with pytest.raises(CorruptFileError):
        read_document(buf.getvalue())


def test_truncated_docx_is_corrupt():
    data = make_docx()
    with pytest.raises(CorruptFileError):
        read_document(data[: len(data) // 2])


def test_other_zip_is_unsupported():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ppt/presentation.xml", "<p/>")
    with pytest.raises(UnsupportedFormatError, match="PowerPoint"):
        read_document(buf.getvalue())


def test_docx_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a/>")
        zf.writestr("word/media/big.bin", b"\0" * 600_000)
    with pytest.raises(InputTooLargeError):
        read_document(buf.getvalue(), max_bytes=100_000)


def test_docx_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE")
    data = make_docx()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(
                    b"<w:document ",
                    f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><w:document '.encode(),
                    1,
                ).replace(b"Plain closing paragraph", b"Plain closing &xxe;")
            zf.writestr(info, body)
    doc = read_document(out.getvalue())  # python-docx parses with resolve_entities=False
    assert "TOPSECRETVALUE" not in doc.text
    assert "Plain closing" in texts(doc)


def test_docx_pages_follow_page_breaks():
    def build(d):
        d.add_page_break()
        d.add_paragraph("On the second page")

    doc = read_document(make_docx(build))
    assert doc.pages == 2
    assert [ln.page for ln in doc.lines if ln.text == "On the second page"] == [2]
    assert [ln.page for ln in doc.lines if ln.text == "Plain closing paragraph"] == [1]


# --- text and Markdown ---------------------------------------------------------------

PLAIN_CV = "Jane Doe\nEXPERIENCE\n• Built a feature store in Spark\n- Cut latency by 40%\nSKILLS\nPython, PyTorch, café\n"


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),  # "•" is 0x95 and "é" 0xE9: not valid UTF-8
    ],
)
def test_text_encodings(encoding, bom):
    data = bom + PLAIN_CV.replace("\n", "\r\n").encode(encoding)
    doc = read_document(data)
    assert doc.format == "txt"
    assert texts(doc) == [
        "Jane Doe",
        "EXPERIENCE",
        "Built a feature store in Spark",
        "Cut latency by 40%",
        "SKILLS",
        "Python, PyTorch, café",
    ]
    assert hint_of(doc, "Built a feature store in Spark") == HINT_BULLET
    assert hint_of(doc, "Cut latency by 40%") == HINT_BULLET
    assert hint_of(doc, "EXPERIENCE") == HINT_NONE


def test_text_normalisation():
    raw = (
        "Zero\u200bwidth\u00ad and\ufeff NFKC \ufb01ne-tuning\t\ttabs   spaces\n"
        "E D U C A T I O N\n"
        "SK I LL S\n"
        "ENGiNEERiNG\n"
        "\uf0b7 Private-use bullet\n"
        "Icons \ue000inside\n"
    )
    doc = read_document(raw.encode())
    assert texts(doc) == [
        "Zerowidth and NFKC fine-tuning tabs spaces",
        "EDUCATION",
        "SKILLS",
        "ENGiNEERiNG",
        "Private-use bullet",
        "Icons inside",
    ]
    assert hint_of(doc, "Private-use bullet") == HINT_BULLET


def test_private_use_glyphs_in_text():
    icons = "\uf095\uf0e0\uf09b\uf08c\ue001\ue002"
    doc = read_document(f"\uf0b7Built a feature store\nContact {icons} jane@example.com\n".encode())
    assert texts(doc) == ["Built a feature store", "Contact jane@example.com"]
    assert [ln.hint for ln in doc.lines] == [HINT_BULLET, HINT_NONE]
    assert "unmapped-glyphs" in {w.code for w in doc.warnings}
    few = read_document(("Plain text line with one icon \ue000 in it\n" * 20).encode())
    assert "unmapped-glyphs" not in {w.code for w in few.warnings}


def test_markdown_with_front_matter():
    md = (
        "---\n"
        "title: Resume\n"
        "author: Jane\n"
        "---\n"
        "# Jane Doe\n"
        "\n"
        "Machine Learning Engineer, see [my site](https://jane.dev) and <jane@example.com>\n"
        "\n"
        "## Experience ##\n"
        "\n"
        "- **Cut** p99 latency by 40% with `TensorRT`\n"
        "* Built a *feature store* in __Spark__\n"
        "1. Numbered item\n"
        "\n"
        "Skills\n"
        "------\n"
        "Python <br/> PyTorch &amp; JAX\n"
        "\n"
        "---\n"
        "| Tool | Years |\n"
        "|------|-------|\n"
        "| Spark | 4 |\n"
    )
    doc = read_document(md.encode())
    assert doc.format == "md"
    assert texts(doc) == [
        "Jane Doe",
        "Machine Learning Engineer, see my site (https://jane.dev) and jane@example.com",
        "Experience",
        "Cut p99 latency by 40% with TensorRT",
        "Built a feature store in Spark",
        "Numbered item",
        "Skills",
        "Python PyTorch & JAX",
        "Tool | Years",
        "Spark | 4",
    ]
    assert [ln.hint for ln in doc.lines[:7]] == [
        HINT_HEADING,
        HINT_NONE,
        HINT_HEADING,
        HINT_BULLET,
        HINT_BULLET,
        HINT_BULLET,
        HINT_HEADING,
    ]
    assert [ln.no for ln in doc.lines] == list(range(1, 11))


def test_markdown_by_name_and_plain_text_without_structure():
    assert read_document(b"Jane Doe\nEngineer\n", name="cv.md").format == "md"
    assert read_document(b"Jane Doe\nEngineer\n", name="cv.txt").format == "txt"


def test_warnings_little_text_and_few_lines():
    doc = read_document(b"Jane Doe\nML Engineer\n")
    assert {w.code for w in doc.warnings} == {"little-text"}
    one_long_line = ("Built and shipped ranking models with PyTorch for ten million users. " * 10).encode()
    doc = read_document(one_long_line)
    assert {w.code for w in doc.warnings} == {"few-lines"}
    full = "\n".join(f"Line {i}: built and shipped ranking models with PyTorch" for i in range(12)).encode()
    assert read_document(full).warnings == ()


# --- inputs, sizes and errors ---------------------------------------------------------


def test_stdin(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(PLAIN_CV.encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    doc = read_document("-")
    assert doc.path == "-"
    assert texts(doc)[0] == "Jane Doe"


def test_path_and_pathlike(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(PLAIN_CV.encode())
    assert read_document(path).path == str(path)
    assert texts(read_document(str(path)))[1] == "EXPERIENCE"


def test_missing_directory_and_unreadable(tmp_path, monkeypatch):
    with pytest.raises(FileMissingError) as info:
        read_document(tmp_path / "nope.pdf")
    assert info.value.path == str(tmp_path / "nope.pdf")
    with pytest.raises(FileUnreadableError):
        read_document(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text("hello")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import mlfit.ingest as ingest

    monkeypatch.setattr(ingest, "open", denied, raising=False)  # chmod does not stop root
    with pytest.raises(FileUnreadableError, match="permission"):
        read_document(locked)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", "\u200b\n".encode()])
def test_empty(data):
    with pytest.raises(EmptyDocumentError):
        read_document(data)


def test_too_large(tmp_path):
    with pytest.raises(InputTooLargeError, match="limit"):
        read_document(b"x" * 101, max_bytes=100)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputTooLargeError):
        read_document(path, max_bytes=100)


@pytest.mark.parametrize(
    "data,what",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "JPEG"),
        (b"GIF89a" + b"\0" * 100, "GIF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
        (b"{\\rtf1\\ansi Jane Doe}", "RTF"),
        (b"Jane\x00\x01\x02\x03\x04\x05Doe\x00\x00\x06\x07" * 50, "binary"),
    ],
)
def test_unsupported_formats_are_named(data, what):
    with pytest.raises(UnsupportedFormatError, match=what):
        read_document(data)


def test_import_is_light():
    code = "import sys, mlfit.ingest;bad = [m for m in ('spacy', 'pypdfium2', 'docx', 'reportlab') if m in sys.modules];assert not bad, bad"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
