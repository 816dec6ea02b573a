"""No network: a full score runs with every outbound connection blocked.

In-process, the socket entry points are patched to raise and to record the attempt;
in a fresh interpreter, a ``sitecustomize`` on PYTHONPATH installs the same blocker
before anything is imported, so connections made at import time are caught too.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlfit.cli.app import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

BLOCKER = textwrap.dedent(
    """\
    import os, socket, sys

    def _blocked(*args, **kwargs):
        sys.stderr.write("NETWORK ATTEMPT: %r\\n" % (args[:2],))
        raise OSError("network access is blocked in this test")

    socket.socket.connect = _blocked
    socket.socket.connect_ex = _blocked
    socket.socket.sendto = _blocked
    socket.create_connection = _blocked
    socket.getaddrinfo = _blocked
    socket.gethostbyname = _blocked
    socket.gethostbyname_ex = _blocked
    open(os.environ["MLFIT_BLOCKER_MARK"], "w").close()  # proves this file ran
    """
)


@pytest.fixture()
def no_network(monkeypatch):
    attempts: list[tuple] = []

    def blocked(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network access is blocked in this test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, blocked)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, blocked)
    return attempts


def test_the_blocker_blocks(no_network):
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("example.com", 443)
    assert len(no_network) == 2
    no_network.clear()


@pytest.mark.parametrize("cv", ["big_tech.pdf", "regulated.docx", "startup.md"])
def test_a_full_score_in_process_with_the_network_blocked(capsys, tmp_path, monkeypatch, no_network, cv):
    monkeypatch.setenv("MLFIT_CACHE_DIR", str(tmp_path / "cache"))  # a cold cache: every path runs
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(["score", str(EXAMPLES / cv), "--format", "json"])
        raise SystemExit(0)
    out, err = capsys.readouterr()
    assert info.value.code in (0, None), err
    report = json.loads(out)
    assert report["segments"] and report["source"]["path"].endswith(cv)
    assert no_network == []


RUNNER = textwrap.dedent(
    """\
    import json, sys
    from mlfit.cli.app import main

    for args in json.loads(sys.argv[1]):
        try:
            main(args)
        except SystemExit as exc:
            if exc.code not in (0, None):
                sys.exit(exc.code)
        print("\\n--- end of command ---")
    """
)


def test_a_full_score_in_a_fresh_interpreter_with_the_network_blocked(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    mark = tmp_path / "blocker-ran"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "MLFIT_BLOCKER_MARK": str(mark),
        "MLFIT_CACHE_DIR": str(tmp_path / "cache"),  # cold: rule parsing and cache writes run too
    }
    env.pop("MLFIT_DEBUG", None)
    commands = [
        ["score", str(EXAMPLES / "big_tech.pdf"), "--format", "json"],
        ["extract", str(EXAMPLES / "startup.docx")],
        ["score", str(EXAMPLES / "startup.md")],
        ["rules", "list"],
    ]
    proc = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(commands)], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert mark.exists(), "the sitecustomize blocker did not run"
    assert "NETWORK ATTEMPT" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    outputs = proc.stdout.split("\n--- end of command ---\n")
    assert len(outputs) == len(commands) + 1
    assert json.loads(outputs[0])["segments"]
    assert all(o.strip() for o in outputs[1:-1])
