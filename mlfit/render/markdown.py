"""`--format md`: the rewrites as a Markdown checklist a coach can paste into an email.

Plain enough to read as text: the [placeholders] stay as written (no link syntax is
produced), and only the characters that would turn into emphasis or code are escaped.
"""

from __future__ import annotations

import re

from ..model import Report, Suggestion
from .human import REWRITE_TITLES, gain_text

_SPECIAL = re.compile(r"([\\`*<>]|(?<!\w)_|_(?!\w))")  # an underscore inside a word (big_tech) is plain text


def md_escape(text: str) -> str:
    text = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", text)


def suggestion_md(s: Suggestion, segment: str | None = None, *, why: bool = True) -> list[str]:
    where = f"L{s.line}" if s.line is not None else "new line"
    title = REWRITE_TITLES.get(s.kind, s.kind)
    rules = ", ".join(s.rules or (s.rule_id,))
    lines = [f"- [ ] **{md_escape(title)}** ({where}; {rules}): {md_escape(gain_text(s.gain, segment))}"]
    if s.before:
        lines.append(f"  - Before: {md_escape(s.before)}")
    else:
        lines.append("  - Add a line:")
    lines.append(f"  - After: {md_escape(s.after)}")
    if s.placeholders:
        lines.append("  - Fill in: " + ", ".join(md_escape(p) for p in s.placeholders))
    if s.why and why:
        source = f" ({md_escape(s.source)})" if s.source else ""
        lines.append(f"  - Why: {md_escape(s.why)}{source}")
    elif s.why:
        lines.append(f"  - Why: as for {s.rule_id} above.")
    return lines


def rewrites_markdown(report: Report, *, segment: str | None = None) -> str:
    """The whole checklist: a heading, one line on how to use it, then one item per rewrite."""
    titles = {s.id: s.title for s in report.segments}
    target = segment or (report.segments[0].id if report.segments else None)
    path = report.source.get("path", "-")
    out = [f"# CV rewrites: {md_escape(str(path))}", ""]
    if target:
        note = "" if segment else " (the best fit)"
        out.append(
            f"Worded for **{md_escape(titles.get(target, target))}**{note}. "
            "Replace every [placeholder] with a true fact from your work, or drop the part it belongs to. "
            "Points: what each change adds to each segment's score (0-100) once filled in."
        )
        scores = " · ".join(f"{md_escape(s.title)} {s.score:.0f}" for s in report.segments)
        out += ["", f"Scores now: {scores}"]
    out.append("")
    if not report.suggestions:
        out.append("No rewrites: every bullet already leads with a measured production outcome.")
    explained: set[str] = set()
    for s in report.suggestions:
        out.extend(suggestion_md(s, target, why=s.rule_id not in explained))
        explained.add(s.rule_id)
    return "\n".join(out) + "\n"
