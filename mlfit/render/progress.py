"""The batch progress bar: files done, rate, time left and failures, on a terminal's stderr only."""

from __future__ import annotations

import os
import sys
from typing import Any


class Progress:
    """A rich progress bar on stderr (files done, rate, time left), only when stderr is a terminal.

    Refreshed by hand from the batch loop (no refresh thread: the batch forks workers)."""

    def __init__(self, total: int, *, enabled: bool):
        self.total = total
        self.enabled = enabled and total > 0
        self._progress: Any = None  # rich.progress.Progress, imported only when drawn
        self._task: Any = None
        self._first: tuple[float, int] | None = None  # (time, done) at the first finished file: start-up does not count in the rate

    def start(self) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=sys.stderr, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)
        self._progress = Progress(
            TextColumn("scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("left"),
            TextColumn("{task.fields[failed]}"),
            console=console,
            transient=True,
            auto_refresh=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("scoring", total=self.total, rate="", failed="")
        self._progress.refresh()

    def update(self, done: int, total: int, failed: int) -> None:
        if self._progress is None:
            return
        import time

        now = time.monotonic()
        if self._first is None and done:
            self._first = (now, done)
        rate = ""
        if self._first is not None and now - self._first[0] > 0.2:
            rate = f"{(done - self._first[1]) / (now - self._first[0]):5.1f} CVs/s"
        self._progress.update(self._task, completed=done, rate=rate, failed=f"{failed} failed" if failed else "")
        self._progress.refresh()

    def print(self, line: str) -> None:
        if self._progress is not None:
            from rich.markup import escape

            self._progress.console.print(escape(line), highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
