"""Reading a bullet's words: its opening verb, weak openers, vague outcomes and the model it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..nlp.hits import Hit
from .data import RewriteData
from .templates import tidy

MAX_RESTRUCTURE_WORDS = 20  # a longer (or multi-clause) bullet keeps its shape; it only gains a clause
_ARTICLES = {"a", "an", "the", "our", "my", "their", "its", "his", "her", "several", "multiple", "various", "two", "three"}
_STOP = _ARTICLES | {
    "for",
    "on",
    "in",
    "with",
    "of",
    "to",
    "at",
    "by",
    "from",
    "and",
    "or",
    "using",
    "via",
    "into",
    "that",
    "which",
    "as",
    "across",
    "over",
    "behind",
    "so",
    "while",
    "under",
    "per",
}
WORD = re.compile(r"[A-Za-z][\w+#./-]*")


def is_simple(text: str, data: RewriteData) -> bool:
    """One plain clause: no list, no second sentence, no second verb ('... and presented results')."""
    if ";" in text or "," in text or len(text.split()) > MAX_RESTRUCTURE_WORDS:
        return False
    return not any(m.group(1).lower() in data.forms for m in re.finditer(r"\b(?:and|then)\s+(\w[\w-]*)", text))


def strip_end(text: str) -> str:
    return text.strip().rstrip(" .;,")


# -- reading a bullet -----------------------------------------------------------------------


def split_verb(text: str, data: RewriteData) -> tuple[str | None, str | None, str]:
    """(verb as written, the same as a gerund, the rest). 'Trained and deployed X' keeps both verbs."""
    text = text.strip()
    if text.startswith("["):  # a choice a previous step put there: "[Built / Shipped] NLP models"
        end = text.find("]")
        if end > 0:
            options = text[1:end].split(" / ")
            ing = [data.forms.get(o.lower(), (None, None, None))[2] for o in options]
            gerund = "[" + " / ".join(i or o.lower() for i, o in zip(ing, options)) + "]"
            return text[: end + 1], gerund, text[end + 1 :].strip()
    words = text.split(" ")
    first = words[0].lower().rstrip(",")
    if first not in data.forms:
        return None, None, text
    base, past, _ = data.forms[first]
    if first == base != past and (len(words) < 2 or words[1].lower() not in _ARTICLES | {"and", "&"}):
        return None, None, text  # "Model serving platform", "Design docs": a noun, not a present-tense verb
    used, ings = [words[0].rstrip(",")], [data.forms[first][2]]
    rest = words[1:]
    if len(rest) >= 2 and rest[0].lower() in ("and", "&") and rest[1].lower().rstrip(",") in data.forms:
        used += [rest[0], rest[1].rstrip(",")]
        ings.append(data.forms[rest[1].lower().rstrip(",")][2])
        rest = rest[2:]
    return " ".join(used), " and ".join(ings), " ".join(rest)


def ownership(text: str, data: RewriteData) -> tuple[str, str] | None:
    """(ownership verb, object) for a bullet that opens weakly, or None."""
    low = text.lower()
    for op in data.openers:
        if not (low.startswith(op.opener) and (len(low) == len(op.opener) or not low[len(op.opener)].isalnum())):
            continue
        rest = text[len(op.opener) :].strip(" :-–—,")
        who = None
        for person in data.people if op.drop_people else ():
            for joiner in data.joiners:
                lead = f"{person} {joiner} "
                if rest.lower().startswith(lead):
                    who, rest = rest[: len(person)], rest[len(lead) :]
                    break
            if who:
                break
        stripped = None
        if who is None:
            for joiner in data.joiners:
                if rest.lower().startswith(joiner + " ") and joiner != "on":
                    rest, stripped = rest[len(joiner) + 1 :], joiner
                    break
        verb = op.to
        first, _, after = rest.partition(" ")
        forms = data.forms.get(first.lower())
        base_ok = "{base}" in (op.before_verb or "") and who is None and stripped in (None, "to")
        if forms and not (first.lower() == forms[2] or (first.lower() == forms[0] and base_ok)):
            forms = None  # "worked on model serving": after these openers a bare base form is a noun
        if forms and op.before_verb:
            base, past, ing = forms
            verb = op.before_verb.replace("{past}", past).replace("{base}", base).replace("{ing}", ing)
            rest = after
        if not rest:
            return None
        if who:
            rest = f"{rest} with {who}"
        return verb, rest
    return None


@cache
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.IGNORECASE)


def quantify_vague(text: str, data: RewriteData) -> str | None:
    """'improved latency' -> 'improved latency from [baseline → new] ms', or None."""
    for source, then in data.vague:
        m = _compiled(source).search(text)
        if m:
            return tidy(text[: m.end()] + " " + then + text[m.end() :])
    return None


def model_phrase(text: str, hits: Sequence[Hit], data: RewriteData) -> str | None:
    """The model a bullet names, without its article: 'a BERT classifier for X' -> 'BERT classifier'."""
    if not hits:
        return None
    hits = sorted(hits, key=lambda h: h.start)
    start, end = hits[0].start, hits[0].end
    for h in hits[1:]:
        if h.start - end <= 25 and not re.search(r"[,;:(]|\b(?:for|to|on|in|with|of|using|and)\b", text[end : h.start]):
            end = max(end, h.end)
    # extend over modifiers ("churn model", "NLP models") and a head noun after the model's name
    # ("BERT ticket router"), never over an article, a preposition, a verb or punctuation
    left = [m for m in WORD.finditer(text[:start])]
    for m in reversed(left[-3:]):
        word = m.group(0).lower()
        if word in _STOP or word in data.forms or text[m.end() : start].strip(" -"):
            break
        start = m.start()
    for m in list(WORD.finditer(text, end))[:2]:
        word = m.group(0).lower()
        if word in _STOP or word in data.forms or text[end : m.start()].strip(" -") or word.endswith("ing"):
            break
        end = m.end()
    phrase = text[start:end].strip(" ,;:")
    return phrase or None


# -- re-scoring -----------------------------------------------------------------------------
