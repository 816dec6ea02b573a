"""Rewrite templates: their variables, rendering, and the visible placeholders a rewrite leaves."""

from __future__ import annotations

import re

from .data import RewriteData, rewrite_data

VARIABLES = ("bullet", "verb", "verb_ing", "object", "model", "skill", "outcome")
_VARIABLE = re.compile(r"\{(\w+)(?::([^{}]*))?\}")
PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")


def template_variables(template: str) -> list[str]:
    return [m.group(1) for m in _VARIABLE.finditer(template)]


def render(template: str, values: dict[str, str | None], data: RewriteData | None = None) -> str:
    """Fill a template: a variable the CV does not provide becomes a visible [placeholder]."""
    data = data or rewrite_data()

    def sub(m: re.Match) -> str:
        name, fallback = m.group(1), m.group(2)
        value = values.get(name)
        if value:
            if name in ("verb", "verb_ing"):
                value = capitalised(value) if m.start() == 0 else lower_first(value)
            return value
        if fallback is not None:
            return fallback
        return data.missing.get(name, f"[{name}]")

    return tidy(_VARIABLE.sub(sub, template))


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\.{2,}", ".", text)
    return text.strip(" ,;:")


def placeholders(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(text)))


def fill_placeholders(text: str, data: RewriteData | None = None) -> str:
    """Plausible stand-ins, only to estimate what a filled-in rewrite would score (never shown)."""
    data = data or rewrite_data()

    def sub(m: re.Match) -> str:
        inner = m.group(0)[1:-1].strip()
        if inner in data.fill:
            return data.fill[inner]
        if " / " in inner:
            inner = inner.split(" / ")[0]
        inner = inner.split(":", 1)[-1].strip() if ":" in inner and not inner.startswith("$") else inner
        return data.fill.get(inner, inner)

    return tidy(PLACEHOLDER.sub(sub, text))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def lower_first(text: str) -> str:
    """'Trained' -> 'trained', '[Built / Shipped]' -> '[built / shipped]'; never 'BERT' -> 'bERT'."""
    if text.startswith("["):
        return "[" + " / ".join(lower_first(o) for o in text[1:-1].split(" / ")) + "]"
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and word[1:2].islower() and not any(c.isupper() for c in word[1:]):
        return text[0].lower() + text[1:]
    return text
