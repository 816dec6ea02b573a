"""Tell what a file is from its bytes (never from its name), and decode text files."""

from __future__ import annotations

import io
import re

from mlfit.errors import CorruptFileError, UnsupportedFormatError

__all__ = ["decode_text", "sniff"]

PDF = "pdf"
DOCX = "docx"
TEXT = "text"
TEX = "tex"  # a LaTeX source
JSON_RESUME = "json"  # a JSON Resume (jsonresume.org)

_SAVE_AS = "save it as DOCX or PDF and retry"

# (magic at offset 0, what it is, hint or None for the default hint)
_MAGIC: tuple[tuple[bytes, str, str | None], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "export the CV as a text PDF, or run OCR first"),
    (b"\xff\xd8\xff", "a JPEG image", "export the CV as a text PDF, or run OCR first"),
    (b"GIF87a", "a GIF image", None),
    (b"GIF89a", "a GIF image", None),
    (b"II*\x00", "a TIFF image", "export the CV as a text PDF, or run OCR first"),
    (b"MM\x00*", "a TIFF image", "export the CV as a text PDF, or run OCR first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc (Office 97-2003) file", _SAVE_AS),
    (b"{\\rtf", "an RTF document", _SAVE_AS),
    (b"%!PS", "a PostScript file", "convert it to PDF and retry"),
    (b"\x1f\x8b", "a gzip archive", None),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", None),
    (b"Rar!\x1a\x07", "a RAR archive", None),
    (b"\x7fELF", "a program (ELF binary)", None),
)

_DOCX_MAIN = b"wordprocessingml.document.main+xml"
_WORD_OTHER = (b"ms-word.document.macroEnabled", b"wordprocessingml.template.main", b"ms-word.template")


def sniff(data: bytes) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"tex"``, ``"json"`` or ``"text"``; raise for anything mlfit cannot read."""
    head = data[:1024]
    if b"%PDF-" in head:  # PDFium accepts up to 1 KiB of junk before the header
        return PDF
    if 2 <= len(data.lstrip()) < 5 and b"%PDF-".startswith(data.lstrip()):
        raise CorruptFileError("a PDF cut off inside its header", hint="the file is truncated; export it again")
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _sniff_zip(data)
    for magic, what, hint in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(f"this is {what}, not a CV mlfit can read", hint=hint)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise UnsupportedFormatError("this is a WebP image, not a CV mlfit can read")
    if head[4:8] == b"ftyp":
        raise UnsupportedFormatError("this is an image or video file (HEIC/MP4), not a CV mlfit can read")
    return _sniff_text(data)


# --- text formats: LaTeX and JSON Resume ---------------------------------------------

# \documentclass or \begin{document}: a LaTeX source. Without them (a body that is
# \input elsewhere), commands at the start of lines that only LaTeX CVs have.
_LATEX_DOCUMENT = re.compile(rb"^[ \t]*\\(?:documentclass|begin[ \t]*\{document\})", re.M)
_LATEX_CV = re.compile(
    rb"^[ \t]*\\(?:resumeItem|resumeSubheading|resumeProjectHeading|resumeSubHeadingListStart|cventry|cvitem|"
    rb"cvsection|cvevent|begin[ \t]*\{(?:rSection|cvitems|cvsection)\})",
    re.M,
)
_LATEX_COMMAND = re.compile(
    rb"^[ \t]*\\(?:section\*?\{|subsection\*?\{|item\b|begin[ \t]*\{(?:itemize|enumerate|center|tabular)|"
    rb"end[ \t]*\{|textbf\{|usepackage|newcommand)",
    re.M,
)
_JSON_START = re.compile(rb'^\{\s*(?:"|\})')
_NOT_JSON_RESUME = "JSON, but not a JSON Resume: no basics/work"


def _sniff_text(data: bytes) -> str:
    sample = data[:200_000]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):  # UTF-16/32: markers are ASCII
        sample = decode_text(sample).encode("utf-8", errors="replace")
    stripped = sample.removeprefix(b"\xef\xbb\xbf").lstrip()
    if stripped[:1] in (b"{", b"["):
        kind = _sniff_json(data, stripped)
        if kind:
            return kind
    if _LATEX_DOCUMENT.search(sample) or _LATEX_CV.search(sample) or len(_LATEX_COMMAND.findall(sample)) >= 3:
        return TEX
    return TEXT


def _sniff_json(data: bytes, stripped: bytes) -> str | None:
    """JSON_RESUME for a JSON object with ``basics`` or ``work``; None when this is not JSON at all."""
    import json

    try:
        value = json.loads(decode_text(data))
    except ValueError as e:
        if not _JSON_START.match(stripped):
            return None  # "[Jane Doe](https://...)" or "{% include %}": Markdown, not JSON
        where = f" (line {e.lineno}, column {e.colno})" if isinstance(e, json.JSONDecodeError) else ""
        raise CorruptFileError(
            f"this looks like JSON but is not valid JSON{where}: {getattr(e, 'msg', e)}",
            hint="fix the syntax, often a missing comma or quote, and retry",
        ) from e
    if isinstance(value, dict) and (isinstance(value.get("basics"), dict) or isinstance(value.get("work"), list)):
        return JSON_RESUME
    raise UnsupportedFormatError(
        _NOT_JSON_RESUME,
        hint='mlfit reads a JSON Resume, as jsonresume.org defines it: an object with "basics" and "work"',
    )


def _sniff_zip(data: bytes) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            types = b""
            if "[Content_Types].xml" in names:
                info = zf.getinfo("[Content_Types].xml")
                if info.file_size < 1_000_000:
                    types = zf.read(info)
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception as e:  # BadZipFile, zlib.error, EOFError, bad CRC, encrypted member ...
        raise CorruptFileError("the file is a damaged ZIP/DOCX archive") from e
    if "word/document.xml" in names or _DOCX_MAIN in types:
        return DOCX
    if any(t in types for t in _WORD_OTHER):
        raise UnsupportedFormatError("this is a macro-enabled Word document or a Word template", hint=_SAVE_AS)
    if any(n.startswith("ppt/") for n in names):
        what = "a PowerPoint presentation"
    elif any(n.startswith("xl/") for n in names):
        what = "an Excel workbook"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument"):
        what = "an OpenDocument file"
    elif mimetype.startswith(b"application/epub"):
        what = "an EPUB book"
    elif "Index/Document.iwa" in names or "index.xml" in names:
        what = "an Apple Pages document"
    else:
        what = "a ZIP archive"
    raise UnsupportedFormatError(f"this is {what}, not a CV mlfit can read", hint=_SAVE_AS)


# --- text ---------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
_ASCII = bytes(range(128))


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16/32 with a BOM, else cp1252/latin-1.

    Raises UnsupportedFormatError when the result is binary data rather than text.
    """
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    if text is None:
        utf16 = _guess_bomless_utf16(data)
        if utf16:
            text = data.decode(utf16, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if text:
        sample = text[:200_000]
        bad = len(_BINARY_CHARS.findall(sample))
        if bad > 0.05 * len(sample) or sample.count("\x00") > 0.01 * len(sample):
            raise UnsupportedFormatError("this is binary data, not text")
    return text


def _guess_bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.9 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.9 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    """Bytes that are not valid UTF-8: a UTF-8 file with a few stray bytes, or cp1252."""
    as_utf8 = data.decode("utf-8", errors="replace")
    errors = as_utf8.count("\ufffd")
    non_ascii = len(data.translate(None, _ASCII))
    if errors * 10 <= non_ascii:  # mostly valid multi-byte sequences
        return as_utf8
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
