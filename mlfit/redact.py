"""`--redact`: take names, emails, phone numbers and URLs out of every output.

For a coach who shares results. What is replaced, and with what:

* emails -> ``[email]``; URLs (``https://...``, ``www...``, ``github.com/x``, ``jane.dev``) -> ``[url]``;
  phone numbers (10 to 15 digits in groups: ``206-555-0142``, ``(415) 555 0177``, ``+44 20 7946 0958``) -> ``[phone]``;
* the person's name -> ``[name]``: the first line of the CV's header block when it looks like a
  name ("Jane Doe", "TYLER BRENNAN", "Ana de la Cruz"). The whole name is replaced wherever it
  appears, in any case; each part of it ("Jane", "Doe") where it is written as a name
  (capitalised or in capitals), so "price" stays but "Price" goes when the client is Jane Price.
* the file name -> a stable id, ``cv-`` + the first 8 hex digits of the file's SHA-256
  (:func:`file_id`): the same file always gets the same id, a renamed copy too, and the
  coach can find the file behind an id with ``sha256sum``. Directories the coach typed
  are kept; anything below them (often a client's name) is dropped.

Everything is applied to the finished :class:`~mlfit.model.Report` (or JSON-ready data),
so every renderer downstream sees only redacted text. Pure and cheap: regular
expressions only, no NLP.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

EMAIL_MARK, PHONE_MARK, URL_MARK, NAME_MARK = "[email]", "[phone]", "[url]", "[name]"

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Bare domains need a lower-case top-level domain, so "ASP.NET" and "Node.js" stay.
_TLDS = "com|org|net|io|ai|dev|me|co|app|info|tech|xyz|page|site|blog|edu|gov|us|uk|ca|de|fr|in|eu|ly|gg|so|sh|to"
URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'|,;)\]]+"
    r"|(?<![\w@.-])(?i:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:" + _TLDS + r")(?![\w-])(?:[/?#][^\s<>\"'|,;)\]]*)?"
)
# Groups of digits with one separator between them; whether it is a phone is decided by the digit count.
PHONE = re.compile(r"(?<![\w.,/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,5}(?![\w,]|[.-]\d)")
_PHONE_DIGITS = (10, 15)

_PARTICLES = {
    "de",
    "del",
    "della",
    "der",
    "da",
    "di",
    "do",
    "dos",
    "du",
    "la",
    "le",
    "van",
    "von",
    "den",
    "ter",
    "bin",
    "binti",
    "al",
    "el",
    "y",
    "e",
    "st.",
}
_NOT_NAME = {
    "resume",
    "résumé",
    "curriculum",
    "vitae",
    "cv",
    "profile",
    "summary",
    "engineer",
    "engineering",
    "machine",
    "learning",
    "scientist",
    "data",
    "developer",
    "manager",
    "senior",
    "junior",
    "lead",
    "principal",
    "staff",
    "ml",
    "ai",
    "experience",
    "education",
    "skills",
    "contact",
    "about",
    "objective",
    "aspiring",
    "applied",
    "research",
    "software",
    "mlops",
    "llm",
    "phd",
    "msc",
    "bsc",
    "mba",
    "inc",
    "llc",
    "ltd",
    "university",
}
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?")
_SPLIT_HEADER = re.compile(r"\s+(?:[|·•–—]|-{1,2})\s+|\s{3,}|\t")


def looks_like_name(text: str) -> bool:
    """2 to 5 words, each a capitalised (or all-capitals) word, an initial or a particle; nothing else."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _NAME_WORD.fullmatch(word) or word.lower().strip(".") in _NOT_NAME:
            return False
        if not word[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 2


def find_name(header_lines: Iterable[str]) -> str | None:
    """The person's name: the first of the header's first lines that looks like one.

    A line like "Jane Doe | ML Engineer" counts by its first part. Markdown ``#`` is ignored.
    """
    for i, line in enumerate(header_lines):
        if i >= 3:
            break
        text = line.strip().lstrip("#").strip().strip("*_").strip()
        if not text:
            continue
        first = _SPLIT_HEADER.split(text, maxsplit=1)[0].strip(" ,")
        if looks_like_name(first):
            return first
    return None


def header_lines(document, report=None) -> list[str]:
    """The lines of the header block (before the first section heading) of a Document."""
    lines = [ln.text for ln in document.lines]
    end = None
    sections = report.profile.sections if report is not None else ()
    for section in sections:
        if section.name == "header":
            end = section.end
            break
    if end is None:
        starts = [s.start for s in sections if s.name != "header"]
        end = (min(starts) - 2) if starts else 3  # the line before the first heading
    return lines[: max(1, min(end, 6))]


class Redactor:
    """Replaces emails, URLs, phone numbers and the given names in text."""

    def __init__(self, names: Iterable[str] = ()):
        self.names = [n for n in dict.fromkeys(n.strip() for n in names if n and n.strip())]
        patterns: list[re.Pattern] = []
        parts: set[str] = set()
        for name in self.names:
            words = name.split()
            patterns.append(re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE))
            for w in words:
                w = w.strip(".")
                if len(w) >= 2 and w.lower() not in _PARTICLES:
                    parts.update({w[0].upper() + w[1:].lower(), w.upper(), w})
        if parts:
            alternatives = "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
            patterns.append(re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)"))
        self._name_patterns = patterns

    @classmethod
    def for_document(cls, document, report=None) -> Redactor:
        name = find_name(header_lines(document, report))
        return cls([name] if name else [])

    def text(self, text: str) -> str:
        if not text:
            return text
        if "@" in text:
            text = EMAIL.sub(EMAIL_MARK, text)
        if "." in text or ":" in text:
            text = URL.sub(URL_MARK, text)
        if sum(c.isdigit() for c in text) >= _PHONE_DIGITS[0]:
            text = PHONE.sub(_phone, text)
        for pattern in self._name_patterns:
            text = pattern.sub(NAME_MARK, text)
        return text

    __call__ = text


def _phone(m: re.Match) -> str:
    digits = sum(c.isdigit() for c in m.group())
    return PHONE_MARK if _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1] else m.group()


# Fields that hold identifiers and codes, never CV text: left alone.
_KEEP_FIELDS = frozenset(
    {
        "sha256",
        "format",
        "rule_id",
        "id",
        "kind",
        "category",
        "code",
        "unit",
        "direction",
        "seniority",
        "name",
        "best_segment",
        "schema_version",
        "hint",
        "start",
        "end",
    }
)


def redact_data(value: Any, fn: Callable[[str], str], _field: str | None = None) -> Any:
    """Apply ``fn`` to every string in dataclasses, dicts, lists and tuples (not to identifier fields)."""
    if isinstance(value, str):
        return value if _field in _KEEP_FIELDS else fn(value)
    if isinstance(value, (list, tuple)):
        return type(value)(redact_data(v, fn, _field) for v in value)
    if isinstance(value, dict):
        return {k: redact_data(v, fn, k) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = redact_data(old, fn, f.name)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


# --- file names ---------------------------------------------------------------


def file_id(sha256_hex: str) -> str:
    return "cv-" + sha256_hex[:8]


def hash_file(path: str) -> str:
    """The file's SHA-256 (what the reader puts in ``source.sha256``); of the path when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return hashlib.sha256(os.fsencode(path)).hexdigest()


def redacted_path(path: str, sha256_hex: str, root: str | None = None) -> str:
    """``clients/Jane Doe/CV.pdf`` under root ``clients`` -> ``clients/cv-1a2b3c4d.pdf``; ``-`` stays ``-``."""
    if path == "-":
        return path
    keep = root if root is not None else os.path.dirname(path)
    suffix = os.path.splitext(path)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        suffix = ""
    return os.path.join(keep, file_id(sha256_hex) + suffix) if keep else file_id(sha256_hex) + suffix


def redact_report(report, document, *, root: str | None = None):
    """A copy of ``report`` with names, emails, phones and URLs replaced and the file name hashed."""
    redactor = Redactor.for_document(document, report)
    out = redact_data(report, redactor.text)
    source = dict(out.source)
    source["path"] = redacted_path(report.source.get("path") or "-", report.source.get("sha256") or "0" * 64, root)
    return dataclasses.replace(out, source=source)


def redact_lines(lines: Sequence[str], names: Iterable[str] = ()) -> list[str]:
    redactor = Redactor(names)
    return [redactor.text(line) for line in lines]
