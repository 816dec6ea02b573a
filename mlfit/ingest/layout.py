"""Reading order from positions, for layouts whose drawing order is not the reading order.

Designed templates (Canva, text-box DOCX) place each piece of text where it shows and
draw the pieces in any order: a sidebar's heading after the last job, a page built
from the bottom up. Given each piece's box, :func:`reading_order` reads them the way a
person does, by recursive XY-cut: columns separated by a vertical gap that no box
crosses, left to right; otherwise the top band (boxes connected top to bottom), then
the rest cut again, so a header that spans the page comes before the columns under it.

Boxes are ``(left, top, right, bottom)`` with ``top < bottom`` (y grows down the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = ["Box", "reading_order"]

T = TypeVar("T")
Box = tuple[float, float, float, float]


def reading_order(placed: Sequence[tuple[Box, T]]) -> list[T]:
    """The payloads of ``placed`` (box, payload) pairs in reading order."""
    return [payload for _, payload in _xy_cut(list(placed))] if placed else []


def _xy_cut(placed: list) -> list:  # type: ignore[type-arg]
    ordered: list = []  # type: ignore[type-arg]
    while placed:
        columns = _cut(placed, vertical=True)
        if len(columns) > 1 and not _rows_across(columns):
            return ordered + [item for column in columns for item in _xy_cut(column)]
        bands = _cut(placed, vertical=False)
        if len(bands) == 1:
            return ordered + sorted(placed, key=lambda item: (item[0][1], item[0][0]))
        ordered += _xy_cut(bands[0])
        placed = [item for band in bands[1:] for item in band]
    return ordered


def _cut(placed: list, *, vertical: bool) -> list[list]:  # type: ignore[type-arg]
    """Groups separated by a gap that no box crosses: columns (``vertical``) or bands."""
    lo, hi = (0, 2) if vertical else (1, 3)
    ordered = sorted(placed, key=lambda item: item[0][lo])
    groups: list[list] = [[ordered[0]]]  # type: ignore[type-arg]
    reach = ordered[0][0][hi]
    for item in ordered[1:]:
        if item[0][lo] >= reach:
            groups.append([])
        groups[-1].append(item)
        reach = max(reach, item[0][hi])
    return groups


def _rows_across(columns: list[list]) -> bool:  # type: ignore[type-arg]
    """True when the "columns" are cells of rows (a title box and its date box side by side):
    three in four boxes of the smallest column start level with a box of another column
    (headings of a sidebar and a main column are often level too, but not their entries)."""
    smallest = min(columns, key=len)
    others = [item for column in columns if column is not smallest for item in column]
    level = sum(
        1
        for (_, top, _, bottom), _ in smallest
        if any(abs(top - other[0][1]) <= min(bottom - top, other[0][3] - other[0][1]) / 4 for other in others)
    )
    return level * 4 >= 3 * len(smallest)
