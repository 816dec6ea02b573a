"""The versioned JSON contract (schema: mlfit/schemas/report.schema.json)."""

from __future__ import annotations

from typing import Any

from ..model import Report, to_dict
from . import TOOL


def report_json(report: Report) -> dict[str, Any]:
    data = to_dict(report)
    source = data.pop("source")
    return {
        # like an error row of a batch, every report says which file it is and that it was read
        "file": source.get("path") or "-",
        "status": "ok",
        "schema_version": data.pop("schema_version"),
        "tool": TOOL,
        "source": source,
        "warnings": data.pop("warnings"),
        "best_segment": data.pop("best_segment"),
        "segments": data.pop("segments"),
        "profile": data.pop("profile"),
        "suggestions": data.pop("suggestions"),
    }


def extraction_json(extraction) -> dict[str, Any]:
    from ..model import SCHEMA_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": TOOL,
        "source": extraction.source,
        "warnings": to_dict(extraction.warnings),
        "sections": to_dict(extraction.sections),
        "profile": to_dict(extraction.profile),
        "lines": [{"line": ln.no, "page": ln.page, "text": ln.text} for ln in extraction.lines],
    }
