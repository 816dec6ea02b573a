"""DOCX CVs through python-docx (imported only when a DOCX is read).

python-docx opens the package and resolves styles and relationships; the text is
read by walking the XML directly so that nothing a designed template hides is
lost: paragraphs and tables in order, content controls (``w:sdt``), tracked
insertions, hyperlinks and fields, and text boxes (``w:txbxContent``), whose
``mc:AlternateContent`` carries each box twice (the ``mc:Choice`` is read, the
``mc:Fallback`` skipped). Text-box paragraphs come right after the paragraph
that anchors them, so the document order holds.

XML safety: python-docx parses every part with its own lxml parser created with
``resolve_entities=False`` (docx.oxml.parser and docx.opc.oxml), and lxml does
not fetch network resources by default, so no external entity is ever resolved
and no internal one expanded (a "billion laughs" stays a handful of references).

Hidden runs earn nothing: a run formatted hidden (``w:vanish``), under 2.5 pt, or
in white/near-white with no shading under it (run, paragraph, table cell or page
background) is left out and counted in a ``hidden-text`` warning.

ZIP safety: before python-docx sees the archive, every member is decompressed as
a stream and counted against a cap (``limits.DOCX_EXPANSION`` times the input
limit), so neither a bomb that declares its size nor one whose headers lie gets
further; the number of members is capped too.
"""

from __future__ import annotations

import io
import re

from mlfit.errors import CorruptFileError, InputTooLargeError, MlfitError, UnsupportedFormatError
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE, ParseWarning

from . import limits
from .layout import reading_order
from .normalize import LineBuilder

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

P = f"{_W}p"
T, TAB, PTAB, BR, CR = (f"{_W}{t}" for t in ("t", "tab", "ptab", "br", "cr"))
NO_BREAK_HYPHEN, SYM, TXBX = f"{_W}noBreakHyphen", f"{_W}sym", f"{_W}txbxContent"
RENDERED_BREAK = f"{_W}lastRenderedPageBreak"
PPR, PSTYLE, NUMPR, NUMID, OUTLINE, PAGE_BREAK_BEFORE = (f"{_W}{t}" for t in ("pPr", "pStyle", "numPr", "numId", "outlineLvl", "pageBreakBefore"))
ALTERNATE, CHOICE, FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
# The fill colour of a drawn shape (DrawingML a:solidFill/a:srgbClr; the VML fallback is never read).
_SHAPE_FILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr"
_SOLID_FILL = "{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"
RUN, RPR, VANISH, SPEC_VANISH, SIZE, COLOR, SHADING, HIGHLIGHT, FILL, TC, TCPR = (
    f"{_W}{t}" for t in ("r", "rPr", "vanish", "specVanish", "sz", "color", "shd", "highlight", "fill", "tc", "tcPr")
)
_TINY_HALF_POINTS = 5  # w:sz is in half-points: under 2.5 pt
_LIGHT = 0xE0  # every RGB channel at least this: white or near-white
VAL, TYPE, CHAR = f"{_W}val", f"{_W}type", f"{_W}char"

# Never descend into these: properties, deleted text, field instructions, notes.
_SKIP = frozenset(
    f"{_W}{t}"
    for t in (
        "pPr rPr tblPr tblGrid trPr tcPr sdtPr sdtEndPr sectPr del moveFrom instrText delText "
        "fldData footnoteReference endnoteReference commentReference annotationRef"
    ).split()
)
_HEADING_NAME = re.compile(r"^(heading\b|title$)", re.I)


def read_docx(data: bytes, builder: LineBuilder, *, max_bytes: int) -> int:
    """Add the document's lines to ``builder``; return the page count (from page breaks)."""
    _check_archive(data, max_bytes * limits.DOCX_EXPANSION)

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as e:
        if "not a Word file" in str(e):
            raise UnsupportedFormatError("this is a macro-enabled Word document or a Word template", hint="save it as DOCX or PDF and retry") from e
        raise _damaged(e) from e
    except Exception as e:  # missing parts, bad XML, bad relationships ...
        raise _damaged(e) from e
    try:
        walker = _Walker(document, builder)
        walker.read_headers()
        walker.read_body()
    except MlfitError:
        raise
    except Exception as e:
        raise _damaged(e) from e
    if walker.hidden:
        builder.warn(
            ParseWarning(
                "hidden-text",
                f"{walker.hidden} characters hidden from a human reader (white or tiny text) were ignored",
            )
        )
    return walker.page


def _damaged(e: Exception) -> CorruptFileError:
    from lxml import etree

    if isinstance(e, etree.XMLSyntaxError):
        if "amplification" in str(e) or "entity" in str(e).lower():
            return CorruptFileError("the DOCX's XML defines entities that expand without bound (a 'billion laughs'); refused")
        return CorruptFileError("the DOCX file is damaged (its XML is malformed)")
    if isinstance(e, KeyError):
        return CorruptFileError("the DOCX file is damaged (a part it refers to is missing)")
    return CorruptFileError("the DOCX file is damaged")


_CHUNK = 1 << 16


def _check_archive(data: bytes, cap: int) -> None:
    """Refuse a damaged archive, one with too many members, or one that expands past ``cap``.

    Declared sizes are checked first (cheap); then every member is decompressed as
    a stream, never more than ``cap`` bytes in all, so lying headers do not help.
    (zipfile also stops a member at its declared size and checks its CRC.)
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > limits.MAX_ZIP_ENTRIES:
                raise InputTooLargeError(
                    f"the DOCX archive has {len(infos):,} parts; the limit is {limits.MAX_ZIP_ENTRIES:,}",
                    hint="a Word document has a few dozen; this one was not written by a word processor",
                )
            declared = sum(info.file_size for info in infos)
            if declared > cap:
                raise limits.too_large_expanded(declared, cap)
            total = 0
            for info in infos:
                if info.is_dir():
                    continue
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > cap:
                            raise limits.too_large_expanded(None, cap)
    except MlfitError:
        raise
    except Exception as e:  # BadZipFile (bad CRC or sizes), zlib.error, EOFError, an encrypted member ...
        raise CorruptFileError("the DOCX file is damaged (not a readable ZIP archive)") from e


class _Style:
    __slots__ = ("bullet", "heading")

    def __init__(self, heading: bool, bullet: bool) -> None:
        self.heading = heading
        self.bullet = bullet


class _Walker:
    def __init__(self, document, builder: LineBuilder) -> None:  # type: ignore[no-untyped-def]
        self.document = document
        self.builder = builder
        self.styles, self.default_style = _paragraph_styles(document)
        body = document.element.body
        self.body = body
        # Word records where it broke pages when it last laid the document out; if it
        # did, count those, else count explicit page breaks.
        self.rendered = next(body.iter(RENDERED_BREAK), None) is not None
        self.page = 1
        self.in_box = 0
        self.hidden = 0  # characters in hidden runs, left out
        background = document.element.find(f"{_W}background")
        self.dark_page = background is not None and not _light(background.get(COLOR))
        # Designed templates set white headings in text boxes over a dark sidebar or banner
        # drawn as another shape. Where the shapes overlap is layout mlfit does not compute,
        # so white text in a text box reads as visible whenever the document draws a dark
        # shape at all; white text in the body flow still needs shading under it.
        self.dark_shapes = any(
            el.getparent() is not None and el.getparent().tag == _SOLID_FILL and not _light(el.get("val"), default=True)
            for el in body.iter(_SHAPE_FILL)
        )

    # --- containers -------------------------------------------------------------

    def read_headers(self) -> None:
        seen: set[str] = set()
        related = self.document.part.related_parts
        for section in self.document.sections:
            sect_pr = section._sectPr
            title_page = sect_pr.find(f"{_W}titlePg")
            show_first = title_page is not None and title_page.get(VAL, "1") not in ("0", "false", "off")
            refs = {ref.get(TYPE, "default"): ref.get(f"{_R}id") for ref in sect_pr.iter(f"{_W}headerReference")}
            for kind in ("first", "default") if show_first else ("default",):
                rid = refs.get(kind)
                part = related.get(rid) if rid else None
                if part is None or str(part.partname) in seen:
                    continue
                seen.add(str(part.partname))
                element = getattr(part, "element", None)
                if element is not None:
                    saved, self.page = self.page, 1
                    self.walk(element)
                    self.page = saved

    def read_body(self) -> None:
        self.walk(self.body)

    def walk(self, container) -> None:  # type: ignore[no-untyped-def]
        for child in container.iterchildren():
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag == ALTERNATE:
                self.walk(_chosen(child))
            else:  # tbl, tr, tc, sdt, sdtContent, customXml, ins, moveTo, smartTag ...
                self.walk(child)

    # --- paragraphs ---------------------------------------------------------------

    def paragraph(self, p) -> None:  # type: ignore[no-untyped-def]
        parts: list[str] = []
        boxes: list = []
        before = after = 0  # page breaks before the first character / after it
        ppr = p.find(PPR)
        if ppr is not None and not self.rendered and not self.in_box:
            pbb = ppr.find(PAGE_BREAK_BEFORE)
            if pbb is not None and pbb.get(VAL, "1") not in ("0", "false", "off"):
                before += 1

        def visit(element) -> None:  # type: ignore[no-untyped-def]
            nonlocal before, after
            for el in element.iterchildren():
                tag = el.tag
                if tag == T:
                    if el.text:
                        parts.append(el.text)
                elif tag in (TAB, PTAB):
                    parts.append("\t")
                elif tag in (BR, CR):
                    if el.get(TYPE) == "page":
                        if not self.rendered and not self.in_box:
                            if parts:
                                after += 1
                            else:
                                before += 1
                        parts.append("\n")
                    elif el.get(TYPE) != "column":
                        parts.append("\n")
                elif tag == RENDERED_BREAK:
                    if self.rendered and not self.in_box:
                        if parts:
                            after += 1
                        else:
                            before += 1
                elif tag == NO_BREAK_HYPHEN:
                    parts.append("-")
                elif tag == SYM:
                    parts.append(_symbol(el.get(CHAR)))
                elif tag == TXBX:
                    boxes.append(el)
                elif tag == RUN and self._hidden_run(el, p):
                    self.hidden += sum(len("".join((t.text or "").split())) for t in el.iter(T))
                elif tag == ALTERNATE:
                    visit(_chosen(el))
                elif tag in _SKIP or not isinstance(tag, str):
                    continue
                else:
                    visit(el)

        visit(p)
        self.page += before
        text = "".join(parts)
        if text.strip():
            self.builder.add(text, page=self.page, hint=self._hint(p, ppr))
        self.page += after
        for box in _reading_order(boxes):
            self.in_box += 1
            try:
                self.walk(box)
            finally:
                self.in_box -= 1

    def _hidden_run(self, run, p) -> bool:  # type: ignore[no-untyped-def]
        """A run a reader cannot see: hidden, tiny, or white on an unshaded white page."""
        rpr = run.find(RPR)
        if rpr is None:
            return False
        for tag in (VANISH, SPEC_VANISH):
            flag = rpr.find(tag)
            if flag is not None and flag.get(VAL, "1") not in ("0", "false", "off"):
                return True
        size = rpr.find(SIZE)
        if size is not None:
            try:
                if float(size.get(VAL, "")) < _TINY_HALF_POINTS:
                    return True
            except ValueError:
                pass
        color = rpr.find(COLOR)
        if color is None or not _light(color.get(VAL)) or self.dark_page or (self.in_box and self.dark_shapes):
            return False
        highlight = rpr.find(HIGHLIGHT)
        if highlight is not None and highlight.get(VAL, "none") not in ("none", "white"):
            return False
        shaded = [rpr.find(SHADING)]
        ppr = p.find(PPR)
        if ppr is not None:
            shaded.append(ppr.find(SHADING))
        for cell in p.iterancestors(TC):
            tcpr = cell.find(TCPR)
            if tcpr is not None:
                shaded.append(tcpr.find(SHADING))
        return not any(_dark_shading(shd) for shd in shaded)

    def _hint(self, p, ppr) -> str:  # type: ignore[no-untyped-def]
        style = None
        numbered = outline = False
        if ppr is not None:
            pstyle = ppr.find(PSTYLE)
            if pstyle is not None:
                style = self.styles.get(pstyle.get(VAL))
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                numid = numpr.find(NUMID)
                numbered = numid is None or numid.get(VAL) != "0"
            lvl = ppr.find(OUTLINE)
            outline = lvl is not None and lvl.get(VAL, "9") not in ("9",)
        if style is None:
            style = self.default_style
        if outline or (style is not None and style.heading):
            return HINT_HEADING
        if numbered or (style is not None and style.bullet):
            return HINT_BULLET
        return HINT_NONE


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
ANCHOR, POSITION_H, POSITION_V, POS_OFFSET, EXTENT = (f"{_WP}{t}" for t in ("anchor", "positionH", "positionV", "posOffset", "extent"))


def _reading_order(boxes: list) -> list:  # type: ignore[type-arg]
    """Text boxes of one paragraph in the order a reader takes them, not the order they were drawn.

    Designed templates anchor every box of a page to one paragraph, in whatever order the
    author drew them: a sidebar's "SKILLS" heading can come after the last job. Where each
    box's position is known (DrawingML offsets, vertical ones from the same origin), the
    boxes are read in :func:`mlfit.ingest.layout.reading_order`. Otherwise the drawing
    order stands.
    """
    if len(boxes) < 3:
        return boxes
    empty, placed, origins = [], [], set()
    for box in boxes:
        if not any((t.text or "").strip() for t in box.iter(T)):
            empty.append(box)  # backdrops and rating dots: nothing to read, and they span columns
            continue
        anchor = next((a for a in box.iterancestors(ANCHOR)), None)
        geometry = _geometry(anchor) if anchor is not None else None
        if geometry is None:
            return boxes
        origin, rect = geometry
        origins.add(origin)
        placed.append((rect, box))
    if len(origins) != 1:
        return boxes
    return empty + reading_order(placed) if placed else boxes


def _geometry(anchor):  # type: ignore[no-untyped-def]
    """(vertical origin, (left, top, right, bottom)) of a floating drawing, in EMU, or None."""
    try:
        horizontal, vertical = anchor.find(POSITION_H), anchor.find(POSITION_V)
        extent = anchor.find(EXTENT)
        x = int(horizontal.find(POS_OFFSET).text)
        y = int(vertical.find(POS_OFFSET).text)
        width, height = int(extent.get("cx")), int(extent.get("cy"))
    except (AttributeError, TypeError, ValueError):
        return None
    return vertical.get("relativeFrom"), (x, y, x + width, y + height)


def _light(value: str | None, *, default: bool = False) -> bool:
    """True for a hex colour with every channel at least ``_LIGHT``; ``auto``/missing gives ``default``."""
    if not value or value.lower() == "auto" or len(value) != 6:
        return default
    try:
        return all(int(value[i : i + 2], 16) >= _LIGHT for i in (0, 2, 4))
    except ValueError:
        return default


def _dark_shading(shd) -> bool:  # type: ignore[no-untyped-def]
    """``w:shd`` that puts a non-light colour under the text: its fill, or a pattern's colour."""
    if shd is None:
        return False
    if not _light(shd.get(FILL), default=True):
        return True
    return shd.get(VAL, "clear") not in ("clear", "nil") and not _light(shd.get(COLOR), default=True)


def _chosen(alternate):  # type: ignore[no-untyped-def]
    """The branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    choice = alternate.find(CHOICE)
    if choice is not None:
        return choice
    fallback = alternate.find(FALLBACK)
    return fallback if fallback is not None else alternate.makeelement(f"{_MC}Empty")


def _symbol(code: str | None) -> str:
    """``w:sym`` (a Symbol/Wingdings glyph): its code as a private-use character."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if value < 0x100:
        value += 0xF000
    return chr(value) if 0 < value < 0x110000 else ""


def _paragraph_styles(document) -> tuple[dict[str, _Style], _Style | None]:  # type: ignore[no-untyped-def]
    """Style id -> heading/list flags, following ``w:basedOn`` chains."""
    raw: dict[str, tuple[str, str | None, bool, bool]] = {}
    default_id = None
    try:
        root = document.styles.element
    except Exception:
        return {}, None
    for st in root.iterchildren(f"{_W}style"):
        if st.get(TYPE, "paragraph") != "paragraph":
            continue
        sid = st.get(f"{_W}styleId")
        if not sid:
            continue
        name_el = st.find(f"{_W}name")
        name = (name_el.get(VAL) if name_el is not None else "") or ""
        based = st.find(f"{_W}basedOn")
        ppr = st.find(PPR)
        numbered = outline = False
        if ppr is not None:
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                numid = numpr.find(NUMID)
                numbered = numid is None or numid.get(VAL) != "0"
            lvl = ppr.find(OUTLINE)
            outline = lvl is not None and lvl.get(VAL, "9") != "9"
        heading = bool(_HEADING_NAME.match(name.strip())) or outline
        bullet = numbered or "list" in name.lower()
        raw[sid] = (name, based.get(VAL) if based is not None else None, heading, bullet)
        if st.get(f"{_W}default") in ("1", "true", "on"):
            default_id = sid
    out: dict[str, _Style] = {}
    for sid in raw:
        heading = bullet = False
        cur: str | None = sid
        for _ in range(20):  # basedOn chains are short; guard against cycles
            if cur is None or cur not in raw:
                break
            _, based_on, h, b = raw[cur]
            heading, bullet = heading or h, bullet or b
            cur = based_on
        out[sid] = _Style(heading, bullet)
    return out, out.get(default_id) if default_id else None
