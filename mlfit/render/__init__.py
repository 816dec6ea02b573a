"""Output: results to stdout, messages to stderr; colour only on a terminal (NO_COLOR honoured)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from .. import __version__

TOOL = {"name": "mlfit", "version": __version__}


class Output:
    """The one place that writes. stdout carries results only."""

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, *, color: bool | None = None):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self._color = color
        self._console = None
        self._err_console = None

    def _use_color(self, stream: TextIO) -> bool:
        if self._color is not None:
            return self._color
        if os.environ.get("NO_COLOR"):
            return False
        return hasattr(stream, "isatty") and stream.isatty()

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console

            color = self._use_color(self.stdout)
            self._console = Console(
                file=self.stdout, force_terminal=color, no_color=not color, highlight=False, soft_wrap=False, width=None if color else 100
            )
            self._console.on_broken_pipe = _reader_left  # type: ignore[method-assign]
        return self._console

    @property
    def err_console(self):
        if self._err_console is None:
            from rich.console import Console

            color = self._use_color(self.stderr)
            self._err_console = Console(file=self.stderr, force_terminal=color, no_color=not color, highlight=False)
        return self._err_console

    def json(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self.stdout.flush()

    def text(self, text: str) -> None:
        self.stdout.write(text if text.endswith("\n") else text + "\n")
        self.stdout.flush()

    def error(self, line: str) -> None:
        self.stderr.write(line.rstrip("\n") + "\n")
        self.stderr.flush()

    def warn(self, line: str) -> None:
        self.error(f"mlfit: warning: {line}")


def _reader_left() -> None:
    """`mlfit score cv.pdf | head`: the reader went away. Rich would exit 1, which means
    --fail-under here; stop quietly with 0 instead."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
