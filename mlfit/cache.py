"""A small on-disk cache for compiled rule sets, keyed by content hash.

Only rule and vocabulary data goes here, never CV text. JSON, not pickle, so a
tampered cache file can at worst fail to load. Any failure (no home directory,
read-only disk, a corrupt file) just means the work is done again.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    if os.environ.get("MLFIT_NO_CACHE"):
        return None
    explicit = os.environ.get("MLFIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache" if Path.home() != Path("/") else None)
    return Path(base) / "mlfit" if base else None


def load(name: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save(name: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, separators=(",", ":"))
        os.replace(tmp, folder / f"{name}.json")  # atomic: parallel workers never read half a file
    except OSError:
        pass


def yaml_data(name: str, raw: bytes) -> Any:
    """``raw`` YAML parsed, kept as JSON by content hash: later runs skip importing PyYAML
    (~15 ms a run). A syntax error is a ValueError carrying PyYAML's message."""
    import hashlib

    key = f"{name}-" + hashlib.sha256(raw).hexdigest()[:16]
    data = load(key)
    if data is None:
        import yaml

        try:
            data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ValueError(str(exc)) from None
        save(key, data)
    return data
