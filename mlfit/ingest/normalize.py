"""Text normalisation shared by every reader, and the builder that numbers lines.

Readers hand raw text (one paragraph, one PDF page, one Markdown line) to
:class:`LineBuilder` with whatever hint the format gives; the builder applies the
same clean-up everywhere, so a CV reads the same whether it came from a PDF, a
DOCX or a text file:

* NFKC, CRLF/CR to LF, zero-width and other format characters removed,
  control characters dropped;
* PDFium's hyphenation marks (U+0002, U+FFFE) removed, keeping the hyphen when the
  word was a real compound ("scikit-learn", "GPT-4", "end-to-end");
* bullet glyphs at the start of a line stripped (hint ``bullet``), private-use
  glyphs elsewhere removed and counted;
* letter-spaced headings ("E D U CAT I O N") collapsed to words;
* runs of spaces and tabs collapsed, empty lines dropped, the rest numbered 1..n;
* a line longer than ``limits.MAX_LINE_CHARS`` split at spaces (no CV line is that
  long, and every later pass stays linear on bounded lines), and a run of more
  than 16 punctuation characters without a space broken up; more text than
  ``limits.max_chars()`` is refused as ``too-large``.
"""

from __future__ import annotations

import re
import unicodedata

from mlfit import lexicon
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE, Document, Line, ParseWarning

from . import limits

__all__ = [
    "LineBuilder",
    "collapse_letter_spacing",
    "is_letter_spaced",
    "normalize_text",
]

# --- whole-text clean-up ------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Format characters (Unicode category Cf) that only disturb matching: soft hyphen,
# zero-width space/joiners, word joiner, BOM, bidi marks and isolates, tag chars.
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
# Control characters except TAB and LF (U+0002 is handled before this runs).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# A PDFium hyphenation mark, with the word fragments on both sides. PDFium already
# joined the two lines; tolerate a line break after the mark anyway.
_HYPHEN_MARK = re.compile("(\\S*)[\x02\ufffe][ \t]*(?:\n[ \t]*)?(\\S*)")
_LEADING_PUNCT = re.compile(r"^[^\w]+")
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")

# First or second halves of compounds that are written with a hyphen. Typesetters
# (TeX, Word) never break a word leaving one letter before or two after the break,
# so such fragments are real hyphens too; these lists (rules/vocab/lexicon.yml) cover the
# common longer ones.
_COMPOUND_LEFT = frozenset(lexicon.words("compound_left"))
_COMPOUND_RIGHT = frozenset(lexicon.words("compound_right"))
# Word endings that mean a typeset break even after a compound-looking stem
# ("multi-ple", "real-ity", "short-age").
_SUFFIXES = frozenset(lexicon.words("hyphen_suffixes"))


def _keep_hyphen(left: str, right: str) -> bool:
    """True when ``left-right`` was a real hyphenated word, not a typeset break."""
    if not left or not right:
        return True
    first = right[0]
    if not (first.isalpha() and first.islower()):
        return True  # GPT-4, ML-Ops, Llama-3
    stem = _LEADING_PUNCT.sub("", left)
    if not stem or not stem.isalpha():
        return True  # end-to-end, A/B-tested, T5-base
    if any(c.isupper() for c in stem[1:]):
        return True  # PyTorch-based, BERT-style
    m = _LEADING_LETTERS.match(right)
    tail = m.group(0).lower() if m else ""
    if len(stem) <= 1 or len(tail) <= 2:
        return True  # e-commerce, state-of-the-art
    if tail in _COMPOUND_RIGHT:
        return True  # real-time, data-driven, scikit-learn
    return stem.lower() in _COMPOUND_LEFT and tail not in _SUFFIXES


def _join_hyphen_mark(m: re.Match[str]) -> str:
    left, right = m.group(1), m.group(2)
    return f"{left}-{right}" if _keep_hyphen(left, right) else f"{left}{right}"


def normalize_text(text: str) -> tuple[str, int]:
    """Clean a chunk of raw text; return it and the number of control characters dropped.

    Lines stay separated by ``\\n``; per-line work (bullets, spacing) is
    :class:`LineBuilder`'s.
    """
    text = _NEWLINES.sub("\n", text)
    if "\x02" in text or "\ufffe" in text:
        text = _HYPHEN_MARK.sub(_join_hyphen_mark, text)
    text = unicodedata.normalize("NFKC", text)
    text = _FORMAT_CHARS.sub("", text)
    dropped = 0
    if _CONTROLS.search(text):
        text, dropped = _CONTROLS.subn("", text)
    return text, dropped


# --- per-line clean-up ----------------------------------------------------------

_PUA = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
# Glyphs that mark a bullet even when glued to the text ("•Built ...").
_BULLET_GLYPHS = "•·▪■●○◦‣⁃►▸▹➢➤✓✔❖◆◇♦□★☆→⇒" + _PUA
# Characters that are bullets only when followed by white space ("- Built", not "-5%").
# A lone "o" before a capital is Word's second-level bullet as it comes out of a PDF.
_BULLET = re.compile(rf"^[ \t]*(?:[{_BULLET_GLYPHS}][{_BULLET_GLYPHS} \t]*|[-–—*](?=[ \t]|$)[ \t]*|o[ \t]+(?=[A-Z]))")
_PUA_CHAR = re.compile(f"[{_PUA}\ufffd]")
_SPACES = re.compile(r"[ \t]+")
_GROUP_SPLIT = re.compile(r"\t|  +")
_SEPARATORS = frozenset("&/|+-–")
_SINGLE_LETTER = re.compile(r"(?:^|\s)[^\W\d_](?=\s|$)")
_NO_CONTENT = re.compile(r"^[-=_~*.·•|#+<>\s]*$")
# A long run of punctuation or symbols with no space in it ("((((...", "\"'\"'...", emoji): the
# tokenizer strips affixes one at a time and rescans, quadratic in the run's length; such a
# run is never words, so it is broken up with spaces.
_PUNCT_RUN_MAX = 16
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{_PUNCT_RUN_MAX + 1},}}")


def _break_run(m: re.Match[str]) -> str:
    run = m.group()
    return " ".join(run[i : i + _PUNCT_RUN_MAX] for i in range(0, len(run), _PUNCT_RUN_MAX))


def _letter_spaced_tokens(line: str) -> list[list[str]] | None:
    """Split ``line`` into groups of tokens if it looks letter-spaced, else None.

    Groups are separated by two or more spaces or a tab (word gaps), tokens by one
    space. A line qualifies when it is short, every token is a short run of letters
    (or a separator such as ``&``), and at least half the letters tokens are single.
    """
    s = line.strip()
    if not s or len(s) > 80 or " " not in s or len(_SINGLE_LETTER.findall(s)) < 2:
        return None
    groups = [g.split(" ") for g in _GROUP_SPLIT.split(s) if g]
    letters = [t for g in groups for t in g if t not in _SEPARATORS]
    if len(letters) < 3:
        return None
    singles = 0
    for tok in letters:
        if not tok.isalpha() or len(tok) > 4:
            return None
        singles += len(tok) == 1
    # "SK I LL S" and "E D U CAT I O N" pass; "Go C R" (a skills line) does not
    if len(letters) < 4 or singles < 2 or singles * 2 < len(letters):
        return None
    if sum(map(len, letters)) > 1.5 * len(letters):
        return None
    return groups


def is_letter_spaced(line: str) -> bool:
    """True for headings such as ``E D U C A T I O N`` or ``SK I LL S``."""
    return _letter_spaced_tokens(line) is not None


def collapse_letter_spacing(line: str) -> str:
    """``E D U CAT I O N`` -> ``EDUCATION``; ``W O R K  E X P`` -> ``WORK EXP``.

    Two or more spaces (or a tab) are taken as a word gap. Case is left alone.
    """
    groups = _letter_spaced_tokens(line)
    if groups is None:
        return line
    words: list[str] = []
    for group in groups:
        current = ""
        for tok in group:
            if tok in _SEPARATORS:
                if current:
                    words.append(current)
                words.append(tok)
                current = ""
            else:
                current += tok
        if current:
            words.append(current)
    return " ".join(words)


class LineBuilder:
    """Collects normalised, numbered lines and the counts behind parse warnings."""

    __slots__ = ("_chars", "_lines", "_max_chars", "_notes", "_pending_bullet", "_unmapped")

    def __init__(self, *, max_chars: int | None = None) -> None:
        self._lines: list[Line] = []
        self._unmapped = 0  # private-use / replacement / control characters removed
        self._chars = 0  # non-space characters kept
        self._pending_bullet = False  # a bullet glyph stood alone on the previous line
        self._notes: list[ParseWarning] = []  # warnings a reader found (e.g. hidden PDF text)
        self._max_chars = limits.max_chars(max_chars)

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def chars(self) -> int:
        return self._chars

    def warn(self, warning: ParseWarning) -> None:
        """Record a warning a reader found; it is reported with the document's own."""
        if warning not in self._notes:
            self._notes.append(warning)

    def add(self, raw: str, *, page: int = 1, hint: str = HINT_NONE) -> None:
        """Add ``raw`` (one or more lines); every non-empty line becomes a :class:`Line`.

        Raises :class:`~mlfit.errors.InputTooLargeError` once more than the text limit is kept.
        """
        if not raw:
            return
        budget = self._max_chars - self._chars
        if len(raw) > budget and len(raw) - sum(map(raw.count, " \t\r\n\x0b\x0c")) > budget:
            raise limits.too_much_text(self._max_chars)  # before NFKC can blow it up further
        text, dropped = normalize_text(raw)
        self._unmapped += dropped
        for part in text.split("\n"):
            if len(part) > limits.MAX_LINE_CHARS:
                self._add_long_line(part, page, hint)
            else:
                self._add_line(part, page, hint)

    def _add_long_line(self, text: str, page: int, hint: str) -> None:
        """Split an over-long line at spaces; the pieces after the first are bullets if it was one.

        (As separate bullets they are not joined back into one long block downstream.)
        """
        text = _SPACES.sub(" ", text)
        limit = limits.MAX_LINE_CHARS
        start, first = 0, True
        while start < len(text):
            end = start + limit
            if end < len(text):
                cut = text.rfind(" ", start + limit // 2, end)
                end = cut + 1 if cut > 0 else end
            used = self._add_line(text[start:end], page, hint)
            if first and used is not None:
                hint, first = (HINT_BULLET if used == HINT_BULLET else HINT_NONE), False
            start = end

    def _add_line(self, text: str, page: int, hint: str) -> str | None:
        line_hint = hint
        m = _BULLET.match(text)
        if m:
            text = text[m.end() :]
            if line_hint != HINT_HEADING:
                line_hint = HINT_BULLET
        if _PUA_CHAR.search(text):
            text, n = _PUA_CHAR.subn("", text)
            self._unmapped += n
        if len(text) > _PUNCT_RUN_MAX and _PUNCT_RUN.search(text):
            text = _PUNCT_RUN.sub(_break_run, text)
        if " " in text:
            text = collapse_letter_spacing(text)
        text = _SPACES.sub(" ", text).strip()
        if not text or _NO_CONTENT.match(text):
            if m and text == "":
                self._pending_bullet = True  # "•" alone; the text follows on the next line
            return None
        if self._pending_bullet and line_hint == HINT_NONE:
            line_hint = HINT_BULLET
        self._pending_bullet = False
        self._chars += len(text) - text.count(" ")
        if self._chars > self._max_chars:
            raise limits.too_much_text(self._max_chars)
        self._lines.append(Line(no=len(self._lines) + 1, text=text, page=page, hint=line_hint))
        return line_hint

    def warnings(self) -> tuple[ParseWarning, ...]:
        out: list[ParseWarning] = []
        chars, n_lines = self._chars, len(self._lines)
        if chars < 300:
            out.append(
                ParseWarning(
                    "little-text",
                    f"only {chars} characters of text were read; check that this is the whole CV",
                )
            )
        elif n_lines < 8:
            out.append(
                ParseWarning(
                    "few-lines",
                    f"the text came out as only {n_lines} lines; the layout may have merged lines, so sections and bullets may be missed",
                )
            )
        total = chars + self._unmapped
        if self._unmapped >= 5 and self._unmapped > 0.05 * total:
            pct = round(100 * self._unmapped / total)
            out.append(
                ParseWarning(
                    "unmapped-glyphs",
                    f"{self._unmapped} characters ({pct}%) could not be read as text (icon or symbol fonts); some words may be missing",
                )
            )
        return tuple(out + self._notes)

    def build(self, *, format: str, pages: int, path: str, sha256: str) -> Document:
        return Document(
            lines=tuple(self._lines),
            format=format,
            pages=pages,
            warnings=self.warnings(),
            path=path,
            sha256=sha256,
        )
