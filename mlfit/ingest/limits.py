"""How much mlfit agrees to read, how a user raises it, and the errors that name the limit.

A CV is a few pages and a few hundred kB; the defaults leave a wide margin and
exist so that a hostile or broken file fails fast with a clear message instead
of taking minutes or gigabytes. Each limit can be raised from the environment:

    MLFIT_MAX_MB      input size in megabytes (default 20; a DOCX may expand to 5x this)
    MLFIT_MAX_PAGES   PDF pages (default 50)
    MLFIT_MAX_CHARS   characters of text after extraction (default 500,000)

An explicit value (a ``read_document`` argument, a CLI flag) wins over the
environment, which wins over the default. A malformed variable is a usage error.
"""

from __future__ import annotations

import math
import os

from mlfit.errors import InputTooLargeError, UsageError

__all__ = [
    "DEFAULT_FILE_TIMEOUT",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_PAGES",
    "DOCX_EXPANSION",
    "MAX_LINE_CHARS",
    "MAX_ZIP_ENTRIES",
    "max_bytes",
    "max_chars",
    "max_pages",
    "too_large",
    "too_many_pages",
    "too_much_text",
]

DEFAULT_FILE_TIMEOUT = 30.0  # seconds per file in a batch; a normal 2-page CV takes ~25 ms, a 50-page PDF well under 2 s

ENV_MAX_MB = "MLFIT_MAX_MB"
ENV_MAX_PAGES = "MLFIT_MAX_PAGES"
ENV_MAX_CHARS = "MLFIT_MAX_CHARS"

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_PAGES = 50
DEFAULT_MAX_CHARS = 500_000  # ~100 dense pages; scoring costs ~5 s per million characters
DOCX_EXPANSION = 5  # a DOCX's parts may decompress to this many times the size limit
MAX_ZIP_ENTRIES = 5_000  # Word writes ~15 parts, plus one per image
MAX_LINE_CHARS = 5_000  # longer lines are split at a space (no real CV line is this long)

# How to raise each limit; the lead may add the CLI flag here once it exists.
RAISE_MB = f"set {ENV_MAX_MB} to raise it"
RAISE_PAGES = f"set {ENV_MAX_PAGES} to raise it"
RAISE_CHARS = f"set {ENV_MAX_CHARS} to raise it"


def max_bytes(explicit: int | None = None) -> int:
    """The input size limit in bytes: ``explicit``, else ``$MLFIT_MAX_MB``, else 20 MB."""
    if explicit is not None:
        return int(explicit)
    mb = _env_number(ENV_MAX_MB, "a number of megabytes above 0, e.g. 50")
    return DEFAULT_MAX_BYTES if mb is None else max(1, int(mb * 1_000_000))


def max_pages(explicit: int | None = None) -> int:
    """The PDF page limit: ``explicit``, else ``$MLFIT_MAX_PAGES``, else 50."""
    if explicit is not None:
        return int(explicit)
    pages = _env_number(ENV_MAX_PAGES, "a whole number of pages above 0, e.g. 200", whole=True)
    return DEFAULT_MAX_PAGES if pages is None else int(pages)


def max_chars(explicit: int | None = None) -> int:
    """The extracted-text limit in characters: ``explicit``, else ``$MLFIT_MAX_CHARS``, else 500,000."""
    if explicit is not None:
        return int(explicit)
    chars = _env_number(ENV_MAX_CHARS, "a whole number of characters above 0, e.g. 2000000", whole=True)
    return DEFAULT_MAX_CHARS if chars is None else int(chars)


def _env_number(name: str, expected: str, *, whole: bool = False) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw.replace("_", ""))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0 or (whole and value != int(value)):
        raise UsageError(f"{name}={raw[:40]!r} is not valid; expected {expected}")
    return value


# --- the errors --------------------------------------------------------------------


def too_large(size: int | None, limit: int) -> InputTooLargeError:
    """The input is over the byte limit (``size`` None: it was still growing when we stopped reading)."""
    what = f"the input is {_mb(size)}" if size is not None else "the input is larger than the limit"
    return InputTooLargeError(
        f"{what}; the limit is {_mb(limit)}",
        hint=f"a CV is rarely over a few MB; {RAISE_MB}",
    )


def too_large_expanded(size: int | None, limit: int) -> InputTooLargeError:
    """A DOCX whose parts decompress to more than ``limit`` bytes (a ZIP bomb?)."""
    what = f"the DOCX expands to {_mb(size)}" if size is not None else "the DOCX expands beyond the limit"
    return InputTooLargeError(
        f"{what}; the limit is {_mb(limit)} ({DOCX_EXPANSION}x the input limit)",
        hint=f"this is unusual for a CV (a ZIP bomb?); if the file is genuine, {RAISE_MB}",
    )


def too_many_pages(pages: int, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"the PDF has {pages:,} pages; the limit is {limit:,} pages",
        hint=f"a CV is rarely over a few pages; {RAISE_PAGES}",
    )


def too_much_text(limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"the file holds more than {limit:,} characters of text; the limit is {limit:,}",
        hint=f"a CV is rarely over 50,000 characters; {RAISE_CHARS}",
    )


def _mb(n: int | None) -> str:
    if n is None:
        return "?"
    if n >= 100_000:
        return f"{n / 1e6:.1f} MB".replace(".0 MB", " MB")
    return f"{n:,} bytes"
