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
            # A file or a pipe gets COLUMNS columns (100 when unset) and no trailing spaces.
            file = self.stdout if color else TrailingSpaceStripper(self.stdout)
            self._console = Console(
                file=file,
                force_terminal=color,
                no_color=not color,
                highlight=False,
                soft_wrap=False,
                width=None if color else columns(default=100),
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


def columns(default: int) -> int:
    """The width the user asked for with COLUMNS, else ``default``."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else default


class TrailingSpaceStripper:
    """A text stream that drops the spaces rich pads each table line with, line by line."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._partial = ""

    def write(self, text: str) -> int:
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        if lines:
            self._stream.write("\n".join(line.rstrip(" ") for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._partial:
            self._stream.write(self._partial)
            self._partial = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", "utf-8")


def _reader_left() -> None:
    """`mlfit score cv.pdf | head`: the reader went away. Rich would exit 1, which means
    --fail-under here; stop quietly with 0 instead."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
