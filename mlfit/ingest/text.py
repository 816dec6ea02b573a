"""Plain-text and Markdown CVs."""

from __future__ import annotations

import html
import re

from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE

from .normalize import LineBuilder

__all__ = ["is_markdown", "read_text"]

_MD_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TXT_RULE = re.compile(r"^[ \t]*[-=_*~#.·•+]{3,}[ \t]*$")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^@<>\s]+@[^@<>\s]+\.[A-Za-z]{2,})>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"\*\*|__|~~|`+")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")

_MD_LINK = re.compile(r"\[[^\]]+\]\([^)\s]+\)")


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after YAML (---) or TOML (+++) front matter, or 0."""
    if not lines:
        return 0
    first = lines[0].strip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in closers:
            return i + 1
    return 0


def is_markdown(text: str, name: str | None = None) -> bool:
    """Markdown when named so, or when the text has Markdown structure."""
    if name and name.lower().endswith(_MD_SUFFIXES):
        return True
    lines = text.split("\n")
    start = _front_matter_end(lines)
    body = lines[start:]
    headings = bullets = 0
    prev = ""
    for line in body:
        atx = _ATX.match(line) if line.lstrip().startswith("#") else None
        if atx:
            headings += bool(atx.group(2))
        elif _SETEXT.match(line) and prev.strip() and not _LIST.match(prev) and len(line.strip()) >= 3:
            headings += 1
        elif line.lstrip()[:2] in ("- ", "* "):
            bullets += 1
        prev = line
    if headings:
        return True
    if bullets and start:
        return True
    return bool(_MD_LINK.search(text))


def read_text(text: str, builder: LineBuilder, *, markdown: bool) -> None:
    lines = text.split("\n")
    lines = lines[_front_matter_end(lines) :]
    if markdown:
        _read_markdown(lines, builder)
    else:
        _read_plain(lines, builder)


def _read_plain(lines: list[str], builder: LineBuilder) -> None:
    pending: str | None = None  # held back one line: an underline may make it a heading
    for line in lines:
        if _TXT_RULE.match(line):
            if pending is not None and line.strip()[0] in "=-" and not _is_bulletish(pending):
                builder.add(pending, hint=HINT_HEADING)
                pending = None
            continue
        if pending is not None:
            builder.add(pending)
        pending = line if line.strip() else None
    if pending is not None:
        builder.add(pending)


def _is_bulletish(line: str) -> bool:
    return bool(_LIST.match(line)) or line.lstrip()[:1] in "•·▪■●○◦‣⁃–"


def _read_markdown(lines: list[str], builder: LineBuilder) -> None:
    text = "\n".join(lines)
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    # (text, hint) of the last paragraph line, held back for a setext underline
    pending: tuple[str, str] | None = None
    in_fence = False

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            builder.add(pending[0], hint=pending[1])
            pending = None

    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            flush()
            builder.add(line)
            continue
        if not line.strip():
            flush()
            continue
        if pending is not None and pending[1] == HINT_NONE and _SETEXT.match(line):
            builder.add(pending[0], hint=HINT_HEADING)
            pending = None
            continue
        if _RULE.match(line) or _SETEXT.match(line):
            flush()
            continue
        flush()
        m = _ATX.match(line)
        if m and line.lstrip().startswith("#"):
            builder.add(_inline(m.group(2) or ""), hint=HINT_HEADING)
            continue
        line = _QUOTE.sub("", line)
        m = _LIST.match(line)
        if m:
            builder.add(_inline(m.group(1)), hint=HINT_BULLET)
            continue
        if line.lstrip().startswith("|"):
            if _TABLE_SEP.match(line):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            builder.add(_inline(" | ".join(c for c in cells if c)))
            continue
        pending = (_inline(line), HINT_NONE)
    flush()


def _inline(text: str) -> str:
    """Markdown inline markup to plain text: links keep their target, emphasis goes."""
    escaped: list[str] = []
    if "\\" in text:

        def hold(m: re.Match[str]) -> str:
            escaped.append(m.group(1))
            return f"\x00{len(escaped) - 1}\x00"

        text = _ESCAPE.sub(hold, text)
    if "](" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(_link, text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
        text = _TAG.sub("", text)
    text = _STRONG.sub("", text)
    if "*" in text:
        text = _EM.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if escaped:
        text = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return text


def _link(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2).strip()
    bare = url.removeprefix("mailto:").removeprefix("tel:")
    if bare == label or url.rstrip("/").split("://")[-1] == label.rstrip("/"):
        return label
    return f"{label} ({url})"
