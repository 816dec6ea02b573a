"""The wheel a user installs carries the rule packs, the vocabulary and the JSON schemas, and works
from outside the repository (no fallback to the checkout's `rules/`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from mlfit.model import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
SEGMENTS = ("big_tech", "startup", "regulated", "defense")
BUDGET_S = 30  # the whole test: build, install, run

pytest.importorskip("hatchling", reason="the packaging test builds a wheel with hatchling (pip install '.[test]')")


def _run(cmd: list[str], deadline: float, **kwargs) -> subprocess.CompletedProcess:
    timeout = max(1.0, deadline - time.monotonic())
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert proc.returncode == 0, f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, float]:
    deadline = time.monotonic() + BUDGET_S
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir", "-q", "-w", str(out), "."], deadline, cwd=ROOT)
    wheels = list(out.glob("mlfit-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0], deadline


def test_wheel_contents(wheel):
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())
    expected = {
        "mlfit/_rules/_shared.yml",
        *(f"mlfit/_rules/{segment}.yml" for segment in SEGMENTS),
        "mlfit/_rules/vocab/curated.yml",
        "mlfit/schemas/__init__.py",
        "mlfit/schemas/report.schema.json",
        "mlfit/schemas/extract.schema.json",
        "mlfit/cli/app.py",
    }
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert not any(n.startswith(("tests/", "examples/", "rules/")) for n in names)


def test_installed_wheel_runs_outside_the_repo(wheel, tmp_path):
    path, deadline = wheel
    site = tmp_path / "site"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir", "-q", "--target", str(site), str(path)], deadline)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "MLFIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("MLFIT_DEBUG", None)

    listed = _run([sys.executable, "-m", "mlfit", "rules", "list"], deadline, cwd=elsewhere, env=env)
    for segment in SEGMENTS:
        assert segment in listed.stdout, listed.stdout
    assert listed.stderr == ""

    probe = (
        "import mlfit, mlfit.schemas as s; from mlfit.ruleset.loader import builtin_rules_dir; "
        "print(mlfit.__file__); print(builtin_rules_dir()); print(s.load('report')['properties']['schema_version'])"
    )
    where = _run([sys.executable, "-c", probe], deadline, cwd=elsewhere, env=env).stdout.splitlines()
    package, rules_dir, version = where
    assert Path(package).resolve().is_relative_to(site.resolve()), package
    assert Path(rules_dir).resolve().is_relative_to(site.resolve()), f"rules come from {rules_dir}, not the installed wheel"
    assert (Path(rules_dir) / "vocab" / "curated.yml").is_file()
    assert version == repr({"const": SCHEMA_VERSION})
