"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError


class Format(str, Enum):
    human = "human"
    json = "json"


RULES = typer.Option(None, "--rules", help="A directory (or file) of extra rule packs; repeatable.", show_default=False)
SEGMENT = typer.Option(
    None, "--segment", "-s", help="Score only this segment (big_tech, startup, regulated, defense, or a custom pack); repeatable.", show_default=False
)
AS_OF = typer.Option(None, "--as-of", help="Date that 'Present' means (YYYY-MM-DD); default: today.", show_default=False)
REDACT = typer.Option(False, "--redact", help="Remove names, emails, phone numbers and URLs from every output; file names become ids (cv-1a2b3c4d).")
STRICT = typer.Option(
    False,
    "--strict",
    help="Exit 3 when the CV was probably misread (no experience section, unreadable or non-English text, not a CV...): the warnings say why.",
)
CV_FORMATS = "PDF, DOCX, TXT, Markdown, LaTeX source (.tex) or JSON Resume (.json)"
FORMAT = typer.Option(Format.human, "--format", "-f", help="Output format.", case_sensitive=False)


def parse_as_of(value: Optional[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date", hint="use YYYY-MM-DD") from None


def rule_dirs(values: Optional[list[Path]]) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())
