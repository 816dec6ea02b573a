"""Entry point: the typer app, error handling and exit codes.

Exit codes: see the table in ``mlfit.errors``.
"""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__
from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, MlfitError, UsageError

app = typer.Typer(
    name="mlfit",
    help="How well does an ML engineer's CV fit the 2026 US job market, segment by segment, and what to change.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # CVs are personal data: never print locals in a traceback
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlfit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """mlfit reads a CV (PDF, DOCX, TXT, Markdown, LaTeX, JSON Resume) offline and scores it for four employer segments."""


def _register() -> None:
    """Add the commands (once). They are plain functions in their own modules; none imports this one."""
    if app.registered_commands:
        return
    from . import extract, rewrite, rules, score, summary

    app.command("score")(score.score)
    app.command("rewrite")(rewrite.rewrite)
    app.command("extract")(extract.extract)
    app.add_typer(rules.rules_app, name="rules")
    app.command("summary")(summary.summary)


def main(argv: list[str] | None = None) -> None:
    _register()
    try:
        code = _run_click(argv)
    except SystemExit as exc:
        # `mlfit score cv.pdf | head`: click turns the reader going away (EPIPE) into
        # exit 1, which our contract reserves for --fail-under. It marks that case by
        # wrapping stdout in PacifyFlushWrapper; the reader leaving is not a failure.
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            sys.exit(0)
        raise
    except MlfitError as exc:
        sys.stderr.write(exc.one_line() + "\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("mlfit: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # `mlfit score cv.pdf | head`: the reader went away; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a bug: one line, no locals, no CV text
        if os.environ.get("MLFIT_DEBUG"):
            raise
        sys.stderr.write(f"mlfit: internal error: {type(exc).__name__} (this is a bug; rerun with MLFIT_DEBUG=1 for a traceback)\n")
        sys.exit(EXIT_INTERNAL)
    sys.exit(code)


def _run_click(argv: list[str] | None) -> int:
    """Run the command with click's own error printing off, so that a bad option value is
    the documented one line (``mlfit: error[usage]: ...``) and not click's usage block."""
    # Recent typer vendors click (typer._click), older typer uses click itself: take the
    # exception classes from wherever typer's own BadParameter lives.
    click_errors = sys.modules[typer.BadParameter.__module__]
    no_args_is_help = getattr(click_errors, "NoArgsIsHelpError", ())
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="mlfit", standalone_mode=False)
    except no_args_is_help as exc:
        exc.show()  # `mlfit` or `mlfit rules` alone: the help is the answer
        return EXIT_USAGE
    except click_errors.UsageError as exc:
        raise UsageError(_click_message(exc), hint=_help_hint(exc.ctx)) from None
    except click_errors.ClickException as exc:  # e.g. a FileError
        raise UsageError(_click_message(exc)) from None
    except typer.Abort:  # click's name for Ctrl-C (or the end of input) inside a command
        raise KeyboardInterrupt from None
    return result if isinstance(result, int) else EXIT_OK


def _click_message(exc) -> str:
    message = exc.format_message().replace("Value error, ", "").rstrip(".")
    return message[:1].lower() + message[1:]


def _help_hint(ctx) -> str:
    return f"see `{ctx.command_path} --help`" if ctx is not None else "see `mlfit --help`"
