"""Hostile and broken inputs: every one gets a one-line error with a documented code, never a
traceback, never a hang, and never a score it did not earn.

Every nasty file is built here (reportlab, python-docx, zipfile, raw bytes); nothing is
downloaded. What tests/test_ingest.py, test_cli.py and test_loader.py already cover is not
repeated; this file adds what they do not (see the README, "Limits and hostile input").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import io
import json
import os
import re
import struct
import subprocess
import sys
import time
import types
import zipfile
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import api
from mlfit.errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileUnreadableError,
    InputError,
    InputTooLargeError,
    RuleFileError,
    UnsupportedFormatError,
    UsageError,
)
from mlfit.ingest import limits, read_document
from mlfit.ruleset.loader import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-06-01"


def fails(capsys, code: str, exit_code: int, *args) -> str:
    """Run the CLI; it must exit ``exit_code`` with one ``error[code]`` line and nothing on stdout."""
    status, out, err = run(capsys, *args)
    assert status == exit_code, (status, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"mlfit: error[{code}]: "), err
    return lines[0]


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


# --- fixtures built here ---------------------------------------------------------------

WEAK_CV = (EXAMPLES / "weak_built_a_model.txt").read_text(encoding="utf-8")
STUFFING = "Kubernetes PyTorch MLflow drift detection TS/SCI"


def wrap(text: str, width: int = 95) -> list[str]:
    out: list[str] = []
    for para in text.splitlines():
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append(line)
    return out


def pdf_bytes(draw, *, pages: int = 1, **canvas_kwargs) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792), **canvas_kwargs)
    for page in range(pages):
        draw(c, page)
        c.showPage()
    c.save()
    return buf.getvalue()


def weak_cv_pdf(hidden=None) -> bytes:
    """The weak example CV as a PDF; ``hidden(c, y)`` draws extra text after the first bullet."""

    def draw(c, page):
        c.setFont("Helvetica", 8.5)
        y = 760
        for line in wrap(WEAK_CV):
            if not line:
                y -= 6
                continue
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Helvetica", 8.5)
            c.drawString(40, y, line)
            y -= 11
            if hidden and line.startswith("• Built a CNN"):
                c.saveState()
                hidden(c, y)
                c.restoreState()
                y -= 11

    return pdf_bytes(draw)


def white_paragraph(c, y):
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica", 8.5)
    c.drawString(40, y, f"• Deployed {STUFFING} with Kubernetes and cut p99 latency by 45% for 20M users")


def tiny_paragraph(c, y):
    c.setFont("Helvetica", 1)
    for i in range(6):
        c.drawString(40, y + 6 - i, f"• {STUFFING}, saved $2M/yr, 99.99% uptime, A/B tested, feature store, RAG")


def scores_of(data: bytes) -> dict[str, float]:
    report = api.analyze(data, name="cv.pdf", as_of=dt.date(2026, 6, 1))
    return {s.id: s.score for s in report.segments}


def docx_bytes(build=None) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Experience", level=1)
    d.add_paragraph("Built ranking models with PyTorch for 2M users", style="List Bullet")
    d.add_paragraph("Plain closing paragraph")
    if build:
        build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, *, replace: dict | None = None, drop: tuple = (), add: dict | None = None) -> bytes:
    """Copy a DOCX, changing members: ``replace`` maps a name to a function of its bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = src.read(info)
            if replace and info.filename in replace:
                body = replace[info.filename](body)
            zf.writestr(info.filename, body)
        for name, body in (add or {}).items():
            zf.writestr(name, body)
    return out.getvalue()


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Patch ``member``'s uncompressed size in its local header and the central directory."""
    b = bytearray(data)
    name = member.encode()
    for sig, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        i = 0
        while (i := b.find(sig, i)) >= 0:
            n = struct.unpack_from("<H", b, i + name_len_at)[0]
            if bytes(b[i + name_at : i + name_at + n]) == name:
                struct.pack_into("<I", b, i + size_at, size)
            i += 4
    return bytes(b)


# --- paths --------------------------------------------------------------------------------


def test_symlink_loop(capsys, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.symlink_to(b)
    b.symlink_to(a)
    line = fails(capsys, "file-unreadable", 3, "score", a)
    assert str(a) in line and "symbolic links" in line


def test_dangling_symlink_is_missing(capsys, tmp_path):
    link = tmp_path / "cv.pdf"
    link.symlink_to(tmp_path / "gone.pdf")
    fails(capsys, "file-missing", 3, "score", link)


def test_permission_denied_through_the_cli(capsys, tmp_path, monkeypatch):
    import mlfit.ingest as ingest

    cv = tmp_path / "cv.txt"
    cv.write_text(WEAK_CV)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "open", denied, raising=False)  # chmod does not stop root
    line = fails(capsys, "file-unreadable", 3, "score", cv)
    assert "permission denied" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    import threading

    fifo = tmp_path / "cv.pdf"
    os.mkfifo(fifo)
    result: list = []

    def reader():
        try:
            read_document(fifo)
        except Exception as e:
            result.append(e)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(1.5)
    hung = thread.is_alive()
    if hung:  # unblock the reader: open the writing end and close it at once
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(5)
    assert not hung, "reading a named pipe blocked"
    assert isinstance(result[0], FileUnreadableError)


def test_a_file_that_changes_while_read_is_read_once(tmp_path, monkeypatch):
    """The bytes parsed are the bytes hashed: a writer racing the reader cannot mix two versions."""
    import builtins

    import mlfit.ingest as ingest

    cv = tmp_path / "cv.txt"
    cv.write_bytes(b"Old Name\nEXPERIENCE\n- Built an old thing\n")
    new = b"New Name\nEXPERIENCE\n- Built a new thing with PyTorch\n"
    reads = []

    class Racing(io.BytesIO):
        def read(self, *args):
            reads.append(args)
            data = super().read(*args)
            cv.write_bytes(b"Third version, written after the read\n")
            return data

    def racing_open(path, mode="r", *args, **kwargs):
        assert mode == "rb"
        cv.write_bytes(new)  # changed between stat() and open()
        with builtins.open(path, mode) as fh:
            return Racing(fh.read())

    monkeypatch.setattr(ingest, "open", racing_open, raising=False)
    doc = read_document(cv)
    assert len(reads) == 1
    assert doc.sha256 == hashlib.sha256(new).hexdigest()
    assert texts(doc) == ["New Name", "EXPERIENCE", "Built a new thing with PyTorch"]


def test_a_file_that_grows_past_the_limit_while_read(tmp_path, monkeypatch):
    import builtins

    import mlfit.ingest as ingest

    cv = tmp_path / "cv.txt"
    cv.write_bytes(b"small\n")  # stat() sees 6 bytes

    def growing_open(path, mode="r", *args, **kwargs):
        cv.write_bytes(b"x " * 5_000)
        return builtins.open(path, mode, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", growing_open, raising=False)
    with pytest.raises(InputTooLargeError, match="limit"):
        read_document(cv, max_bytes=1_000)


# --- stdin --------------------------------------------------------------------------------


def test_stdin_empty(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"")))
    fails(capsys, "empty-document", 3, "score", "-")


def test_stdin_missing(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when fd 0 is closed
    line = fails(capsys, "file-unreadable", 3, "score", "-")
    assert "standard input" in line


def test_stdin_closed_stream(capsys, monkeypatch):
    closed = io.BytesIO(b"x")
    closed.close()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=closed))
    fails(capsys, "file-unreadable", 3, "score", "-")


def test_stdin_binary(capsys, monkeypatch):
    noise = bytes((i * 7919 + 13) % 256 for i in range(6000))
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(noise)))
    status, out, err = run(capsys, "score", "-")
    assert status == 3 and out == ""
    assert re.fullmatch(r"mlfit: error\[(unsupported-format|corrupt-file)\]: -: .+\n", err), err


def test_stdin_closed_in_a_real_process(tmp_path):
    env = {**os.environ, "MLFIT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "mlfit", "score", "-"],
        stdin=subprocess.DEVNULL if os.name == "nt" else None,
        preexec_fn=None if os.name == "nt" else (lambda: os.close(0)),
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("mlfit: error[file-unreadable]: -: ") and proc.stderr.count("\n") == 1, proc.stderr


# --- PDF ------------------------------------------------------------------------------------


def test_zero_byte_pdf(capsys, tmp_path):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"")
    fails(capsys, "empty-document", 3, "score", cv)


CV_PAGES = 3


@pytest.fixture(scope="module")
def multipage_pdf() -> bytes:
    def draw(c, page):
        c.setFont("Helvetica", 10)
        for i in range(40):
            c.drawString(72, 740 - i * 14, f"Page {page + 1} line {i}: built ranking models with PyTorch for {i}M users")

    return pdf_bytes(draw, pages=CV_PAGES)


@pytest.mark.parametrize("compressed", [True, False], ids=["compressed", "plain"])
def test_pdf_truncated_at_any_point(multipage_pdf, compressed):
    """Cut anywhere from byte 5 on: a clear corrupt-file, or (cut inside the trailer) the whole CV."""
    data = (
        multipage_pdf
        if compressed
        else pdf_bytes(
            lambda c, p: [c.drawString(72, 740 - i * 14, f"Page {p + 1} line {i}: built models") for i in range(40)],
            pages=CV_PAGES,
            pageCompression=0,
        )
    )
    full = texts(read_document(data))
    n = len(data)
    cuts = sorted({5, 6, 9, 16, 64, 100, *range(n // 97, n, max(1, n // 97)), n - 6, n - 2, n - 1})
    outcomes = set()
    for cut in cuts:
        try:
            doc = read_document(data[:cut])
        except CorruptFileError:
            outcomes.add("corrupt")
            continue
        assert texts(doc) == full, f"cut at {cut} of {n}: a partial CV was read silently"
        outcomes.add("whole")
    assert "corrupt" in outcomes


@pytest.mark.parametrize("cut", [3, 4])
def test_pdf_truncated_inside_its_header(cut):
    with pytest.raises(CorruptFileError):
        read_document((EXAMPLES / "big_tech.pdf").read_bytes()[:cut])


def test_pdf_user_password_message(capsys, tmp_path):
    cv = tmp_path / "locked.pdf"
    cv.write_bytes(pdf_bytes(lambda c, p: c.drawString(72, 720, "Jane Doe, ML engineer " * 3), encrypt="secret"))
    line = fails(capsys, "encrypted-pdf", 3, "score", cv)
    assert "password" in line and str(cv) in line


def test_pdf_owner_password_only_still_scores(capsys, tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(c, page):
        c.setFont("Helvetica", 8.5)
        for i, line in enumerate(wrap(WEAK_CV)):
            c.drawString(40, 760 - i * 11, line)

    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0, canModify=0)
    cv = tmp_path / "restricted.pdf"
    cv.write_bytes(pdf_bytes(draw, encrypt=enc))
    status, out, err = run(capsys, "score", cv, "--format", "json", "--as-of", AS_OF)
    assert status == 0, err
    assert json.loads(out)["source"]["format"] == "pdf"


def test_scanned_pdf_says_so(capsys, tmp_path):
    from reportlab.lib.utils import ImageReader

    png = _png(200, 260)

    def draw(c, page):
        c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, 612, 792)

    cv = tmp_path / "scan.pdf"
    cv.write_bytes(pdf_bytes(draw, pages=2))
    line = fails(capsys, "scanned-pdf", 3, "score", cv)
    assert "text PDF" in line and "OCR" in line


def _png(width: int, height: int) -> bytes:
    """A grey PNG, built with zlib (no imaging library needed)."""
    import zlib

    raw = b"".join(b"\x00" + bytes([200]) * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_hundreds_of_pages_names_the_limit(capsys, tmp_path):
    cv = tmp_path / "long.pdf"
    cv.write_bytes(pdf_bytes(lambda c, p: c.drawString(72, 720, f"Page {p + 1} of a very long CV"), pages=300))
    line = fails(capsys, "too-large", 3, "score", cv)
    assert "300 pages" in line and f"limit is {limits.DEFAULT_MAX_PAGES} pages" in line
    assert "MLFIT_MAX_PAGES" in line


def test_tens_of_megabytes_names_the_limit(capsys, tmp_path):
    cv = tmp_path / "huge.pdf"
    with open(cv, "wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.seek(25_000_000)
        fh.write(b"\n%%EOF\n")
    line = fails(capsys, "too-large", 3, "score", cv)
    assert re.search(r"the input is 25(\.0)? MB; the limit is 20(\.0)? MB", line), line
    if _WIRED:
        assert "MLFIT_MAX_MB" in line


# --- hidden text (white, tiny, transparent, invisible, off the page) ---------------------------


def test_white_text_earns_no_points_and_is_warned(capsys, tmp_path):
    clean, stuffed = weak_cv_pdf(), weak_cv_pdf(hidden=white_paragraph)
    assert scores_of(stuffed) == scores_of(clean)
    assert "hidden-text" not in {w.code for w in read_document(clean).warnings}

    def black_paragraph(c, y):
        c.setFont("Helvetica", 8.5)
        c.drawString(40, y, f"• Deployed {STUFFING} with Kubernetes and cut p99 latency by 45% for 20M users")

    # the same paragraph in black does change the scores: the test has teeth
    assert scores_of(weak_cv_pdf(hidden=black_paragraph)) != scores_of(clean)

    cv = tmp_path / "stuffed.pdf"
    cv.write_bytes(stuffed)
    status, out, err = run(capsys, "score", cv, "--format", "json", "--as-of", AS_OF)
    assert status == 0, err
    report = json.loads(out)
    warning = next(w for w in report["warnings"] if w["code"] == "hidden-text")
    assert re.fullmatch(r"\d+ characters hidden from a human reader \(white or tiny text\) were ignored", warning["message"])
    assert "Kubernetes PyTorch MLflow" not in out
    status, out, err = run(capsys, "score", cv, "--as-of", AS_OF)
    assert status == 0 and "hidden-text" in out and "characters hidden from a human reader" in out
    status, out, err = run(capsys, "extract", cv, "--format", "json")
    assert status == 0 and "hidden-text" in {w["code"] for w in json.loads(out)["warnings"]}


def test_tiny_text_earns_no_points(capsys):
    assert scores_of(weak_cv_pdf(hidden=tiny_paragraph)) == scores_of(weak_cv_pdf())
    doc = read_document(weak_cv_pdf(hidden=tiny_paragraph))
    assert "hidden-text" in {w.code for w in doc.warnings}
    assert STUFFING not in doc.text


def _one_page(draw_extra) -> object:
    def draw(c, page):
        c.setFont("Helvetica", 10)
        c.drawString(72, 740, "Jane Doe, Machine Learning Engineer, Seattle WA")
        c.drawString(72, 720, "EXPERIENCE")
        c.drawString(72, 700, "Built ranking models with PyTorch for 2M users")
        c.saveState()
        draw_extra(c)
        c.restoreState()
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 10)
        c.drawString(72, 200, "Closing line that is always visible")

    return read_document(pdf_bytes(draw))


def _white(c):
    c.setFillColorRGB(1, 1, 1)
    c.drawString(72, 600, "SECRETWORD in white")


def _near_white(c):
    c.setFillColorRGB(0.96, 0.96, 0.97)
    c.drawString(72, 600, "SECRETWORD in near white")


def _scaled_tiny(c):
    c.translate(72, 600)
    c.scale(0.1, 0.1)
    c.setFont("Helvetica", 10)
    c.drawString(0, 0, "SECRETWORD scaled down to one point")


def _transparent(c):
    c.setFillAlpha(0)
    c.drawString(72, 600, "SECRETWORD fully transparent")


def _invisible_mode(c):
    t = c.beginText(72, 600)
    t.setTextRenderMode(3)
    t.textLine("SECRETWORD in render mode 3")
    t.setTextRenderMode(0)
    c.drawText(t)


def _off_page(c):
    c.drawString(700, 600, "SECRETWORD right of the page")
    c.drawString(72, 900, "SECRETWORD above the page")


def _white_in_a_form(c):
    c.beginForm("hidden")
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica", 10)
    c.drawString(10, 10, "SECRETWORD white inside a form XObject")
    c.endForm()
    c.translate(60, 580)
    c.doForm("hidden")


def _outlined_in_white(c):
    c.setStrokeColorRGB(1, 1, 1)
    t = c.beginText(72, 600)
    t.setTextRenderMode(1)  # stroked only, in white
    t.textLine("SECRETWORD outlined in white")
    t.setTextRenderMode(0)
    c.drawText(t)


def _white_on_white_box(c):
    c.setFillColorRGB(1, 1, 1)
    c.rect(60, 590, 400, 30, fill=1, stroke=0)  # a white box: still nothing to see
    c.drawString(72, 600, "SECRETWORD white on a white box")


@pytest.mark.parametrize(
    "draw",
    [_white, _near_white, _scaled_tiny, _transparent, _invisible_mode, _off_page, _white_in_a_form, _outlined_in_white, _white_on_white_box],
    ids=lambda f: f.__name__.strip("_"),
)
def test_hidden_text_kinds_are_dropped(draw):
    doc = _one_page(draw)
    assert "SECRETWORD" not in doc.text
    assert "Built ranking models with PyTorch for 2M users" in texts(doc)
    assert "Closing line that is always visible" in texts(doc)
    warning = next(w for w in doc.warnings if w.code == "hidden-text")
    assert int(warning.message.split()[0]) >= len("SECRETWORD")


def test_hidden_text_is_removed_on_a_pdfium_without_set_is_active(monkeypatch):
    """pypdfium2 >= 4.28 is allowed; an older PDFium lacks FPDFPageObj_SetIsActive: objects are removed instead."""
    import pypdfium2.raw as pdfium_c

    monkeypatch.delattr(pdfium_c, "FPDFPageObj_SetIsActive")
    for draw in (_white, _off_page, _scaled_tiny):
        doc = _one_page(draw)
        assert "SECRETWORD" not in doc.text and "hidden-text" in {w.code for w in doc.warnings}
    monkeypatch.delattr(pdfium_c, "FPDFFormObj_RemoveObject")
    doc = _one_page(_white_in_a_form)  # cannot be taken out of its form: kept, not a crash
    assert "Closing line that is always visible" in texts(doc)


def _white_on_a_dark_banner(c):
    c.setFillColorRGB(0.1, 0.2, 0.45)
    c.rect(60, 590, 400, 26, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 598, "VISIBLEWORD white on a dark banner")


def _white_narrow_letters_drawn_one_by_one(c):
    # Designers' tools draw some glyphs as objects of their own, in an embedded font whose
    # glyph bounds are the ink: a white "l" alone fills its own box.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # shipped with reportlab
    c.setFillColorRGB(0.1, 0.2, 0.45)
    c.rect(60, 590, 400, 40, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Vera", 22)
    x = 72
    for piece in ("VISIBLEWORD Technica", "l", " Ski", "l", "l", "s"):
        c.drawString(x, 600, piece)
        x += c.stringWidth(piece, "Vera", 22)


def _light_grey_on_black(c):
    c.setFillColorRGB(0, 0, 0)
    c.rect(60, 590, 400, 26, fill=1, stroke=0)
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.drawString(72, 598, "VISIBLEWORD light grey on black")


def _white_with_a_black_outline(c):
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(0, 0, 0)
    t = c.beginText(72, 600)
    t.setFont("Helvetica-Bold", 14)
    t.setTextRenderMode(2)  # filled white, stroked black: outlined lettering
    t.textLine("VISIBLEWORD outlined lettering")
    t.setTextRenderMode(0)
    c.drawText(t)


def _small_print(c):
    c.setFont("Helvetica", 5)
    c.drawString(72, 600, "VISIBLEWORD five point small print is still readable")


def _ocr_layer_over_a_scan(c):
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(io.BytesIO(_png(100, 130))), 0, 0, 612, 792)
    t = c.beginText(72, 600)
    t.setTextRenderMode(3)  # the invisible text an OCR tool lays over the scanned image
    t.textLine("VISIBLEWORD recognised from the scanned page")
    t.setTextRenderMode(0)
    c.drawText(t)


@pytest.mark.parametrize(
    "draw",
    [
        _white_on_a_dark_banner,
        _white_narrow_letters_drawn_one_by_one,
        _light_grey_on_black,
        _white_with_a_black_outline,
        _small_print,
        _ocr_layer_over_a_scan,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_visible_text_is_kept(draw):
    doc = _one_page(draw)
    assert "VISIBLEWORD" in doc.text
    assert "Ski s" not in doc.text
    assert "hidden-text" not in {w.code for w in doc.warnings}


def test_a_pdf_whose_only_text_is_hidden(capsys, tmp_path):
    def draw(c, page):
        c.setFillColorRGB(1, 1, 1)
        c.setFont("Helvetica", 10)
        for i in range(10):
            c.drawString(72, 700 - 14 * i, f"{STUFFING} line {i}")

    cv = tmp_path / "ghost.pdf"
    cv.write_bytes(pdf_bytes(draw))
    line = fails(capsys, "empty-document", 3, "score", cv)
    assert "hidden from a human reader" in line


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_not_a_zip(capsys, tmp_path):
    cv = tmp_path / "cv.docx"
    cv.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    fails(capsys, "corrupt-file", 3, "score", cv)


def test_zip_without_a_document_is_not_a_cv(capsys, tmp_path):
    cv = tmp_path / "cv.docx"
    cv.write_bytes(rezip(docx_bytes(), drop=("word/document.xml", "[Content_Types].xml")))
    line = fails(capsys, "unsupported-format", 3, "score", cv)
    assert "ZIP archive" in line


def test_docx_whose_main_document_is_missing(capsys, tmp_path):
    cv = tmp_path / "cv.docx"
    cv.write_bytes(rezip(docx_bytes(), drop=("word/document.xml",)))  # [Content_Types].xml still names it
    line = fails(capsys, "corrupt-file", 3, "score", cv)
    assert "missing" in line


def test_docx_bomb_with_honest_headers():
    bomb = rezip(docx_bytes(), add={"word/media/pad.bin": b"\0" * 120_000_000})
    assert len(bomb) < 1_000_000
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError) as info:
        read_document(bomb)
    assert time.perf_counter() - start < 2
    assert "expands to 120" in info.value.message and "limit is 100 MB" in info.value.message
    assert "MLFIT_MAX_MB" in info.value.hint


def test_docx_bomb_with_lying_headers_is_not_inflated():
    """Headers that declare 1 kB for 120 MB of zeros: refused, without ever holding the 120 MB."""
    import tracemalloc

    bomb = lie_about_size(rezip(docx_bytes(), add={"word/media/pad.bin": b"\0" * 120_000_000}), "word/media/pad.bin", 1_000)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises((CorruptFileError, InputTooLargeError)):
            read_document(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - start < 2
    assert peak < 30_000_000, f"peak memory {peak / 1e6:.0f} MB"


def test_docx_expansion_is_capped_while_streaming(monkeypatch):
    """Even if a member's declared size were believed, the stream is counted and stopped at the cap."""
    import mlfit.ingest.docx as docx_reader

    data = rezip(docx_bytes(), add={"word/media/pad.bin": os.urandom(300_000)})
    monkeypatch.setattr(zipfile.ZipInfo, "file_size", property(lambda self: 1, lambda self, v: None), raising=False)
    with pytest.raises((InputTooLargeError, CorruptFileError)):
        docx_reader._check_archive(data, 100_000)


def test_docx_with_too_many_parts(capsys, tmp_path):
    cv = tmp_path / "cv.docx"
    cv.write_bytes(rezip(docx_bytes(), add={f"word/media/p{i}.bin": b"" for i in range(limits.MAX_ZIP_ENTRIES + 1)}))
    line = fails(capsys, "too-large", 3, "score", cv)
    assert f"limit is {limits.MAX_ZIP_ENTRIES:,}" in line


def test_docx_billion_laughs_is_not_expanded(capsys, tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))

    def laugh(body: bytes) -> bytes:
        return body.replace(b"<w:document ", f"<!DOCTYPE w:document [{entities}]><w:document ".encode(), 1).replace(
            b"Plain closing paragraph", b"Plain &lol9; closing"
        )

    cv = tmp_path / "laughs.docx"
    cv.write_bytes(rezip(docx_bytes(), replace={"word/document.xml": laugh}))
    start = time.perf_counter()
    line = fails(capsys, "corrupt-file", 3, "score", cv)
    assert time.perf_counter() - start < 5
    assert "entities" in line


def test_docx_small_internal_entity_is_left_unexpanded():
    def entity(body: bytes) -> bytes:
        return body.replace(b"<w:document ", b'<!DOCTYPE w:document [<!ENTITY k "Kubernetes">]><w:document ', 1).replace(
            b"Plain closing paragraph", b"Plain closing &k;"
        )

    doc = read_document(rezip(docx_bytes(), replace={"word/document.xml": entity}))
    assert "Kubernetes" not in doc.text
    assert "Plain closing" in texts(doc)


def test_docx_external_dtd_and_parameter_entities_are_never_fetched(tmp_path, monkeypatch):
    import socket

    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOPSECRETVALUE">')
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)

    def external(body: bytes) -> bytes:
        doctype = (
            f'<!DOCTYPE w:document SYSTEM "{secret.as_uri()}" ['
            '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;'
            '<!ENTITY web SYSTEM "http://127.0.0.1:9/leak">]>'
        )
        return body.replace(b"<w:document ", doctype.encode() + b"<w:document ", 1).replace(b"Plain closing paragraph", b"Plain closing &leak;&web;")

    try:
        doc = read_document(rezip(docx_bytes(), replace={"word/document.xml": external}))
    except CorruptFileError:
        pass  # refusing the file is safe too
    else:
        assert "TOPSECRETVALUE" not in doc.text
    assert attempts == []


@pytest.mark.parametrize("part", ["word/styles.xml", "word/document.xml", "[Content_Types].xml", "_rels/.rels"])
def test_docx_malformed_xml_in_any_part(capsys, tmp_path, part):
    cv = tmp_path / "cv.docx"
    cv.write_bytes(rezip(docx_bytes(), replace={part: lambda b: b[: len(b) // 2] + b"<<&"}))
    fails(capsys, "corrupt-file", 3, "score", cv)


def test_docx_deeply_nested_xml(capsys, tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def nest(body: bytes) -> bytes:
        deep = f'<w:sdt xmlns:w="{w}"><w:sdtContent>' * 5000 + "</w:sdtContent></w:sdt>" * 5000
        return body.replace(b"<w:body>", b"<w:body>" + deep.encode(), 1)

    cv = tmp_path / "deep.docx"
    cv.write_bytes(rezip(docx_bytes(), replace={"word/document.xml": nest}))
    status, out, err = run(capsys, "score", cv, "--format", "json")
    assert status in (0, 3), err
    if status == 3:
        assert err.startswith("mlfit: error[corrupt-file]: ") and err.count("\n") == 1, err


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text: str, rpr: str) -> str:
    return f'<w:r xmlns:w="{W}"><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _docx_with_runs(*runs: str, cell_fill: str | None = None, page: str | None = None) -> bytes:
    from docx.oxml import parse_xml

    def build(d):
        para = d.add_paragraph("Visible start. ")
        for xml in runs:
            para._p.append(parse_xml(xml))
        if cell_fill:
            cell = d.add_table(rows=1, cols=1).cell(0, 0)
            cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd xmlns:w="{W}" w:val="clear" w:color="auto" w:fill="{cell_fill}"/>'))
            cell.paragraphs[0]._p.append(parse_xml(_run("VISIBLEWORD white in a dark cell", '<w:color w:val="FFFFFF"/>')))
        if page:
            d.element.insert(0, parse_xml(f'<w:background xmlns:w="{W}" w:color="{page}"/>'))

    return docx_bytes(build)


@pytest.mark.parametrize(
    "rpr",
    ["<w:vanish/>", '<w:sz w:val="2"/>', '<w:color w:val="FFFFFF"/>', '<w:color w:val="FAFAFA"/><w:shd w:val="clear" w:fill="FFFFFF"/>'],
    ids=["vanish", "one-point", "white", "near-white-on-white-shading"],
)
def test_docx_hidden_runs_earn_nothing(rpr):
    doc = read_document(_docx_with_runs(_run(f"SECRETWORD {STUFFING}", rpr)))
    assert "SECRETWORD" not in doc.text and "Visible start." in doc.text
    warning = next(w for w in doc.warnings if w.code == "hidden-text")
    assert warning.message.startswith(f"{len(('SECRETWORD ' + STUFFING).replace(' ', ''))} characters hidden")


@pytest.mark.parametrize(
    "rpr",
    [
        '<w:vanish w:val="0"/>',
        '<w:sz w:val="10"/>',
        '<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>',
        '<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="1F3864"/>',
        '<w:color w:val="FFFFFF"/><w:shd w:val="solid" w:color="000000" w:fill="auto"/>',
        '<w:color w:val="808080"/>',
    ],
    ids=["vanish-off", "five-point", "white-highlighted", "white-on-dark-shading", "white-on-solid-pattern", "grey"],
)
def test_docx_visible_runs_are_kept(rpr):
    doc = read_document(_docx_with_runs(_run("VISIBLEWORD in a run", rpr)))
    assert "VISIBLEWORD" in doc.text
    assert "hidden-text" not in {w.code for w in doc.warnings}


def test_docx_white_text_in_a_dark_cell_or_on_a_dark_page_is_kept():
    doc = read_document(_docx_with_runs(cell_fill="000080"))
    assert "VISIBLEWORD white in a dark cell" in texts(doc)
    doc = read_document(_docx_with_runs(_run("VISIBLEWORD on a dark page", '<w:color w:val="FFFFFF"/>'), page="202020"))
    assert "VISIBLEWORD" in doc.text


def test_docx_stuffing_scores_the_same_as_without(capsys, tmp_path):
    clean = _docx_with_runs()
    stuffed = _docx_with_runs(
        _run(f"{STUFFING} cut p99 latency by 45% for 20M users", '<w:color w:val="FFFFFF"/>'),
        _run(f"{STUFFING} saved $2M/yr", "<w:vanish/>"),
        _run(f"{STUFFING} feature store RAG", '<w:sz w:val="1"/>'),
    )
    as_of = dt.date(2026, 6, 1)

    def scores(data):
        return [s.score for s in api.analyze(data, name="cv.docx", as_of=as_of).segments]

    assert scores(stuffed) == scores(clean)
    shown = _docx_with_runs(_run(f"{STUFFING} cut p99 latency by 45% for 20M users", '<w:color w:val="000000"/>'))
    assert scores(shown) != scores(clean)  # the same words, visible, do count
    cv = tmp_path / "stuffed.docx"
    cv.write_bytes(stuffed)
    status, out, err = run(capsys, "score", cv, "--format", "json", "--as-of", AS_OF)
    assert status == 0, err
    assert "hidden-text" in {w["code"] for w in json.loads(out)["warnings"]}


# --- text ---------------------------------------------------------------------------------------

PLAIN = "Jane Doe\nEXPERIENCE\n- Built a feature store in Spark\nSKILLS\nPython, PyTorch, café\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(codec):
    assert texts(read_document(PLAIN.encode(codec)))[-1] == "Python, PyTorch, café"


@pytest.mark.parametrize("bom,codec", [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be")])
def test_utf32_with_a_bom(bom, codec):
    assert texts(read_document(bom + PLAIN.encode(codec)))[-1] == "Python, PyTorch, café"


def test_latin1_bytes_that_are_not_cp1252():
    body = WEAK_CV.replace("•", "-").replace("—", "-").replace("–", "-")
    data = (body + "Notes: café, naïve\n").encode("latin-1") + b"Stray \x81\x8d\x8f\x90\x9d bytes\n"
    doc = read_document(data)
    assert "Notes: café, naïve" in texts(doc)
    assert texts(doc)[-1] == "Stray bytes"  # C1 controls are dropped, not kept as junk


def test_control_characters_are_dropped():
    raw = WEAK_CV.replace("TYLER BRENNAN", "TYLER\x00 BRENNAN\x07").replace("SKILLS", "SKILLS\x1b[0m\x08\x7f")
    doc = read_document(raw.encode())
    assert texts(doc)[0] == "TYLER BRENNAN"
    assert "SKILLS[0m" in texts(doc)
    assert not any(ch in doc.text for ch in "\x00\x07\x08\x1b\x7f")


@pytest.mark.parametrize(
    "data",
    [b" " * 10_000, b"\t\r\n" * 5_000, "\u00a0\u3000\u2003\u200b\n".encode() * 1000, b"\xef\xbb\xbf  \n  ", "\u2028\u2029".encode("utf-16")],
    ids=["spaces", "tabs-newlines", "unicode-spaces", "bom-spaces", "utf16-separators"],
)
def test_whitespace_only(capsys, tmp_path, data):
    cv = tmp_path / "blank.txt"
    cv.write_bytes(data)
    fails(capsys, "empty-document", 3, "score", cv)


def test_a_ten_megabyte_single_line_is_refused_fast(capsys, tmp_path):
    cv = tmp_path / "one_line.txt"
    cv.write_bytes(b"Built ranking models with PyTorch cutting latency by 40% for 2M users " * 150_000)
    assert cv.stat().st_size > 10_000_000
    start = time.perf_counter()
    line = fails(capsys, "too-large", 3, "score", cv)
    assert time.perf_counter() - start < 5
    assert f"limit is {limits.DEFAULT_MAX_CHARS:,}" in line and "MLFIT_MAX_CHARS" in line


def test_a_ten_megabyte_line_without_spaces_is_refused_fast():
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError):
        read_document(b"x" * 10_000_000)
    assert time.perf_counter() - start < 5


def test_an_expanding_line_is_refused_before_it_expands():
    # U+FDFA is one character that NFKC turns into 18
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError):
        read_document(("\ufdfa" * 3_000_000).encode())
    assert time.perf_counter() - start < 5


def test_long_lines_are_split_at_spaces():
    words = "Built ranking models with PyTorch for two million users " * 3_000  # 168k characters
    doc = read_document(f"EXPERIENCE\n- {words}\n".encode())
    assert max(len(t) for t in texts(doc)) <= limits.MAX_LINE_CHARS
    assert len(doc.lines) > 30
    assert all(not t.startswith(" ") and not t.endswith(" ") for t in texts(doc))
    assert " ".join(texts(doc)[1:]) == words.strip()
    no_spaces = read_document(b"y" * 12_000)
    assert [len(t) for t in texts(no_spaces)] == [5_000, 5_000, 2_000]


def test_a_long_line_scores_within_seconds():
    line = "Built ranking models with PyTorch cutting latency by 40% for 2M users " * 250  # ~18k characters
    start = time.perf_counter()
    report = api.analyze(f"EXPERIENCE\n- {line}\n".encode(), name="cv.txt")
    assert time.perf_counter() - start < 10
    assert report.segments


def test_outcome_pattern_is_linear_on_a_run_of_x():
    from mlfit.extract.outcomes import quantities

    start = time.perf_counter()
    quantities("x" * 4_000)
    assert time.perf_counter() - start < 0.2


def test_markdown_sniffing_is_linear_on_unclosed_brackets():
    start = time.perf_counter()
    read_document(b"[(" * 15_000)
    assert time.perf_counter() - start < 0.1


def test_markdown_comment_stripping_is_linear_on_unclosed_comments():
    start = time.perf_counter()
    try:
        read_document(b"<!--" * 6_000, name="cv.md")  # read as text or empty: either is fine, quickly
    except EmptyDocumentError:
        pass
    assert time.perf_counter() - start < 0.1


def test_punctuation_runs_are_broken_up_for_the_tokenizer():
    """spaCy strips affixes one at a time and rescans: a long run of '(' or quotes is quadratic."""
    doc = read_document(("Built (" + "(" * 40 + ") things \"'\"'\"'\"'\"'\"'\"'\"'\"'\"'\n").encode())
    assert max(len(w) for w in doc.text.split()) <= 17
    start = time.perf_counter()
    api.analyze(read_document(("EXPERIENCE\n- " + "(" * 20_000 + "\n- " + "🙂" * 5_000 + "\n").encode()))
    assert time.perf_counter() - start < 5


def test_text_limit_from_the_environment(capsys, tmp_path, monkeypatch):
    cv = tmp_path / "cv.txt"
    cv.write_text(WEAK_CV)
    monkeypatch.setenv("MLFIT_MAX_CHARS", "500")
    line = fails(capsys, "too-large", 3, "score", cv)
    assert "limit is 500" in line and "MLFIT_MAX_CHARS" in line
    monkeypatch.setenv("MLFIT_MAX_CHARS", "lots")
    line = fails(capsys, "usage", 2, "score", cv)
    assert "MLFIT_MAX_CHARS" in line and "lots" in line
    monkeypatch.setenv("MLFIT_MAX_CHARS", "2_000_000")
    status, _, err = run(capsys, "score", cv, "--as-of", AS_OF)
    assert status == 0, err


# --- limits from the environment ---------------------------------------------------------------


def test_limits_read_the_environment(monkeypatch):
    for name in ("MLFIT_MAX_MB", "MLFIT_MAX_PAGES", "MLFIT_MAX_CHARS"):
        monkeypatch.delenv(name, raising=False)
    assert (limits.max_bytes(), limits.max_pages(), limits.max_chars()) == (20_000_000, 50, 500_000)
    monkeypatch.setenv("MLFIT_MAX_MB", "2.5")
    monkeypatch.setenv("MLFIT_MAX_PAGES", "200")
    monkeypatch.setenv("MLFIT_MAX_CHARS", "1000000")
    assert (limits.max_bytes(), limits.max_pages(), limits.max_chars()) == (2_500_000, 200, 1_000_000)
    assert (limits.max_bytes(7), limits.max_pages(3), limits.max_chars(9)) == (7, 3, 9)  # explicit wins
    for bad in ("0", "-1", "abc", "nan", "inf", "1e400"):
        monkeypatch.setenv("MLFIT_MAX_MB", bad)
        with pytest.raises(UsageError, match="MLFIT_MAX_MB"):
            limits.max_bytes()
    monkeypatch.setenv("MLFIT_MAX_PAGES", "2.5")
    with pytest.raises(UsageError, match="whole number"):
        limits.max_pages()


def test_limit_errors_name_the_limit_and_how_to_raise_it():
    assert limits.too_large(25_300_000, 20_000_000).one_line() == (
        "mlfit: error[too-large]: the input is 25.3 MB; the limit is 20 MB (a CV is rarely over a few MB; set MLFIT_MAX_MB to raise it)"
    )
    assert "the PDF has 300 pages; the limit is 50 pages" in limits.too_many_pages(300, 50).one_line()
    assert "MLFIT_MAX_PAGES" in limits.too_many_pages(300, 50).one_line()


_WIRED = inspect.signature(read_document).parameters["max_pages"].default is None


@pytest.mark.skipif(not _WIRED, reason="waits for the lead: read_document(max_bytes=None, max_pages=None) -> mlfit.ingest.limits")
def test_page_and_size_limits_from_the_environment(capsys, tmp_path, monkeypatch):
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(pdf_bytes(lambda c, p: c.drawString(72, 720, f"Page {p + 1}: built models with PyTorch " * 2), pages=4))
    monkeypatch.setenv("MLFIT_MAX_PAGES", "3")
    line = fails(capsys, "too-large", 3, "score", cv)
    assert "limit is 3 pages" in line and "MLFIT_MAX_PAGES" in line
    monkeypatch.delenv("MLFIT_MAX_PAGES")
    monkeypatch.setenv("MLFIT_MAX_MB", "0.001")
    line = fails(capsys, "too-large", 3, "score", cv)
    assert "limit is 1,000 bytes" in line and "MLFIT_MAX_MB" in line


# --- rule packs ---------------------------------------------------------------------------------

RULE = """\
  - id: FT001
    name: fintech.payments
    kind: phrases
    weight: 5
    message: Name the payment systems you protected.
    why: Because money moves.
    source: Market Snapshot and Demand
    terms: [{terms}]
    examples:
      good: ["Cut chargebacks 12% on card payments"]
      bad: ["Built a dashboard"]
"""


def pack_dir(tmp_path, body: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "fintech.yml").write_text(body, encoding="utf-8")
    return folder


def rule_issues(tmp_path, body: str) -> list[str]:
    folder = pack_dir(tmp_path, body)
    with pytest.raises(RuleFileError) as info:
        load_ruleset([folder])
    return info.value.issues


HEAD = "schema: 1\nsegment: fintech\ntitle: Fintech\nextends: [regulated]\n"


@pytest.mark.parametrize("depth", [5_000, 200_000])
def test_yaml_nested_past_the_parser_limit(tmp_path, depth):
    issues = rule_issues(tmp_path, HEAD + "rules: " + "[" * depth + "]" * depth + "\n")
    assert "nesting depth" in issues[0] or "nested" in issues[0]


def test_yaml_nested_just_under_the_parser_limit(capsys, tmp_path):
    folder = pack_dir(tmp_path, HEAD + "rules: " + "[" * 900 + "]" * 900 + "\n")
    line = fails(capsys, "rule-file", 2, "score", EXAMPLES / "big_tech.md", "--rules", folder)
    assert "nested more than 50 levels" in line


def test_a_two_megabyte_rule_file(capsys, tmp_path):
    folder = pack_dir(tmp_path, HEAD + "description: " + "x" * 2_000_001 + "\nrules: []\n")
    line = fails(capsys, "rule-file", 2, "score", EXAMPLES / "big_tech.md", "--rules", folder)
    assert "larger than 2 MB" in line


def test_a_megabyte_rule_file_is_parsed_quickly(tmp_path):
    notes = "".join(f"  - text: note {i} {'y' * 60}\n    source: Somewhere\n" for i in range(9_000))
    body = HEAD + "market_notes:\n" + notes + "rules:\n" + RULE.format(terms="payments")
    assert 900_000 < len(body) < 2_000_000
    folder = pack_dir(tmp_path, body)
    start = time.perf_counter()
    ruleset = load_ruleset([folder])
    assert time.perf_counter() - start < 10
    assert "fintech" in ruleset.segments


def test_a_term_of_ten_thousand_characters(tmp_path):
    issues = rule_issues(tmp_path, HEAD + "rules:\n" + RULE.format(terms="a" * 10_000))
    assert any(":13:" in i and "longer than 80 characters" in i for i in issues), issues


def test_a_term_of_ten_thousand_characters_is_not_echoed(tmp_path):
    issues = rule_issues(tmp_path, HEAD + "rules:\n" + RULE.format(terms="a" * 10_000))
    assert all(len(i) < 400 for i in issues)


@pytest.mark.parametrize("value", ["'not a list'", "42", "{a: 1}", "true"])
def test_rules_that_is_not_a_list(tmp_path, value):
    issues = rule_issues(tmp_path, HEAD + f"rules: {value}\n")
    assert any(":5:" in i and "rules must be a list of rules" in i for i in issues), issues


def test_regex_looking_terms_are_literal_and_fast(tmp_path):
    """A term that would backtrack catastrophically as a regex is a literal token sequence here."""
    evil = "(a+)+$"
    issues = rule_issues(tmp_path, HEAD + "rules:\n" + RULE.format(terms="'(x|x)*y', 'a*'"))
    assert any("'*' may only end a word" in i for i in issues)  # a star inside a term is rejected
    folder = pack_dir(tmp_path, HEAD + "rules:\n" + RULE.format(terms=f"'{evil}', payments"))
    ruleset = load_ruleset([folder])
    assert ruleset.rule("FT001").params["terms"][0] == evil
    cv = ("EXPERIENCE\n- " + "a" * 40 + "!\n- handled card payments\n- " + "a" * 5_000 + "!\n").encode()
    start = time.perf_counter()
    report = api.analyze(cv, name="cv.md", rules=[str(folder)], segments=["fintech"])
    assert time.perf_counter() - start < 10
    contribution = next(c for c in report.segments[0].contributions if c.rule_id == "FT001")
    assert [e.text for e in contribution.evidence] == ["handled card payments"]


def test_user_vocabulary_bomb_is_refused(tmp_path):
    vocab = tmp_path / "rules" / "vocab"
    vocab.mkdir(parents=True)
    (tmp_path / "rules" / "fintech.yml").write_text(HEAD + "rules:\n" + RULE.format(terms="payments"))
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    (vocab / "bomb.yml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(RuleFileError):
        load_ruleset([tmp_path / "rules"])
    assert time.perf_counter() - start < 5


# --- the error-code table -------------------------------------------------------------------------


def test_every_error_code_is_in_the_readme():
    """Every code an error class can carry is listed in the README with its exit code."""
    import mlfit.errors as errors

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (\d+) \|", readme, re.M))
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.MlfitError)]
    codes = {c.code: c.exit_code for c in classes if c.code not in ("error", "input")}  # abstract bases
    missing = sorted(code for code in codes if code not in rows)
    assert not missing, f"error codes missing from the README table: {missing}"
    wrong = {code: (rows[code], codes[code]) for code in codes if int(rows[code]) != codes[code]}
    assert not wrong, f"README exit codes disagree with mlfit/errors.py: {wrong}"


def test_input_errors_all_exit_3():
    import mlfit.errors as errors

    for cls in vars(errors).values():
        if isinstance(cls, type) and issubclass(cls, InputError):
            assert cls.exit_code == 3, cls
    assert EmptyDocumentError.exit_code == FileUnreadableError.exit_code == UnsupportedFormatError.exit_code == 3
