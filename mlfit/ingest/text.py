"""Plain-text and Markdown CVs."""

from __future__ import annotations

import html
import re

from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE, Line

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
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"-->")

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(\s*<?([^)\s>]{1,1000})>?(?:\s+\"[^\"\n]{0,300}\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^@<>\s]+@[^@<>\s]+\.[A-Za-z]{2,})>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"\*\*|__|~~|`+")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")

_MD_LINK = re.compile(r"\[[^\]\n]{1,300}\]\([^)\s]{1,1000}\)")  # bounded: an unclosed '[' must not rescan the file

# Jekyll/Liquid templating: comment blocks go with their content, other tags and
# {{ outputs }} go (their values are not known here); {% raw %} keeps its content.
_LIQUID_COMMENT_OPEN = re.compile(r"\{%-?[ \t]*comment[ \t]*-?%\}")
_LIQUID_COMMENT_CLOSE = re.compile(r"\{%-?[ \t]*endcomment[ \t]*-?%\}")
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_LIQUID_LEAD = re.compile(r"^([ \t]*(?:<[^>\n]*>)*)\x00(?:</[^>\n]*>)*[ \t]*(?:[·•|,;/–—-][ \t]+)?", re.M)
_LIQUID_TAIL = re.compile(r"[ \t]*(?:[·•|,;/–—-][ \t]*)?\x00[ \t]*$", re.M)
_LIQUID_MID = re.compile(r"([·•|,;/])[ \t]*\x00[ \t]*[·•|,;/]")
# kramdown attribute lists: "{: .class}" on a line of its own or after a span, and the "{:toc}" list.
_IAL_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", re.M)
_IAL_SPAN = re.compile(r"[ \t]*\{:[^}\n]*\}")
_TOC = re.compile(r"^[ \t]*[-*+] [^\n]*\n[ \t]*\{:toc\}[ \t]*$", re.M)
# Inline HTML that carries structure: headings, list items, block boundaries, table cells.
_HTML_DROP = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)
_HTML_ITEM = re.compile(r"<li\b[^>]*>\s*", re.I)
_HTML_CELL = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|ul|ol|li|dl|dt|dd|section|article|header|footer|main|nav|aside|table|thead|tbody|tfoot|tr|"
    r"blockquote|figure|figcaption|details|summary|address|hr)\b[^>]*>",
    re.I,
)


# A backslash that ends a line is Markdown's hard line break, not text ("Examplecorp \").
_HARD_BREAK = re.compile(r"(?<!\\)\\\s*$")


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
    if start and ("{%" in text or "{{" in text):
        return True  # a Jekyll page
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


def _strip_templating(text: str) -> str:
    """Structural HTML, Liquid tags and kramdown attribute lists -> plain Markdown."""
    if "<" in text:
        text = _HTML_DROP.sub("", text)
        text = _HTML_HEADING.sub(lambda m: "\n" + "#" * int(m.group(1)) + " " + " ".join(m.group(2).split()) + "\n", text)
        text = _HTML_ITEM.sub("\n- ", text)
        text = _HTML_CELL.sub(lambda m: "" if m.group(0)[1] == "/" else " | ", text)
        text = _HTML_BLOCK.sub("\n", text)
    if "{:" in text:
        text = _TOC.sub("", text)
        text = _IAL_LINE.sub("", text)
        text = _IAL_SPAN.sub("", text)
    if "{%" in text or "{{" in text:
        text = _strip_between(text, _LIQUID_COMMENT_OPEN, _LIQUID_COMMENT_CLOSE)
        text = _LIQUID.sub("\x00", text)
        # "{{ site.email }} · GitHub": the separator next to a removed value goes too
        text = _LIQUID_LEAD.sub(r"\1", text)
        text = _LIQUID_TAIL.sub("", text)
        text = _LIQUID_MID.sub(r"\1", text)
        text = text.replace("\x00", "")
    return text


def _section_level(lines: list[str]) -> int | None:
    """The heading level of the CV's sections ("## Experience"): the shallowest level
    at which a heading names a known section. Deeper headings that name none
    ("### Senior ML Engineer, Acme | 2021 – Present") are entries, not sections."""
    from mlfit.sections import heading_name

    level = None
    prev = ""
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        found = None
        m = _ATX.match(line) if line.lstrip().startswith("#") else None
        if m:
            found = (len(m.group(1)), m.group(2) or "")
        elif prev.strip() and _SETEXT.match(line) and not _LIST.match(prev) and not _ATX.match(prev):
            found = (1 if line.strip()[0] == "=" else 2, prev)
        if found and heading_name(Line(no=0, text=_inline(found[1]).strip())) is not None:
            level = found[0] if level is None else min(level, found[0])
        prev = line
    return level


def _heading_hint(level: int, text: str, section_level: int | None) -> str:
    if section_level is None or level <= section_level:
        return HINT_HEADING
    from mlfit.sections import heading_name

    return HINT_HEADING if heading_name(Line(no=0, text=text.strip())) is not None else HINT_NONE


def _strip_between(text: str, opener: re.Pattern, closer: re.Pattern) -> str:
    """Remove every opener…closer span in one left-to-right pass.

    A lazy ``<!--.*?-->`` rescans to the end of the file for every unclosed opener
    (quadratic on hostile input); here each character is looked at once. An unclosed
    opener keeps the rest of the text, as a browser shows it.
    """
    out, pos = [], 0
    while True:
        start = opener.search(text, pos)
        if start is None:
            break
        end = closer.search(text, start.end())
        if end is None:
            break
        out.append(text[pos : start.start()])
        pos = end.end()
    out.append(text[pos:])
    return "".join(out)


def _read_markdown(lines: list[str], builder: LineBuilder) -> None:
    text = "\n".join(lines)
    if "<!--" in text:
        text = _strip_between(text, _COMMENT_OPEN, _COMMENT_CLOSE)
    text = _strip_templating(text)
    section_level = _section_level(text.split("\n"))
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
        line = _HARD_BREAK.sub("", line)
        if pending is not None and pending[1] == HINT_NONE and _SETEXT.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            builder.add(pending[0], hint=_heading_hint(level, pending[0], section_level))
            pending = None
            continue
        if _RULE.match(line) or _SETEXT.match(line):
            flush()
            continue
        flush()
        m = _ATX.match(line)
        if m and line.lstrip().startswith("#"):
            heading = _inline(m.group(2) or "")
            builder.add(heading, hint=_heading_hint(len(m.group(1)), heading, section_level))
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
            builder.add(_inline(_join_cells([c for c in cells if c])))
            continue
        pending = (_inline(line), HINT_NONE)
    flush()


def _join_cells(cells: list[str]) -> str:
    """Table cells joined with " | ", except after a label cell ("Languages:")."""
    out = ""
    for cell in cells:
        out += (" " if out.endswith(":") else " | ") + cell if out else cell
    return out


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
