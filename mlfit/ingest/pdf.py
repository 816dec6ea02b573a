"""PDF CVs through PDFium (pypdfium2), imported only when a PDF is read."""

from __future__ import annotations

from mlfit.errors import CorruptFileError, EncryptedPdfError, InputTooLargeError, ScannedPdfError

from .normalize import LineBuilder, is_letter_spaced

__all__ = ["read_pdf"]

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_MIN_CHARS = 20  # fewer non-space characters than this over all pages: no text layer


def read_pdf(data: bytes, builder: LineBuilder, *, max_pages: int) -> int:
    """Add every page's lines to ``builder``; return the page count."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == _ERR_PASSWORD:
            raise EncryptedPdfError("the PDF is password-protected") from e
        raise CorruptFileError("the PDF could not be opened (damaged or not really a PDF)") from e
    try:
        n_pages = len(pdf)
        if n_pages > max_pages:
            raise InputTooLargeError(
                f"the PDF has {n_pages} pages; the limit is {max_pages}",
                hint="a CV is rarely longer than a few pages; raise the page limit if this one really is",
            )
        if n_pages == 0:
            raise CorruptFileError("the PDF has no pages")
        for index in range(n_pages):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as e:
                raise CorruptFileError(f"page {index + 1} of the PDF could not be read") from e
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                    text = _respace_letter_spaced(textpage, text)
                finally:
                    textpage.close()
            except pdfium.PdfiumError as e:
                raise CorruptFileError(f"the text of page {index + 1} could not be read") from e
            finally:
                page.close()
            builder.add(text, page=index + 1)
    finally:
        pdf.close()
    if builder.chars < _MIN_CHARS:
        raise ScannedPdfError(f"no text found on {n_pages} page{'s' if n_pages != 1 else ''}")
    return n_pages


def _respace_letter_spaced(textpage, text: str) -> str:  # type: ignore[no-untyped-def]
    """Rebuild letter-spaced lines ("W O R K E X P") from glyph positions.

    PDFium puts a space between widely spaced letters and drops the wider word gap
    to the same single space. Measuring the gaps between glyph boxes tells the two
    apart, so the line comes out as "WORK EXP" instead of "WORKEXP". Lines are
    located in the page's character stream; when that fails the line is left for
    the normaliser, which collapses it to one word.
    """
    lines = text.split("\r\n")
    if not any(is_letter_spaced(line) for line in lines):
        return text
    stream = textpage.get_text_range()
    pos = 0
    for i, line in enumerate(lines):
        at = stream.find(line, pos) if line else -1
        if at < 0:
            continue
        pos = at + len(line)
        if is_letter_spaced(line):
            lines[i] = _words_from_boxes(textpage, line, at) or line
    return "\n".join(lines)


def _words_from_boxes(textpage, line: str, start: int) -> str | None:  # type: ignore[no-untyped-def]
    glyphs: list[tuple[str, float, float, float]] = []  # char, left, right, height
    for k, ch in enumerate(line):
        if ch.isspace():
            continue
        left, bottom, right, top = textpage.get_charbox(start + k, loose=True)
        glyphs.append((ch, left, right, top - bottom))
    if len(glyphs) < 3:
        return None
    gaps = [b[1] - a[2] for a, b in zip(glyphs, glyphs[1:])]
    ordered = sorted(gaps)
    typical = ordered[len(ordered) // 2]
    height = sorted(g[3] for g in glyphs)[len(glyphs) // 2]
    if height <= 0:
        return None
    threshold = typical + 0.18 * height
    words = [glyphs[0][0]]
    for gap, glyph in zip(gaps, glyphs[1:]):
        if gap > threshold or gap < -0.5 * height:  # a word gap, or a jump back (new column)
            words.append(glyph[0])
        else:
            words[-1] += glyph[0]
    return "  ".join(words)
