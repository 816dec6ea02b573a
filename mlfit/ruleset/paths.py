"""Where the built-in rule packs and vocabulary live (a leaf module: everything may import it)."""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    # The wheel force-includes rules/ as mlfit/_rules; a source checkout has it beside mlfit/.
    # (Plain paths, not importlib.resources: mlfit is never imported from a zip, and the
    # import costs every run a few milliseconds.)
    packaged = Path(__file__).resolve().parents[1] / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"
