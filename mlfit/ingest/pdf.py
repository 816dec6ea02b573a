"""PDF CVs through PDFium (pypdfium2), imported only when a PDF is read.

Text hidden from a human reader is dropped before extraction, so that it earns
no points, and reported as a ``hidden-text`` warning: text drawn in white (or
near-white) on a white background, text under ~2.5 pt, fully transparent text,
text drawn in the invisible render mode (unless the page is a scan with an OCR
layer), and text placed outside the visible page. The check walks the page's
objects, not its characters, and renders a page only when it holds near-white
text, to see what is under it. Real CVs hold a few hundred text objects a page
(some generators draw each word as one), so it costs a few milliseconds a page:
a third of reading a PDF, most of it in the ctypes calls, four per object.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math

from mlfit.errors import CorruptFileError, EmptyDocumentError, EncryptedPdfError, ScannedPdfError
from mlfit.model import ParseWarning

from . import limits
from .layout import Box, reading_order
from .normalize import LineBuilder, is_letter_spaced

__all__ = ["read_pdf"]

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_ERR_SECURITY = 5  # FPDF_ERR_SECURITY: an unsupported security handler
_MIN_CHARS = 20  # fewer non-space characters than this over all pages: no text layer

# What a human cannot read.
TINY_PT = 2.5  # effective font size (font size x text matrix scale) below this
LIGHT = 224  # every RGB channel at least this: white or near-white text (#E0E0E0 and up)
FAINT_ALPHA = 25  # fill alpha at most this (of 255): transparent text
CONTRAST = 40  # grey levels: a pixel this close to the text's own grey does not stand out from it
VISIBLE_SHARE = 0.2  # a near-white text is visible when this share of its box differs from it
OCR_IMAGE_SHARE = 0.5  # invisible text over an image covering this share of the page is an OCR layer
_RENDER_MAX_PX = 2_500  # longest side of the bitmap rendered to look under near-white text
_MAX_FORM_DEPTH = 8  # form XObjects nested deeper than this are not inspected

_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP
_STROKE_MODES = (1, 5)  # stroked only: the stroke colour is what shows
_FILL_STROKE_MODES = (2, 6)  # filled and stroked: either may show


def read_pdf(data: bytes, builder: LineBuilder, *, max_pages: int) -> int:
    """Add every page's lines to ``builder``; return the page count."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == _ERR_PASSWORD:
            raise EncryptedPdfError("the PDF is password-protected (a password is needed to open it)") from e
        if code == _ERR_SECURITY:
            raise EncryptedPdfError("the PDF is encrypted with a scheme mlfit cannot open") from e
        raise CorruptFileError("the PDF could not be opened (damaged, truncated or not really a PDF)") from e
    hidden = 0
    try:
        n_pages = len(pdf)
        if n_pages > max_pages:
            raise limits.too_many_pages(n_pages, max_pages)
        if n_pages == 0:
            raise CorruptFileError("the PDF has no pages")
        for index in range(n_pages):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as e:
                raise CorruptFileError(f"page {index + 1} of the PDF could not be read") from e
            try:
                shown_before = _drop_hidden_text(page)
                textpage = page.get_textpage()
                try:
                    if shown_before is not None:
                        hidden += max(0, shown_before - _non_space(textpage.get_text_range()))
                    text = _page_text(textpage, *page.get_size())
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
    if hidden:
        builder.warn(
            ParseWarning(
                "hidden-text",
                f"{hidden} characters hidden from a human reader (white or tiny text) were ignored",
            )
        )
    if builder.chars < _MIN_CHARS:
        if hidden:
            raise EmptyDocumentError(
                f"all the text in the PDF ({hidden} characters) is hidden from a human reader (white or tiny text)",
                hint="export the CV again with its visible text",
            )
        raise ScannedPdfError(f"no text found on {n_pages} page{'s' if n_pages != 1 else ''}")
    return n_pages


# --- columns -----------------------------------------------------------------------

_MIN_SIDE_RECTS = 4
_MIN_SHARED_HEIGHT = 0.5  # columns overlap for at least half the shorter one's height


def _page_text(textpage, width: float, height: float) -> str:  # type: ignore[no-untyped-def]
    """The page's text in reading order, a sidebar layout read column by column.

    PDFium keeps the order in which text was drawn. A template that draws a sidebar
    and the main column row by row comes out interleaved ("SKILLS PROFILE",
    "Python · SQL ML engineer who ships..."). When a vertical gutter splits the page
    below a full-width header, the header, the left column and the right column
    are read one after the other. Section headings set in a left margin, level with
    the first line of their section, come out as lines of their own. A page drawn out
    of order (a design tool that places line after line anywhere, bottom up) is rebuilt
    from the lines' positions.
    """
    rects = _rects(textpage)
    if _drawn_out_of_order(rects):
        return "\r\n".join(reading_order(_placed_lines(textpage, height)))
    if _margin_labels(textpage, rects, width):
        return "\r\n".join(_row_by_row(_placed_lines(textpage, height)))
    split = _column_split(rects, width, height)
    if split is None:
        return textpage.get_text_bounded()
    gutter, header_bottom = split
    parts = [
        textpage.get_text_bounded(0, header_bottom, width, height),
        textpage.get_text_bounded(0, 0, gutter, header_bottom),
        textpage.get_text_bounded(gutter, 0, width, header_bottom),
    ]
    return "\r\n".join(p.strip("\r\n") for p in parts if p.strip())


Rect = tuple[float, float, float, float]  # PDFium's text rectangle: left, bottom, right, top (y up)


def _rects(textpage) -> list[Rect]:  # type: ignore[no-untyped-def]
    """PDFium's text rectangles: pypdfium2's get_rect, with one set of out-parameters for all."""
    import pypdfium2.raw as c

    edges = [ctypes.c_double() for _ in range(4)]
    left, top, right, bottom = (ctypes.byref(v) for v in edges)
    get_rect, raw = c.FPDFText_GetRect, textpage.raw
    rects = []
    for i in range(textpage.count_rects()):
        if get_rect(raw, i, left, top, right, bottom):  # yes, left top right bottom
            rects.append((edges[0].value, edges[3].value, edges[2].value, edges[1].value))
    return rects


PlacedLine = tuple[Box, str]  # a line's box (left, top, right, bottom; y down) and its text

_MIN_OUT_OF_ORDER = 3  # moves up the same column from one line to the next ...
_OUT_OF_ORDER_SHARE = 0.1  # ... and this share of all moves between lines: the drawing order is no reading order


def _placed_lines(textpage, height: float) -> list[PlacedLine]:  # type: ignore[no-untyped-def]
    """PDFium's lines in drawing order, each with its box (left, top, right, bottom; y down).

    A PDFium line that jumps back or across a wide gap is two pieces of text that only share a
    baseline (a sidebar entry level with a line of the main column): each piece is its own line.
    """
    import pypdfium2.raw as c

    raw_page = textpage.raw
    get_unicode, is_generated, get_box = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated, c.FPDFText_GetLooseCharBox
    rect = c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    lines: list[PlacedLine] = []
    chars: list[str] = []
    box: list[float] | None = None

    def close() -> None:
        text = "".join(chars).strip()
        if box is not None and text:
            lines.append(((box[0], height - box[3], box[2], height - box[1]), text))

    for i in range(textpage.count_chars()):
        ch = chr(get_unicode(raw_page, i) or 0xFFFD)
        if ch in "\r\n":
            close()
            chars, box = [], None
            continue
        if ch.strip() and not is_generated(raw_page, i) and get_box(raw_page, i, rect_ref):
            if box is not None:
                size = max(box[3] - box[1], rect.top - rect.bottom)
                if rect.left < box[2] - size or rect.left > box[2] + 2 * size:
                    close()
                    chars, box = [], None
            if box is None:
                box = [rect.left, rect.bottom, rect.right, rect.top]
            else:
                box = [min(box[0], rect.left), min(box[1], rect.bottom), max(box[2], rect.right), max(box[3], rect.top)]
        chars.append(ch)
    close()
    return lines


_MARGIN_MAX_SHARE = 0.4  # a margin column of labels ends left of this share of the page width
_MIN_MARGIN_HEADINGS = 2


def _margin_labels(textpage, rects: list[Rect], width: float) -> bool:  # type: ignore[no-untyped-def]
    """True when headings sit in a left margin column, each level with a line of the text
    to its right ("Experience   ML Engineer, Contoso | 2021 – Present"): PDFium would read
    the two as one line and the heading would be lost."""
    if len(rects) < 2 * _MIN_SIDE_RECTS:
        return False
    left_edge = min(r[0] for r in rects)
    for step in range(8, int(_MARGIN_MAX_SHARE * 100) + 1, 2):
        x = width * step / 100
        if x <= left_edge:
            continue
        left = [r for r in rects if r[2] <= x]
        if len(left) < _MIN_MARGIN_HEADINGS:
            continue
        top_label = max(r[3] for r in left)
        if any(r[0] < x < r[2] and r[1] < top_label for r in rects):
            continue  # text crosses the gutter below the first label: not a margin column
        right = [r for r in rects if r[0] >= x]
        if len(right) < 3 * len(left):
            return False
        labels = {textpage.get_text_bounded(0, r[1], x, r[3]).strip() for r in left}
        beside = sum(1 for r in left if any(o[1] < r[3] and o[3] > r[1] for o in right))
        headings = sum(1 for label in labels if _is_heading(label))
        return headings >= _MIN_MARGIN_HEADINGS and beside * 4 >= 3 * len(left)
    return False


def _is_heading(text: str) -> bool:
    from mlfit.model import Line
    from mlfit.sections import heading_evidence

    return bool(text) and heading_evidence(Line(1, text)) is not None


def _row_by_row(lines: list[PlacedLine]) -> list[str]:
    """Lines top to bottom; pieces level with each other (a margin label and the line beside
    it) left to right, each a line of its own."""
    rows: list[list[PlacedLine]] = []
    for line in sorted(lines, key=lambda item: item[0][1]):
        (_, top, _, bottom), _ = line
        if rows:
            row_top, row_bottom = rows[-1][0][0][1], rows[-1][0][0][3]
            if top < row_bottom and bottom > row_top and min(row_bottom, bottom) - max(row_top, top) >= 0.5 * min(row_bottom - row_top, bottom - top):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [text for row in rows for _, text in sorted(row, key=lambda item: item[0][0])]


def _drawn_out_of_order(rects: list[Rect]) -> bool:
    """True when many of the moves from one line of text to the next, in drawing order,
    go up the same column. ``rects`` are PDFium's text rectangles (left, bottom, right, top),
    a word or a glyph each in some PDFs: rectangles level with each other make one line."""
    lines: list[list[float]] = []
    for left, bottom, right, top in rects:
        line = lines[-1] if lines else None
        if line is not None and bottom < line[3] and top > line[1] and left >= line[0]:
            line[1], line[2], line[3] = min(line[1], bottom), max(line[2], right), max(line[3], top)
        else:
            lines.append([left, bottom, right, top])
    up = down = 0
    for before, after in itertools.pairwise(lines):
        if after[0] < before[2] and after[2] > before[0]:  # the same column
            if after[1] >= before[3]:  # wholly above the line before
                up += 1
            elif after[3] < before[1]:
                down += 1
    return up >= _MIN_OUT_OF_ORDER and up >= _OUT_OF_ORDER_SHARE * (up + down)


def _column_split(rects: list[Rect], width: float, height: float) -> tuple[float, float] | None:
    """(gutter x, header bottom y) when a gutter runs from the header down; None for one column."""
    if len(rects) < 2 * _MIN_SIDE_RECTS:
        return None
    xs = [width * step / 100 for step in range(15, 86)]
    # Each x's header bottom: the bottom of the lowest line crossing it. Lines taken from the
    # bottom of the page up settle most x at once (one full-width line settles them all).
    header_bottoms = [height] * len(xs)
    unsettled = set(range(len(xs)))
    for r in sorted(rects, key=lambda r: r[1]):
        crossed = [k for k in unsettled if r[0] < xs[k] < r[2]]
        for k in crossed:
            header_bottoms[k] = r[1]
        unsettled.difference_update(crossed)
        if not unsettled:
            break
    by_top = sorted(rects, key=lambda r: r[3])
    tops = [r[3] for r in by_top]
    best = None
    for x, header_bottom in zip(xs, header_bottoms):
        below = by_top[: bisect.bisect_right(tops, header_bottom + 1)]
        if len(below) < 2 * _MIN_SIDE_RECTS:
            continue
        left = [r for r in below if r[2] <= x]
        right = [r for r in below if r[0] >= x]
        if len(left) < _MIN_SIDE_RECTS or len(right) < _MIN_SIDE_RECTS or len(left) + len(right) < len(below):
            continue
        # side by side, not one after the other: the two columns share most of their height
        left_span = (min(r[1] for r in left), max(r[3] for r in left))
        right_span = (min(r[1] for r in right), max(r[3] for r in right))
        shared = min(left_span[1], right_span[1]) - max(left_span[0], right_span[0])
        if shared < _MIN_SHARED_HEIGHT * min(left_span[1] - left_span[0], right_span[1] - right_span[0]):
            continue
        gap = min(r[0] for r in right) - max(r[2] for r in left)
        candidate = (header_bottom, gap, x)
        if best is None or candidate > best:
            best = candidate
    if best is None:
        return None
    header_bottom, _, x = best
    return x, header_bottom


# --- hidden text -------------------------------------------------------------------


def _drop_hidden_text(page) -> int | None:  # type: ignore[no-untyped-def]
    """Deactivate the page's hidden text objects; return how many characters the page held
    before (None when nothing was hidden), to count what was dropped.

    Deactivated objects are left out of text extraction (and rendering) by PDFium.
    """
    import pypdfium2.raw as pdfium_c

    scan = _Scan(page, pdfium_c)
    scan.walk(page.raw, None, 0)
    if not (scan.hidden or scan.light or scan.invisible):
        return None
    hidden = list(scan.hidden)
    if scan.invisible and scan.image_area < OCR_IMAGE_SHARE * scan.page_area:
        hidden.extend(scan.invisible)  # invisible text that is not the OCR layer of a scan
    if scan.light:
        hidden.extend(_light_on_light(page, scan.light))
    if not hidden:
        return None
    before = page.get_textpage()
    try:
        total = _non_space(before.get_text_range())
    finally:
        before.close()
    set_active = getattr(pdfium_c, "FPDFPageObj_SetIsActive", None)
    for obj in hidden:
        if set_active is not None:
            set_active(obj, False)
        else:  # PDFium before FPDFPageObj_SetIsActive: take the object out instead
            _remove(pdfium_c, obj, *scan.owner[_address(obj)])
    return total


def _address(obj) -> int:  # type: ignore[no-untyped-def]
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _remove(pdfium_c, obj, holder, in_form: bool) -> None:  # type: ignore[no-untyped-def]
    remove = getattr(pdfium_c, "FPDFFormObj_RemoveObject", None) if in_form else pdfium_c.FPDFPage_RemoveObject
    if remove is not None and remove(holder, obj):
        pdfium_c.FPDFPageObj_Destroy(obj)  # removed objects belong to the caller


def _non_space(text: str) -> int:
    return len(text) - sum(map(text.count, " \t\r\n\x0b\x0c\x02\ufffe"))


class _Scan:
    """One pass over a page's objects (into form XObjects) sorting out hidden text.

    An ordinary CV holds hundreds of text objects a page (some generators draw every word
    as one), so the common case, a filled text of a visible colour and size on the page,
    costs four PDFium calls and no Python allocations beyond the results.
    """

    def __init__(self, page, pdfium_c) -> None:  # type: ignore[no-untyped-def]
        self.c = pdfium_c
        self.box = page.get_bbox()  # the visible area, as PDFium extracts text from it
        left, bottom, right, top = self.box
        self.page_area = max(0.0, right - left) * max(0.0, top - bottom)
        self.hidden: list = []  # tiny, transparent or off-page text objects
        self.invisible: list = []  # render mode 3/7: hidden unless the page is a scan
        self.light: list = []  # (object, page-space bounds, grey level): near-white text
        self.image_area = 0.0
        # object address -> (page or form, in a form?), to remove objects on an older PDFium
        self.owner: dict[int, tuple] = {}
        self._track = not hasattr(pdfium_c, "FPDFPageObj_SetIsActive")
        # ctypes out-parameters, made once and passed by reference to every call
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._rgba_refs = tuple(ctypes.byref(v) for v in self._rgba)
        self._bounds = [ctypes.c_float() for _ in range(4)]
        self._bounds_refs = tuple(ctypes.byref(v) for v in self._bounds)
        self._size = ctypes.c_float()
        self._matrix = pdfium_c.FS_MATRIX()

    def walk(self, holder, parent: tuple | None, depth: int) -> None:  # type: ignore[no-untyped-def]
        c = self.c
        if parent is None:
            count, get = c.FPDFPage_CountObjects(holder), c.FPDFPage_GetObject
        else:
            count, get = c.FPDFFormObj_CountObjects(holder), c.FPDFFormObj_GetObject
        get_type, get_mode, get_fill = c.FPDFPageObj_GetType, c.FPDFTextObj_GetTextRenderMode, c.FPDFPageObj_GetFillColor
        get_bounds = c.FPDFPageObj_GetBounds
        image_kind, form_kind = c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_FORM
        rgba, rgba_refs = self._rgba, self._rgba_refs
        red, green, blue, alpha = rgba
        edges, edge_refs = self._bounds, self._bounds_refs
        box_left, box_bottom, box_right, box_top = self.box
        hidden = self.hidden
        for i in range(max(0, count)):
            obj = get(holder, i)
            if not obj:
                continue
            # Text objects are most of a page: their render mode comes first, and PDFium
            # answers FPDF_TEXTRENDERMODE_UNKNOWN (-1) for any other kind of object.
            mode = get_mode(obj)
            if mode >= 0:
                if self._track:
                    self.owner[_address(obj)] = (holder, parent is not None)
                if mode != 0 and mode != 4:
                    self._text(obj, parent, mode)
                elif not get_fill(obj, *rgba_refs):
                    self._placed(obj, parent, None)
                elif alpha.value <= FAINT_ALPHA:
                    hidden.append(obj)
                elif parent is not None:
                    self._placed(obj, parent, (red.value, green.value, blue.value))
                # Filled text straight on the page, nearly every object of a CV: _placed's
                # checks written out here, since a page holds hundreds (a third of reading a PDF).
                elif get_bounds(obj, *edge_refs):
                    left, bottom, right, top = edges[0].value, edges[1].value, edges[2].value, edges[3].value
                    if right < box_left or left > box_right or top < box_bottom or bottom > box_top:
                        hidden.append(obj)
                    elif right - left < 2 * TINY_PT or top - bottom < 2 * TINY_PT or min(red.value, green.value, blue.value) >= LIGHT:
                        self._placed(obj, parent, (red.value, green.value, blue.value))
                continue
            kind = get_type(obj)
            if kind == image_kind:
                bounds = self._page_bounds(obj, parent)
                if bounds is not None:
                    self.image_area += _area(_clip(bounds, self.box))
            elif kind == form_kind and depth < _MAX_FORM_DEPTH:
                m = self._matrix_of(obj)
                self.walk(obj, m if parent is None else _compose(m, parent), depth + 1)

    def _text(self, obj, parent: tuple | None, mode: int) -> None:  # type: ignore[no-untyped-def]
        """A text object drawn in any mode but plain fill."""
        c = self.c
        if mode in _INVISIBLE_MODES:
            self.invisible.append(obj)
            return
        # The colour that shows: the fill, the stroke for outlined text, the more visible of both for fill+stroke.
        colours = [self._colour(c.FPDFPageObj_GetStrokeColor if mode in _STROKE_MODES else c.FPDFPageObj_GetFillColor, obj)]
        if mode in _FILL_STROKE_MODES:
            colours.append(self._colour(c.FPDFPageObj_GetStrokeColor, obj))
        known = [colour for colour in colours if colour is not None]
        if known and all(colour[3] <= FAINT_ALPHA for colour in known):
            self.hidden.append(obj)
            return
        shown = [colour for colour in known if colour[3] > FAINT_ALPHA]
        rgb = min(shown, key=lambda colour: sum(colour[:3]))[:3] if shown and len(known) == len(colours) else None
        self._placed(obj, parent, rgb)

    def _placed(self, obj, parent: tuple | None, rgb: tuple[int, int, int] | None) -> None:  # type: ignore[no-untyped-def]
        """Off the page, tiny or near-white: ``rgb`` is the colour that shows (None: not known)."""
        bounds = self._page_bounds(obj, parent)
        if bounds is None:
            return
        box = self.box
        if bounds[2] < box[0] or bounds[0] > box[2] or bounds[3] < box[1] or bounds[1] > box[3]:
            self.hidden.append(obj)  # wholly outside the visible page
            return
        # Tiny: a small font size times the text matrix, and glyph bounds to match (the
        # bounds guard against Type 3 fonts, whose size lives in their FontMatrix).
        if min(bounds[2] - bounds[0], bounds[3] - bounds[1]) < 2 * TINY_PT and self.c.FPDFTextObj_GetFontSize(obj, self._size):
            m = self._matrix_of(obj)
            if parent is not None:
                m = _compose(m, parent)
            if self._size.value * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) < TINY_PT:
                self.hidden.append(obj)
                return
        if rgb is not None and min(rgb) >= LIGHT:
            r, g, b = rgb
            self.light.append((obj, bounds, round(0.299 * r + 0.587 * g + 0.114 * b)))

    def _colour(self, getter, obj) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
        if not getter(obj, *self._rgba_refs):
            return None
        r, g, b, a = self._rgba
        return (r.value, g.value, b.value, a.value)

    def _matrix_of(self, obj) -> tuple:  # type: ignore[no-untyped-def]
        m = self._matrix
        if not self.c.FPDFPageObj_GetMatrix(obj, m):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _page_bounds(self, obj, parent: tuple | None) -> tuple | None:  # type: ignore[no-untyped-def]
        if not self.c.FPDFPageObj_GetBounds(obj, *self._bounds_refs):
            return None
        left, bottom, right, top = self._bounds
        box = (left.value, bottom.value, right.value, top.value)
        if parent is None:
            return box
        xs, ys = [], []
        for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
            a, b, c, d, e, f = parent
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
        return (min(xs), min(ys), max(xs), max(ys))


def _compose(m: tuple, n: tuple) -> tuple:
    """``m`` then ``n`` (PDF row-vector convention: p' = p x m x n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _clip(box: tuple, to: tuple) -> tuple:
    return (max(box[0], to[0]), max(box[1], to[1]), min(box[2], to[2]), min(box[3], to[3]))


def _area(box: tuple) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _light_on_light(page, candidates: list) -> list:  # type: ignore[no-untyped-def]
    """The near-white text objects that sit on an equally light background.

    The page is rendered once in grey; under a text object that a reader can see,
    a good share of the pixels (the background around the glyphs) differ from the
    text's own grey. White text on a dark banner passes; white on white does not.
    """
    width, height = page.get_size()
    scale = min(1.0, _RENDER_MAX_PX / max(width, height, 1.0))
    try:
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False)
    except Exception:  # a page that cannot be rendered: judge by the colour alone
        return [obj for obj, _, _ in candidates]
    try:
        stride, rows, cols = bitmap.stride, bitmap.height, bitmap.width
        pixels = bytes(bitmap.buffer)
        conv = bitmap.get_posconv(page)
        hidden = []
        for obj, (left, bottom, right, top), grey in candidates:
            # A narrow glyph ("l", "i", "|") drawn alone fills its own box: look a little
            # to either side of it too, where the background shows.
            pad = 0.3 * (top - bottom)
            left, right = left - pad, right + pad
            x0, y0 = conv.to_bitmap(left, top)
            x1, y1 = conv.to_bitmap(right, bottom)
            x0, x1 = sorted((max(0, min(cols, x0)), max(0, min(cols, x1))))
            y0, y1 = sorted((max(0, min(rows, y0)), max(0, min(rows, y1))))
            if x1 - x0 < 1 or y1 - y0 < 1:
                x1, y1 = min(cols, x0 + 1), min(rows, y0 + 1)  # under a pixel: look at one
                if x1 <= x0 or y1 <= y0:
                    continue
            same = bytes(range(max(0, grey - CONTRAST), min(255, grey + CONTRAST) + 1))
            differ = total = 0
            for y in range(y0, y1):
                row = pixels[y * stride + x0 : y * stride + x1]
                differ += len(row.translate(None, same))
                total += len(row)
            if differ < VISIBLE_SHARE * total:
                hidden.append(obj)
        return hidden
    finally:
        bitmap.close()


# --- letter-spaced headings ----------------------------------------------------------


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
    gaps = [b[1] - a[2] for a, b in itertools.pairwise(glyphs)]
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
