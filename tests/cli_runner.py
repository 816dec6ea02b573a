"""Run the real CLI entry point in-process, as the tests' one way of doing it."""

from __future__ import annotations

from mlfit.cli.app import main


def run(capsys, *args) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mlfit ARGS...`; no traceback may ever reach the user."""
    capsys.readouterr()
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    assert "Traceback" not in out, out
    return code, out, err
