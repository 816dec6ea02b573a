"""JSON Resume (https://jsonresume.org) CVs: ``resume.json`` mapped to sections and bullets.

Both the current schema (1.0: ``work[].name``, ``url``, ``image``, ``certificates``,
``projects``) and the older one (0.x: ``work[].company``, ``website``, ``picture``,
``education[].gpa``) are read; where the two name a field
differently the current name wins and the old one is the fallback, so the same
CV in either schema reads the same.

The output is what a resume theme would print, in the shapes mlfit's section
detection understands:

* a header (name, label, contact line with ``City, Region``, profiles);
* section headings (``HINT_HEADING``) named after the schema's keys, as themes print
  them: Summary, Work, Projects, Skills, Education, Certificates, Awards,
  Publications, Volunteer, Languages, Interests, References;
* one role line per job, ``Position, Company — Location | Jan 2021 – Present``
  (a missing ``endDate`` is "Present"), then its summary, then its
  ``highlights`` as bullets (``HINT_BULLET``);
* ``skills[]`` as ``Name: keyword, keyword``.

No field is dropped: keys this module does not know (in ``basics``, in an entry,
or a whole custom section) are printed as ``Key: value`` lines.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mlfit.dates import month_label
from mlfit.errors import CorruptFileError, UnsupportedFormatError
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE

from .normalize import LineBuilder

__all__ = ["format_date", "read_json_resume", "render_lines"]

_ISO = re.compile(r"^\s*((?:19|20)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.+\-Z]*)?\s*$")

# Keys that carry no CV text (machine metadata, pictures).
_SKIP = frozenset({"$schema", "meta", "image", "picture", "id", "_id"})

# Section order as themes print them; anything else follows in file order.
_ORDER = (
    "basics",
    "work",
    "projects",
    "skills",
    "education",
    "certificates",
    "awards",
    "publications",
    "volunteer",
    "languages",
    "interests",
    "references",
)
# Headings as the JSON Resume themes print them: the schema's own section names, so a
# section is reported under the key the file gives it ("Work" for work[]).
_TITLES = {key: key.title() for key in _ORDER if key != "basics"}

Lines = list[tuple[str, str]]  # (text, hint)


def read_json_resume(text: str, builder: LineBuilder) -> None:
    """Add the lines of a JSON Resume (the file's decoded text) to ``builder``."""
    try:
        resume = json.loads(text)
    except ValueError as e:
        raise CorruptFileError("the JSON is not valid", hint="fix the syntax and retry") from e
    if not isinstance(resume, dict) or not (isinstance(resume.get("basics"), dict) or isinstance(resume.get("work"), list)):
        raise UnsupportedFormatError(
            "JSON, but not a JSON Resume: no basics/work",
            hint='mlfit reads a JSON Resume, as jsonresume.org defines it: an object with "basics" and "work"',
        )
    for line, hint in render_lines(resume):
        builder.add(line, hint=hint)


def render_lines(resume: dict[str, Any]) -> Lines:
    """The CV as (text, hint) lines, in theme order."""
    out: Lines = []
    keys = [k for k in _ORDER if k in resume] + [k for k in resume if k not in _ORDER]
    for key in keys:
        if key in _SKIP or key.startswith("$"):
            continue
        value = resume[key]
        if key == "basics" and isinstance(value, dict):
            out += _basics(value)
        elif key in _SECTIONS:
            items = [v for v in value if v not in (None, "", {}, [])] if isinstance(value, list) else [value]
            if not items:
                continue
            out.append((_TITLES[key], HINT_HEADING))
            out += _SECTIONS[key](items)
        else:  # a custom section
            lines = _generic(value)
            if lines:
                out.append((_title(key), HINT_HEADING))
                out += lines
    return [(text, hint) for text, hint in out if text.strip()]


# --- dates ----------------------------------------------------------------------------


def format_date(value: Any) -> str:
    """``2021-01-01`` / ``2021-01`` -> ``Jan 2021``; ``2021`` -> ``2021``; other text as written."""
    if value is None:
        return ""
    text = str(value).strip()
    m = _ISO.match(text)
    if not m:
        return text
    year, month = m.group(1), m.group(2)
    if month and 1 <= int(month) <= 12:
        return f"{month_label(int(month))} {year}"
    return year


def _dates(entry: dict, start: str = "startDate", end: str = "endDate", *, open_ended: bool = True) -> str:
    begin = format_date(entry.get(start))
    finish = format_date(entry.get(end))
    if begin and not finish:
        return f"{begin} – Present" if open_ended else begin
    if begin and finish and begin != finish:
        return f"{begin} – {finish}"
    return finish or begin


# --- values -----------------------------------------------------------------------------


def _s(value: Any) -> str:
    """A scalar as text; lists joined with commas; None and containers of nothing as ""."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(t for t in (_s(v) for v in value) if t)
    if isinstance(value, dict):
        return ", ".join(t for t in (_s(v) for v in value.values()) if t)
    return str(value)


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        text = _s(entry.get(key))
        if text:
            return text
    return ""


def _title(key: str) -> str:
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", key).replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else key


def _paragraph(value: Any) -> Lines:
    text = _s(value)
    return [(line, HINT_NONE) for line in text.split("\n") if line.strip()]


def _bullets(value: Any) -> Lines:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [(_s(v), HINT_BULLET) for v in value if _s(v)]


def _location(loc: Any) -> str:
    if isinstance(loc, str):
        return loc.strip()
    if not isinstance(loc, dict):
        return ""
    city_region = ", ".join(p for p in (_s(loc.get("city")), _s(loc.get("region"))) if p)
    street = _s(loc.get("address")).replace("\n", ", ")
    postal = _s(loc.get("postalCode"))
    parts = [p for p in (street, city_region) if p]
    text = ", ".join(parts)
    if postal:
        text = f"{text} {postal}".strip()
    country = _s(loc.get("countryCode"))
    if country:
        text = f"{text}, {country}" if text else country
    extra = _extras(loc, {"address", "city", "region", "postalCode", "countryCode"})
    return "; ".join(p for p in [text] + [t for t, _ in extra] if p)


def _extras(entry: dict, known: set[str] | frozenset[str]) -> Lines:
    """Fields of an entry that this module does not map: ``Key: value`` lines, nothing lost."""
    out: Lines = []
    for key, value in entry.items():
        if key in known or key in _SKIP or key.startswith("$"):
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            if value:
                out.append((f"{_title(key)}: {', '.join(v.strip() for v in value if v.strip())}", HINT_NONE))
            continue
        if isinstance(value, (list, dict)):
            nested = _generic(value)
            if nested:
                out.append((f"{_title(key)}:", HINT_NONE))
                out += nested
            continue
        text = _s(value)
        if text:
            out.append((f"{_title(key)}: {text}", HINT_NONE))
    return out


def _generic(value: Any) -> Lines:
    """A section this module does not know: strings as bullets, objects as ``Key: value``."""
    out: Lines = []
    if isinstance(value, dict):
        return _extras(value, frozenset())
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                title = _first(item, "name", "title")
                if title:
                    out.append((title, HINT_NONE))
                out += _extras(item, {"name", "title"} if title else set())
            elif _s(item):
                out.append((_s(item), HINT_BULLET))
        return out
    return _paragraph(value)


# --- sections ---------------------------------------------------------------------------


_BASICS = frozenset({"name", "label", "email", "phone", "url", "website", "location", "profiles", "summary", "image", "picture"})


def _basics(b: dict) -> Lines:
    out: Lines = []
    if _s(b.get("name")):
        out.append((_s(b["name"]), HINT_NONE))
    if _s(b.get("label")):
        out.append((_s(b["label"]), HINT_NONE))
    contact = [_s(b.get("email")), _s(b.get("phone")), _first(b, "url", "website"), _location(b.get("location"))]
    if _s(b.get("url")) and _s(b.get("website")) and _s(b.get("website")) != _s(b.get("url")):
        contact.append(_s(b.get("website")))
    contact_line = " | ".join(c for c in contact if c)
    if contact_line:
        out.append((contact_line, HINT_NONE))
    profiles = b.get("profiles")
    if isinstance(profiles, list):
        shown = []
        for p in profiles:
            if isinstance(p, dict):
                where = _first(p, "url", "website")
                who = _s(p.get("username"))
                network = _s(p.get("network"))
                text = where or who
                if network and text:
                    text = f"{network}: {text}"
                shown.append(text or network)
            elif _s(p):
                shown.append(_s(p))
        if any(shown):
            out.append((" | ".join(s for s in shown if s), HINT_NONE))
    out += _extras(b, _BASICS)
    if _s(b.get("summary")):
        out.append(("Summary", HINT_HEADING))
        out += _paragraph(b.get("summary"))
    return out


def _role(entry: dict, title_keys: tuple[str, ...], org_keys: tuple[str, ...]) -> str:
    title = _first(entry, *title_keys)
    org = _first(entry, *org_keys)
    head = ", ".join(p for p in (title, org) if p)
    where = _location(entry.get("location"))
    if where:
        head = f"{head} — {where}" if head else where
    dates = _dates(entry)
    return f"{head} | {dates}" if head and dates else head or dates


_WORK = frozenset(
    {"name", "company", "organization", "position", "location", "startDate", "endDate", "summary", "description", "highlights", "url", "website"}
)


def _work(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        out.append((_role(entry, ("position",), ("name", "company", "organization")), HINT_NONE))
        description = _s(entry.get("description"))
        summary = _s(entry.get("summary"))
        if description and description != summary:
            out += _paragraph(description)
        out += _paragraph(summary)
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _bullets(entry.get("highlights"))
        out += _extras(entry, _WORK)
    return out


_PROJECT = frozenset({"name", "description", "highlights", "keywords", "startDate", "endDate", "url", "website", "roles", "entity", "type"})


def _projects(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        head = _s(entry.get("name"))
        detail = ", ".join(p for p in (_s(entry.get("roles")), _s(entry.get("entity")), _s(entry.get("type"))) if p)
        if detail:
            head = f"{head} ({detail})" if head else detail
        dates = _dates(entry)
        out.append((f"{head} | {dates}" if head and dates else head or dates, HINT_NONE))
        out += _paragraph(entry.get("description"))
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _bullets(entry.get("highlights"))
        if _s(entry.get("keywords")):
            out.append((f"Built with: {_s(entry.get('keywords'))}", HINT_NONE))
        out += _extras(entry, _PROJECT)
    return out


def _skills(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            if _s(entry):
                out.append((_s(entry), HINT_NONE))
            continue
        name = _s(entry.get("name"))
        level = _s(entry.get("level"))
        label = f"{name} ({level})" if name and level else name or level
        keywords = _s(entry.get("keywords"))
        out.append((f"{label}: {keywords}" if label and keywords else label or keywords, HINT_NONE))
        out += _extras(entry, {"name", "level", "keywords"})
    return out


_EDUCATION = frozenset({"institution", "area", "studyType", "startDate", "endDate", "score", "gpa", "courses", "url", "website", "location"})


def _education(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        study, area = _s(entry.get("studyType")), _s(entry.get("area"))
        degree = f"{study} in {area}" if study and area else study or area
        head = ", ".join(p for p in (degree, _s(entry.get("institution"))) if p)
        where = _location(entry.get("location"))
        if where:
            head = f"{head} — {where}" if head else where
        dates = _dates(entry, open_ended=False)
        out.append((f"{head} | {dates}" if head and dates else head or dates, HINT_NONE))
        score = _first(entry, "score", "gpa")
        if score:
            out.append((f"GPA: {score}" if re.fullmatch(r"[\d.]+(?:\s*/\s*[\d.]+)?", score) else score, HINT_NONE))
        if _s(entry.get("courses")):
            out.append((f"Courses: {_s(entry.get('courses'))}", HINT_NONE))
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _extras(entry, _EDUCATION)
    return out


def _dated_line(entry: dict, name_keys: tuple[str, ...], by_keys: tuple[str, ...], date_keys: tuple[str, ...]) -> str:
    name = _first(entry, *name_keys)
    by = _first(entry, *by_keys)
    head = ", ".join(p for p in (name, by) if p)
    when = format_date(_first(entry, *date_keys))
    return f"{head} ({when})" if head and when else head or when


def _certificates(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        out.append((_dated_line(entry, ("name", "title"), ("issuer", "awarder"), ("date",)), HINT_NONE))
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _extras(entry, {"name", "title", "issuer", "awarder", "date", "url", "website"})
    return out


def _awards(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        out.append((_dated_line(entry, ("title", "name"), ("awarder", "issuer"), ("date",)), HINT_NONE))
        out += _paragraph(entry.get("summary"))
        out += _extras(entry, {"title", "name", "awarder", "issuer", "date", "summary"})
    return out


def _publications(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        out.append((_dated_line(entry, ("name", "title"), ("publisher",), ("releaseDate", "date")), HINT_NONE))
        out += _paragraph(entry.get("summary"))
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _extras(entry, {"name", "title", "publisher", "releaseDate", "date", "summary", "url", "website"})
    return out


_VOLUNTEER = _WORK | {"organization"}


def _volunteer(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            out += _generic([entry])
            continue
        out.append((_role(entry, ("position",), ("organization", "name", "company")), HINT_NONE))
        out += _paragraph(entry.get("summary"))
        url = _first(entry, "url", "website")
        if url:
            out.append((url, HINT_NONE))
        out += _bullets(entry.get("highlights"))
        out += _extras(entry, _VOLUNTEER)
    return out


def _languages(items: list) -> Lines:
    shown = []
    extra: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            if _s(entry):
                shown.append(_s(entry))
            continue
        name = _first(entry, "language", "name")
        level = _first(entry, "fluency", "level")
        shown.append(f"{name} ({level})" if name and level else name or level)
        extra += _extras(entry, {"language", "name", "fluency", "level"})
    line = ", ".join(s for s in shown if s)
    return ([(line, HINT_NONE)] if line else []) + extra


def _interests(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            if _s(entry):
                out.append((_s(entry), HINT_NONE))
            continue
        name, keywords = _s(entry.get("name")), _s(entry.get("keywords"))
        out.append((f"{name}: {keywords}" if name and keywords else name or keywords, HINT_NONE))
        out += _extras(entry, {"name", "keywords"})
    return out


def _references(items: list) -> Lines:
    out: Lines = []
    for entry in items:
        if not isinstance(entry, dict):
            if _s(entry):
                out.append((_s(entry), HINT_NONE))
            continue
        name, text = _s(entry.get("name")), _s(entry.get("reference"))
        out.append((f"{name}: {text}" if name and text else name or text, HINT_NONE))
        out += _extras(entry, {"name", "reference"})
    return out


_SECTIONS = {
    "work": _work,
    "projects": _projects,
    "skills": _skills,
    "education": _education,
    "certificates": _certificates,
    "awards": _awards,
    "publications": _publications,
    "volunteer": _volunteer,
    "languages": _languages,
    "interests": _interests,
    "references": _references,
}
