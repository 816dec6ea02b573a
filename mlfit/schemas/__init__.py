"""The JSON Schemas (draft 2020-12) of mlfit's JSON outputs, shipped as package data.

    >>> from mlfit import schemas
    >>> schemas.load("report")["properties"]["schema_version"]
    {'const': '1.0'}

``report`` describes ``mlfit score --format json``; ``extract`` describes ``mlfit extract --format json``.
"""

from __future__ import annotations

import json
from importlib import resources

NAMES = ("report", "extract")


def load(name: str) -> dict:
    """The schema ``name`` ("report" or "extract"; "report.schema.json" also works) as a dict."""
    stem = name.removesuffix(".json").removesuffix(".schema")
    if stem not in NAMES:
        raise ValueError(f"unknown schema {name!r}; choose from: {', '.join(NAMES)}")
    return json.loads(resources.files(__package__).joinpath(f"{stem}.schema.json").read_text(encoding="utf-8"))
