"""Entry point: the typer app, error handling and exit codes.

Exit codes: 0 done; 1 a score below --fail-under; 2 usage or rule-file error;
3 an input could not be read; 4 an internal error (a bug: please report it); 130 interrupted.
"""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__
from ..errors import EXIT_INTERRUPTED, MlfitError

EXIT_INTERNAL = 4

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
    """mlfit reads a CV (PDF, DOCX, TXT, Markdown) offline and scores it for four employer segments."""


def _register() -> None:
    from . import extract, rewrite, rules, score, summary  # noqa: F401  (commands register themselves on import)


def main(argv: list[str] | None = None) -> None:
    _register()
    try:
        app(args=argv, prog_name="mlfit", standalone_mode=True)
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
        sys.stderr.write(
            f"mlfit: internal error: {type(exc).__name__} (this is a bug; rerun with MLFIT_DEBUG=1 for a traceback)\n"
        )
        sys.exit(EXIT_INTERNAL)
