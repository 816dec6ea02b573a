"""Real-CV figures: how mlfit reads and scores the labelled real public CVs beside this clone.

    python benchmarks/real_cvs.py                 # the summary table
    python benchmarks/real_cvs.py --show          # plus what was missed and what was wrong, per CV

Runs ``../shared/realcv/score.py`` (kept outside the repository: those are real people's
documents and nothing from them is ever committed) against the ``mlfit`` installed beside
this Python. Prints nothing about the CVs themselves beyond what that script prints.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "realcv" / "score.py"


def main(argv: list[str]) -> int:
    if not SCORER.is_file():
        print(f"no labelled real CVs at {SCORER.parent}: nothing to measure", file=sys.stderr)
        return 0
    mlfit = Path(sys.executable).with_name("mlfit")
    exe = str(mlfit) if mlfit.is_file() else (shutil.which("mlfit") or "mlfit")
    return subprocess.run([sys.executable, str(SCORER), "--mlfit", exe, *argv], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
