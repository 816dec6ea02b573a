"""Wall time of `mlfit score <2-page PDF> --format json` against the floor of importing spaCy.

The floor is `python -c "import spacy; spacy.blank('en')"`: it cannot be avoided when
NLP runs. Runs are interleaved (floor, mlfit, floor, mlfit, ...) so that noise on a
shared machine hits both alike; medians are reported. Target: ratio <= 1.25.
Also checks that `mlfit --help` does not import spaCy and how long it takes.

    python benchmarks/single_cv.py [--runs 11] [--cv examples/big_tech.pdf]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cv", default=str(ROOT / "examples" / "big_tech.pdf"))
    args = parser.parse_args()

    floor_cmd = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
    script = Path(sys.executable).with_name("mlfit")  # the console script a user runs
    mlfit = [str(script)] if script.exists() else [sys.executable, "-m", "mlfit"]
    mlfit_cmd = [*mlfit, "score", args.cv, "--format", "json"]
    help_cmd = [*mlfit, "--help"]
    timed(floor_cmd), timed(mlfit_cmd)  # warm the OS file cache for both
    floor, mlfit, helps = [], [], []
    for _ in range(args.runs):
        floor.append(timed(floor_cmd))
        mlfit.append(timed(mlfit_cmd))
        helps.append(timed(help_cmd))
    f, m, h = statistics.median(floor), statistics.median(mlfit), statistics.median(helps)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from mlfit.cli.app import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    help_imports_spacy = probe.stdout.strip().splitlines()[-1] == "True"
    print(f"cv: {args.cv}  runs: {args.runs} (interleaved, medians)")
    print(f"floor  import spacy + blank('en'): {f * 1000:7.0f} ms")
    print(f"mlfit  score --format json:       {m * 1000:7.0f} ms")
    print(f"ratio  mlfit / floor:             {m / f:7.2f}   (target <= 1.25)")
    print(f"mlfit --help:                     {h * 1000:7.0f} ms   imports spaCy: {help_imports_spacy}")


if __name__ == "__main__":
    main()
