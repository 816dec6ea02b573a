"""The terminal report: one screen, best fit first, evidence and fixes with line numbers."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Contribution, Report, Section, SegmentScore

# The default report fits one 80x40 screen for a typical CV; --verbose shows the rest.
TOP_EVIDENCE = 3
TOP_FIXES = 3
TOP_REWRITES = 2
VERBOSE_EVIDENCE = 8
VERBOSE_FIXES = 8
VERBOSE_REWRITES = 3


TIE_POINTS = 3.0  # scores closer than this are a tie: the rules' weights are not that precise


def _clip(text: str, width: int = 88) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bar(score: float, width: int = 20) -> Text:
    filled = round(score / 100 * width)
    colour = "green" if score >= 70 else "yellow" if score >= 45 else "red"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


def profile_line(report: Report) -> str:
    p = report.profile
    demo = sum(1 for s in p.skills if s.demonstrated)
    parts = []
    if p.years is not None:
        parts.append(f"{p.seniority} · {p.years:g} years")
    parts.append(f"{len(p.skills)} skills ({demo} shown in bullets)")
    parts.append(f"{len(p.outcomes)} quantified outcomes")
    if p.location:
        parts.append(p.location)
    if p.work_mode:
        parts.append("/".join(p.work_mode))
    if p.clearance:
        parts.append("clearance: " + ", ".join(p.clearance[:2]))
    return " · ".join(parts)


def fixes(segment: SegmentScore, limit: int = TOP_FIXES) -> list[Contribution]:
    lost = [c for c in segment.contributions if c.lost >= 0.5]
    return sorted(lost, key=lambda c: -c.lost)[:limit]


def render_report(report: Report, console: Console, *, verbose: bool = False) -> None:
    src = report.source
    title = f"[bold]mlfit[/] · {escape(src['path'])} ({src['format'].upper()}, {src['pages']} page{'s' if src['pages'] != 1 else ''})"
    console.print(title)
    console.print(f"[dim]{escape(profile_line(report))}[/]")
    console.print()

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("#", justify="right")
    # "Regulated enterprises (finance, healthcare, insurance)" must not wrap onto a second row
    table.add_column("segment", no_wrap=True, overflow="ellipsis", max_width=max(20, console.width - 36))
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=20)
    top = report.segments[0].score if report.segments else 0.0
    tied = [seg for seg in report.segments[1:] if top > 0 and top - seg.score < TIE_POINTS]
    for seg in report.segments:
        rank = "≈1" if seg in tied else str(seg.rank)  # a few points apart is no ranking
        table.add_row(rank, escape(seg.title), f"{seg.score:.0f}", _bar(seg.score))
    console.print(table)
    if not report.segments:
        return
    if tied:
        names = ", ".join(escape(seg.title) for seg in [report.segments[0], *tied])
        console.print(f"[dim]within {TIE_POINTS:g} points of each other, a tie: {names}[/]")
    best = report.segments[0]
    console.print()
    verdict = next((w for w in report.warnings if w.code == "no-ml-content"), None)
    if verdict is not None:  # no ML in the CV: the verdict is the report; no segment's fixes apply yet
        console.print(f"[bold]Not an ML CV yet[/]: {escape(verdict.message)}")
        for w in report.warnings:
            if w is not verdict:
                console.print(f"[yellow]warning[/] [dim]{w.code}[/]: {escape(w.message)}")
        return
    width = max(60, console.width)
    console.print(
        f"[bold]Why {escape(best.title)} scores {best.score:.0f}[/]" + (" (points earned · rule · the CV line behind them)" if verbose else "")
    )
    earned = sorted((c for c in best.contributions if c.points > 0), key=lambda c: -c.points)[: VERBOSE_EVIDENCE if verbose else TOP_EVIDENCE]
    for c in earned:
        console.print(f"  [green]+{c.points:4.1f}[/]  [cyan]{c.rule_id}[/] {escape(c.name)}")
        if c.evidence:
            line = c.evidence[0]
            console.print(f"         [dim]L{line.line}: {escape(_clip(line.text, width - 16))}[/]")
    console.print()
    console.print(f"[bold]Top fixes[/] (points you can gain on {escape(best.title)})")
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    message_width = int(1.8 * max(20, console.width - 13))  # about two lines of the report, word-wrapped
    for c in fixes(best, VERBOSE_FIXES if verbose else TOP_FIXES):
        detail = escape(c.message if verbose else _clip(c.message, message_width))
        if verbose and c.problems:
            p = c.problems[0]
            detail += f"\n[dim]L{p.line}: {escape(_clip(p.text, width - 30))}[/]"
        table.add_row(f"  [yellow]+{c.lost:.1f}[/]", f"[cyan]{c.rule_id}[/]", detail)
    console.print(table)
    if report.warnings:
        console.print()
        for w in report.warnings:
            console.print(f"[yellow]warning[/] [dim]{w.code}[/]: {escape(w.message)}")
    if verbose and best.notes:
        console.print()
        console.print(Panel(escape(best.notes[0]), title=f"market note · {escape(best.title)}", title_align="left", border_style="dim"))
    if report.suggestions:
        console.print()
        render_suggestions(
            report.suggestions, console, VERBOSE_REWRITES if verbose else TOP_REWRITES, segment=best.id, lines=None if verbose else (2, 6)
        )
    if not verbose:
        console.print()
        rewrites = f" · all {len(report.suggestions)} rewrites: mlfit rewrite CV" if len(report.suggestions) > TOP_REWRITES else ""
        console.print(f"[dim]more: --verbose{rewrites}[/]")


REWRITE_TITLES = {
    "outcome_first": "Lead with the production outcome, not the model",
    "quantify": "Quantify the outcome",
    "ownership": "Say what you owned",
    "summary": "Put your strongest result in the summary",
    "mlops": "Make MLOps visible",
    "proof_point": "Add a cloud proof point",
    "keywords": "Keywords without stuffing",
    "segment": "Match the segment's wording",
}


def gain_text(gain: dict[str, float], first: str | None = None) -> str:
    """'+16.4 startup · +17.4 big_tech · …', the given segment first."""
    order = sorted(gain, key=lambda sid: (sid != first, -gain[sid], sid))
    return " · ".join(f"+{gain[sid]:.1f} {sid}" for sid in order)


def render_suggestions(
    suggestions,
    console: Console,
    limit: int | None = None,
    *,
    segment: str | None = None,
    why: bool = False,
    lines: tuple[int, int] | None = None,
) -> None:
    """Rewrites, most valuable first: the line as written, the rewrite, the rules, the points per segment.

    ``lines=(before, after)`` clips each text to about that many report lines (the one-screen report)."""
    text_width = max(20, console.width - 12)
    before_chars, after_chars = (400, 100_000) if lines is None else (lines[0] * text_width, lines[1] * text_width)
    shown = list(suggestions)[:limit] if limit else list(suggestions)
    if not shown:
        return
    more = len(suggestions) - len(shown)
    head = "[bold]Rewrites[/] (points per segment once every [dim]\\[placeholder][/] holds a true fact)"
    if more > 0 and lines is None:
        head += f" · {more} more with [cyan]mlfit rewrite[/]"
    console.print(head)
    explained: set[str] = set()
    for s in shown:
        where = f"L{s.line}" if s.line is not None else "new line"
        title = REWRITE_TITLES.get(s.kind, s.kind)
        console.print(
            f"  [yellow]+{s.gain.get(segment, max(s.gain.values(), default=0.0)):.1f}[/] [bold]{escape(title)}[/] "
            f"[cyan]{' '.join(s.rules or (s.rule_id,))}[/] [dim]{where}[/]"
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=10, justify="right", no_wrap=True)
        grid.add_column(overflow="fold")
        if s.before:
            grid.add_row("[dim]before[/]", escape(_clip(s.before, before_chars)))
        grid.add_row("[green]after[/]", escape(_clip(s.after, after_chars)))
        grid.add_row("[dim]worth[/]", f"[dim]{escape(gain_text(s.gain, segment))}[/]")
        if why and s.why:
            text = f"as for {s.rule_id} above" if s.rule_id in explained else f"{s.why} ({s.source})"
            grid.add_row("[dim]why[/]", f"[dim]{escape(text)}[/]")
            explained.add(s.rule_id)
        console.print(grid)


def render_extraction(extraction, console: Console) -> None:
    src = extraction.source
    console.print(f"[bold]mlfit extract[/] · {escape(src['path'])} ({src['format'].upper()}, {src['pages']} page(s))")
    console.print(
        "[bold]Sections[/]: "
        + ", ".join(f"{s.name} (L{s.start - 1}, empty)" if s.empty else f"{s.name} (L{s.start}-{s.end})" for s in extraction.sections)
    )
    p = extraction.profile
    if p.years is not None:
        console.print(f"[bold]Experience[/]: {p.years:g} years ({p.seniority}) of full-time work, from {len(p.roles)} dated roles")
    if p.roles:
        roles = Table(title="Roles", box=None, header_style="bold", title_justify="left")
        for col in ("line", "from", "to", "kind", "title", "employer"):
            roles.add_column(col)
        for r in p.roles:
            roles.add_row(f"L{r.line}", r.start, r.end, r.kind, escape(r.title), escape(r.employer))
        console.print(roles)
    if p.clearance or p.location or p.work_mode:
        console.print(
            f"[bold]Clearance[/]: {', '.join(p.clearance) or '-'} · [bold]Location[/]: {p.location or '-'} · [bold]Work mode[/]: {', '.join(p.work_mode) or '-'}"
        )
    skills = Table(title="Skills", box=None, header_style="bold", title_justify="left")
    for col in ("skill", "category", "listed", "demonstrated", "lines"):
        skills.add_column(col)
    for s in p.skills:
        label = escape(s.label) + ("" if s.recognised else " [dim](unrecognised)[/]")
        skills.add_row(label, s.category, "yes" if s.listed else "", "yes" if s.demonstrated else "", ",".join(map(str, s.lines[:4])))
    console.print(skills)
    outcomes = Table(title="Outcomes", box=None, header_style="bold", title_justify="left")
    for col in ("line", "kind", "dir", "value", "unit", "phrase"):
        outcomes.add_column(col)
    for o in p.outcomes:
        value = "redacted" if o.redacted else ("" if o.value is None else f"{o.value:g}")
        more = [m.text for m in o.measures[1:]]
        phrase = escape(o.text) + (f"  [dim]+ {escape('; '.join(more))}[/]" if more else "")
        phrase += f"  [dim](guardrail: {escape(o.guardrail)})[/]" if o.guardrail else ""
        outcomes.add_row(str(o.line), o.kind, o.direction, value, o.unit, phrase)
    console.print(outcomes)
    for w in extraction.warnings:
        console.print(f"[yellow]warning[/] [dim]{w.code}[/]: {escape(w.message)}")


def text_as_read(extraction) -> str:
    """Every line as mlfit read it, numbered as the evidence of every report (``L48``), with a
    marker where each section starts, so a reference can be checked and a misread seen."""
    starts: dict[int, Section] = {}
    for section in extraction.sections:
        # a heading line sits just above its section's body; an inline one ("Skills: ...") is its first line
        starts.setdefault(section.start - 1 if section.heading else section.start, section)
    width = len(str(extraction.lines[-1].no)) if extraction.lines else 1
    out = []
    page = 1
    for line in extraction.lines:
        if line.page != page:
            page = line.page
            out.append(f"{'':>{width + 1}}  --- page {page} ---")
        section = starts.pop(line.no, None)
        if section is not None:
            out.append(f"{'':>{width + 1}}  === {section.name} ===")
        out.append(f"L{line.no:<{width}}  {line.text}")
    return "\n".join(out)


def render_rules_list(ruleset, console: Console) -> None:
    table = Table(box=None, header_style="bold")
    for col in ("pack", "title", "rules", "ids"):
        table.add_column(col)
    for name, pack in ruleset.packs.items():
        ids = ", ".join(r.id for r in pack.rules)
        table.add_row(name, escape(pack.title), str(len(pack.rules)), ids)
    console.print(table)
    console.print(f"[dim]segments scored: {', '.join(ruleset.segments)} · `mlfit rules show ID` for one rule[/]")


def render_rule(rule, console: Console) -> None:
    console.print(f"[bold cyan]{rule.id}[/] [bold]{escape(rule.name)}[/]  ({rule.kind}, weight {rule.weight:g}, pack {rule.pack})")
    console.print(f"[bold]Fix[/]: {escape(rule.message)}")
    console.print(f"[bold]Why[/]: {escape(rule.why)}")
    console.print(f"[bold]Source[/]: {escape(rule.source)}")
    params = {k: v for k, v in rule.params.items() if v not in (None, False)}
    if params:
        console.print(
            "[bold]Checks[/]: "
            + "; ".join(
                f"{k}={escape(str(v)) if not isinstance(v, list) else escape(', '.join(map(str, v[:8]))) + (' …' if len(v) > 8 else '')}"
                for k, v in params.items()
            )
        )
    if rule.rewrite:
        console.print(f"[bold]Rewrite[/]: {escape(rule.rewrite)}")
    console.print(f"[dim]{rule.path}:{rule.line}[/]")
    for example in rule.examples:
        mark = "[green]good[/]" if example.good else "[red]bad[/] "
        note = f"  [dim]# {escape(example.note)}[/]" if example.note else ""
        console.print(f"  {mark} {escape(example.text.replace(chr(10), ' ⏎ '))}{note}")
