"""The human view of a batch: the table of CVs in input order and the cohort summary (rich is
imported only here, so batch workers never load it)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..batch.cohort import HISTOGRAM
from ..batch.rows import segment_columns


def render_summary(summary: Mapping[str, Any], console) -> None:
    from rich.markup import escape
    from rich.table import Table

    n = summary["scored"]
    console.print(
        f"[bold]Cohort feedback[/] · {summary['cvs']} CV{'s' if summary['cvs'] != 1 else ''}: {n} scored, {summary['failed']} could not be read"
    )
    console.print(
        "[dim]Patterns to coach on across the group, not a ranking of people: each client's own "
        "report (`mlfit score CV`) has their evidence and fixes.[/]"
    )
    if summary["errors"]:
        console.print("[dim]not read: " + ", ".join(f"{code} ×{c}" for code, c in summary["errors"].items()) + "[/]")
    if not n:
        return
    if summary.get("seniority"):
        years = summary.get("years")
        extra = f" · years of experience: median {years['median']:g} (range {years['min']:g}–{years['max']:g})" if years else ""
        console.print("[dim]seniority: " + ", ".join(f"{k} {v}" for k, v in summary["seniority"].items()) + extra + "[/]")
    console.print()
    table = Table(
        title="Score distribution per segment (0–100; CVs per band on the right)", title_justify="left", box=None, header_style="bold", pad_edge=False
    )
    table.add_column("segment", no_wrap=True)
    table.add_column("best fit for", justify="right")
    for col in ("min", "p25", "median", "p75", "max"):
        table.add_column(col, justify="right")
    for _, _, label in HISTOGRAM:
        table.add_column(label, justify="right", style="dim")
    for seg in summary["segments"]:
        table.add_row(
            seg["id"],
            str(seg["best_fit_for"]),
            f"{seg['min']:.0f}",
            f"{seg['p25']:.0f}",
            f"{seg['median']:.0f}",
            f"{seg['p75']:.0f}",
            f"{seg['max']:.0f}",
            *(str(h["cvs"]) for h in seg["histogram"]),
        )
    console.print(table)

    def pct(item) -> str:
        return f"{item['cvs']} ({item['share'] * 100:.0f}%)"

    def rule_table(title: str, items) -> None:
        console.print()
        table = Table(title=title, title_justify="left", box=None, header_style="bold", pad_edge=False)
        table.add_column("CVs", justify="right", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("what to change", overflow="fold")
        for item in items:
            table.add_row(pct(item), item["rule_id"], escape(item.get("message") or item.get("name") or ""))
        console.print(table)

    if summary["common_gaps"]:
        rule_table("Most common top fix (the biggest gap on each CV's best-fit segment)", summary["common_gaps"])
        console.print()
        console.print("[bold]Who needs which fix[/] [dim](each CV under its top fix; `mlfit rewrite CV` words it)[/]")
        for item in summary["common_gaps"]:
            names = ", ".join(os.path.basename(f) or f for f in item.get("files") or ())
            console.print(f"  [cyan]{item['rule_id']}[/] {escape(names)}")
    if summary.get("failed_rules"):
        rule_table("Rules most often failed on each CV's best-fit segment", summary["failed_rules"])
    elif summary.get("failed_rules") is None:
        console.print("[dim](failed rules and skills need the full reports: run the batch with --format jsonl)[/]")
    if summary.get("listed_not_demonstrated"):
        console.print()
        console.print("[bold]Skills most often listed but never demonstrated in a bullet[/] [dim](show what was built with them, or drop them)[/]")
        console.print("  " + ", ".join(f"{escape(s['skill'])} {s['cvs']}" for s in summary["listed_not_demonstrated"]))
    if summary.get("warnings"):
        console.print()
        console.print(
            "[bold]Reading problems[/] [dim](fix the file before the content)[/]: "
            + ", ".join(f"{w['code']} {w['cvs']}" for w in summary["warnings"])
        )


# --- the human table for a batch -----------------------------------------------------------------


def render_batch_table(rows: Sequence[Mapping[str, Any]], segment_ids: Sequence[str], console, titles: Mapping[str, str] | None = None) -> None:
    """Scored CVs in the order given (the cohort view is not a ranking of people), then the files
    that could not be read."""
    from rich.markup import escape
    from rich.table import Table

    ok = [r for r in rows if r.get("status") == "ok"]
    errors = [r for r in rows if r.get("status") != "ok"]
    cols = [s for s in segment_columns(segment_ids) if s in set(segment_ids)]
    table = Table(box=None, header_style="bold", pad_edge=False, title="Best fit per CV (in the order given)", title_justify="left")
    table.add_column("file", no_wrap=True, min_width=16, max_width=40)
    table.add_column("best fit", no_wrap=True, min_width=max([len(s) for s in cols] + [8]))
    for sid in cols:
        table.add_column(sid, justify="right", no_wrap=True, min_width=len(sid))
    table.add_column("years", justify="right", no_wrap=True, min_width=5)
    table.add_column("top gap (the biggest fix on the best fit)", no_wrap=True, overflow="ellipsis", ratio=1, min_width=20)
    for r in ok:
        scores = r.get("scores", {})
        years = r.get("years")
        gap = f"[cyan]{r['top_gap_rule']}[/] {escape(_clip(r.get('top_gap_message') or '', 56))}" if r.get("top_gap_rule") else ""
        cells = [escape(_left_clip(r["file"], 40)), r.get("best_segment") or ""]
        for sid in cols:
            score = scores.get(sid)
            text = "" if score is None else f"{score:.0f}"
            cells.append(f"[bold]{text}[/]" if sid == r.get("best_segment") else text)
        cells += ["" if years is None else f"{years:g}", gap]
        table.add_row(*cells)
    if ok:
        console.print(table)
    if errors:
        console.print()
        console.print(f"[bold]Could not read[/] ({len(errors)})")
        for r in errors:
            console.print(f"  [red]{r.get('error_code')}[/] {escape(r['file'])}: {escape(r.get('error_message') or '')}")
    console.print()
    console.print(
        f"[dim]{len(ok)} scored · {len(errors)} could not be read · a cohort view: --summary, or `mlfit summary` on a --format jsonl file[/]"
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _left_clip(text: str, width: int) -> str:
    """Long paths keep their end: the file name matters more than the folders."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]
