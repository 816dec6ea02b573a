"""Reading CVs: bytes in, a :class:`~mlfit.model.Document` of numbered lines out.

    >>> from mlfit.ingest import read_document
    >>> doc = read_document("cv.pdf")            # a path
    >>> doc = read_document("-")                 # stdin
    >>> doc = read_document(data, name="cv.md")  # bytes

The format is sniffed from the bytes, never from the file name (a DOCX renamed
``.pdf`` is read as a DOCX); LaTeX sources and JSON Resumes are recognised by
their content too. PDF and DOCX libraries are imported only when such
a file is read, so importing this package is cheap. Nothing here prints or logs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys

from mlfit.errors import (
    EmptyDocumentError,
    FileMissingError,
    FileUnreadableError,
    MlfitError,
)
from mlfit.model import Document

from . import limits
from .normalize import LineBuilder
from .sniff import DOCX, JSON_RESUME, PDF, TEX, decode_text, sniff

__all__ = ["read_document"]


def read_document(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
) -> Document:
    """Read a CV from a path, ``"-"`` (stdin) or raw bytes.

    ``name`` is the path reported for stdin or bytes (default ``"-"``); a
    ``.md``/``.markdown`` name also marks text as Markdown. Raises a subclass of
    :class:`mlfit.errors.InputError` for anything that cannot be read.
    """
    path = name or "-"
    try:
        max_bytes = limits.max_bytes(max_bytes)  # explicit, else $MLFIT_MAX_MB, else 20 MB
        max_pages = limits.max_pages(max_pages)  # explicit, else $MLFIT_MAX_PAGES, else 50
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        elif isinstance(source, str) and source == "-":
            data = _read_stdin(max_bytes)
        else:
            path = os.fspath(source)
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            data = _read_path(path, max_bytes)
        if len(data) > max_bytes:
            raise limits.too_large(None, max_bytes)
        return _parse(data, path=path, max_bytes=max_bytes, max_pages=max_pages)
    except MlfitError as e:
        if e.path is None:
            e.path = path
        raise


def _parse(data: bytes, *, path: str, max_bytes: int, max_pages: int) -> Document:
    if not data.strip():
        raise EmptyDocumentError("the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff(data)
    builder = LineBuilder()
    if kind == PDF:
        from .pdf import read_pdf

        pages = read_pdf(data, builder, max_pages=max_pages)
        fmt = "pdf"
    elif kind == DOCX:
        from .docx import read_docx

        pages = read_docx(data, builder, max_bytes=max_bytes)
        fmt = "docx"
    elif kind == TEX:
        from .latex import read_latex

        read_latex(decode_text(data), builder)
        pages, fmt = 1, "tex"
    elif kind == JSON_RESUME:
        from .jsonresume import read_json_resume

        read_json_resume(decode_text(data), builder)
        pages, fmt = 1, "json"
    else:
        from .text import is_markdown, read_text

        text = decode_text(data)
        markdown = is_markdown(text, path)
        read_text(text, builder, markdown=markdown)
        pages, fmt = 1, "md" if markdown else "txt"
    if not len(builder):
        raise EmptyDocumentError("no text was found in the file")
    return builder.build(format=fmt, pages=pages, path=path, sha256=digest)


def _read_path(path: str, max_bytes: int) -> bytes:
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise FileUnreadableError("this is a directory, not a file", hint="pass the CV file itself")
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block open() forever; a device never ends
            raise FileUnreadableError(
                "this is not a regular file (a pipe, socket or device)", hint="pass the CV file itself, or pipe it to `mlfit score -`"
            )
        if st.st_size > max_bytes:
            raise limits.too_large(st.st_size, max_bytes)
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError) as e:
        raise FileMissingError("no such file") from e
    except IsADirectoryError as e:
        raise FileUnreadableError("this is a directory, not a file", hint="pass the CV file itself") from e
    except PermissionError as e:
        raise FileUnreadableError("permission denied") from e
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise FileUnreadableError("too many levels of symbolic links (a link loop)", hint="fix or remove the link") from e
        raise FileUnreadableError(f"the file could not be read ({e.strerror or type(e).__name__})", hint="check the path") from e


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin
    if stream is None:
        raise FileUnreadableError("there is no standard input to read")
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and _safe(isatty):
        raise FileUnreadableError("standard input is a terminal, not a CV", hint="pipe one in: mlfit score - < cv.pdf")
    buffer = getattr(stream, "buffer", None)
    try:
        data = buffer.read(max_bytes + 1) if buffer is not None else stream.read(max_bytes + 1)
    except (OSError, ValueError) as e:  # ValueError: the stream is closed
        raise FileUnreadableError("standard input could not be read") from e
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)


def _safe(check) -> bool:
    try:
        return bool(check())
    except (OSError, ValueError):  # a closed stream answers nothing
        return False
