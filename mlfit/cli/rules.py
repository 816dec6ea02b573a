"""`mlfit rules list|show|check`: read the packs, and validate your own with the tests' harness."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import EXIT_USAGE, RuleFileError
from .options import RULES, rule_dirs

rules_app = typer.Typer(help="List, show and check rule packs.", no_args_is_help=True)


@rules_app.command("list")
def list_rules(rules: Optional[list[Path]] = RULES) -> None:
    """The packs, their rule counts and ids."""
    from .. import api
    from ..render import Output
    from ..render.human import render_rules_list

    render_rules_list(api.load_rules(rule_dirs(rules)), Output().console)


@rules_app.command("show")
def show_rule(rule_id: str = typer.Argument(..., help="A rule id such as BT004."), rules: Optional[list[Path]] = RULES) -> None:
    """One rule: its fix, why (quoting the article), source, weight and examples."""
    from .. import api
    from ..render import Output
    from ..render.human import render_rule

    render_rule(api.load_rules(rule_dirs(rules)).rule(rule_id), Output().console)


@rules_app.command("check")
def check_rules(
    paths: list[Path] = typer.Argument(..., help="Rule pack files or directories to validate."),
    examples: bool = typer.Option(True, "--examples/--no-examples", help="Also run every rule's good and bad examples."),
) -> None:
    """Validate packs (errors at path:line:col) and run their examples; exit 2 on any problem."""
    from .. import api
    from ..render import Output

    out = Output()
    try:
        ruleset = api.load_rules(rule_dirs(paths))
    except RuleFileError as exc:
        for issue in exc.issues:
            out.error(issue)
        out.error(f"mlfit: {len(exc.issues)} problem{'s' if len(exc.issues) != 1 else ''} in rule files")
        raise typer.Exit(EXIT_USAGE) from None
    given = [p.resolve() for p in paths]
    own = [r for r in ruleset.rules.values() if any(Path(r.path).resolve() == p or Path(r.path).resolve().is_relative_to(p) for p in given)]
    failures = 0
    if examples:
        for result in api.run_examples(ruleset, own):
            if not result.passed:
                failures += 1
                ex = result.example
                label = "good" if ex.good else "bad"
                want = f">= {api.EXAMPLE_PASS}" if ex.good else f"< {api.EXAMPLE_PASS}"
                out.error(
                    f"{result.rule.path}:{result.rule.line}: {result.rule.id} {label} example scored "
                    f"{result.strength:.2f}, expected {want}: {ex.text.splitlines()[0][:80]!r}"
                )
    count = sum(len(r.examples) for r in own)
    if failures:
        out.error(f"mlfit: {failures} of {count} examples failed")
        raise typer.Exit(EXIT_USAGE)
    out.text(f"ok: {len(own)} rules in {len(paths)} path(s)" + (f", {count} examples passed" if examples else ""))
