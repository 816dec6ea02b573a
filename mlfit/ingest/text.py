"""Plain-text and Markdown CVs.

Markdown is parsed by markdown-it-py (CommonMark with GFM tables). What a website's
page adds around it is cleared first, as text: front matter, HTML comments, Liquid and
kramdown tags, and inline HTML turned into its Markdown structure (an ``<h2>`` a
heading, an ``<li>`` an item, table cells a row).
"""

from __future__ import annotations

import html
import re

from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE, Line

from .normalize import LineBuilder

__all__ = ["is_markdown", "read_text"]

_MD_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TXT_RULE = re.compile(r"^[ \t]*[-=_*~#.·•+]{3,}[ \t]*$")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$")
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


def _section_level(headings: list[tuple[int, str]]) -> int | None:
    """The heading level of the CV's sections ("## Experience"): the shallowest level
    at which a heading names a known section. Deeper headings that name none
    ("### Senior ML Engineer, Acme | 2021 – Present") are entries, not sections."""
    from mlfit.sections import heading_name

    levels = [level for level, text in headings if heading_name(Line(no=0, text=text.strip())) is not None]
    return min(levels) if levels else None


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
    """Markdown through markdown-it-py (CommonMark plus GFM tables): headings with their
    level, list items as bullets, paragraphs line by line, table rows, code as text."""
    from markdown_it import MarkdownIt

    text = "\n".join(lines)
    if "<!--" in text:
        text = _strip_between(text, _COMMENT_OPEN, _COMMENT_CLOSE)
    text = _HARD_BREAK_LINES.sub("", _strip_templating(text))
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    headings = [(int(tok.tag[1]), _plain(tokens[k + 1])) for k, tok in enumerate(tokens) if tok.type == "heading_open"]
    section_level = _section_level(headings)
    in_item = 0
    row: list[str] | None = None
    for k, tok in enumerate(tokens):
        kind = tok.type
        if kind == "heading_open":
            heading = _plain(tokens[k + 1])
            builder.add(heading, hint=_heading_hint(int(tok.tag[1]), heading, section_level))
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            if any(row):
                builder.add(_join_cells([c for c in row if c]))
            row = None
        elif kind == "inline" and row is not None:
            row.append(_plain(tok).strip())
        elif kind == "inline" and tokens[k - 1].type == "paragraph_open":
            paragraph = _plain(tok)
            if in_item:
                # The item's first line is the bullet; the lines under it stay lines, as written:
                # CommonMark continues an item lazily ("- Cut latency" / "PUBLICATIONS"), and
                # whether a line wraps the bullet or starts something else is for section
                # detection to judge. A task box "[ ]" is not text.
                first, *rest = paragraph.split("\n")
                builder.add(_TASK_BOX.sub("", first), hint=HINT_BULLET)
                for line in rest:
                    builder.add(line)
            else:
                for line in paragraph.split("\n"):
                    builder.add(_cells(line) if line.lstrip().startswith("|") else line)
        elif kind in ("fence", "code_block", "html_block"):
            for line in tok.content.split("\n"):
                if kind == "html_block":
                    line = _inline(line)
                m = _LIST.match(line) if kind == "code_block" else None
                if m:  # an indented list that CommonMark reads as code
                    builder.add(_inline(m.group(1)), hint=HINT_BULLET)
                elif line.strip():
                    builder.add(line)


_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
# A backslash that ends a line is Markdown's hard line break, not text ("Examplecorp \").
_HARD_BREAK_LINES = re.compile(r"(?<!\\)\\[ \t]*$", re.M)


def _plain(inline) -> str:  # type: ignore[no-untyped-def]
    """An inline token's text as a reader sees it: emphasis and tags gone, a link's label with
    its target, an image's alt text; line breaks kept as newlines."""
    out: list[str] = []
    link: list[str] | None = None  # [href, label so far]
    for child in inline.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "image":
            piece = "".join(c.content for c in child.children or ()) or child.content
        elif kind == "html_inline":
            piece = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), child.content)
            piece = "" if _TAG.fullmatch(piece.strip()) else piece
        elif kind == "link_open":
            link = [str(child.attrs.get("href", "")), ""]
            continue
        elif kind == "link_close" and link is not None:
            href, label = link
            link = None
            piece = _linked(label, href)
        else:
            continue
        if link is not None:
            link[1] += piece
        else:
            out.append(piece)
    return "".join(out)


def _linked(label: str, url: str) -> str:
    label, url = label.strip(), url.strip()
    bare = url.removeprefix("mailto:").removeprefix("tel:")
    if not url or bare == label or url.rstrip("/").split("://")[-1] == label.rstrip("/"):
        return label
    return f"{label} ({url})"


def _cells(line: str) -> str:
    """A row of HTML table cells, written " | a | b" by the templating pass."""
    return _join_cells([c.strip() for c in line.strip().strip("|").split("|") if c.strip()])


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
    return _linked(m.group(1), m.group(2))
