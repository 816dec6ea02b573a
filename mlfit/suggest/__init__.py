"""Rewrites: every bullet worth changing, most valuable first, from the rule packs' templates.

The article's five recommendations ("What This Means for Your CV and Job Search") become
rewrites: lead with production outcomes, not model names; make MLOps visible; match the
segment's wording; the right keywords without stuffing; a cloud proof point. Plus weak
openers to ownership verbs, vague outcomes to quantified placeholders, and the strongest
outcome moved into the summary.

Templates are data: each rule's ``rewrite: {template: ...}`` in rules/*.yml; the word lists
(verb forms, weak openers, vague outcomes, which rule carries which recommendation) are in
rules/vocab/rewrite.yml. A template may use these variables, all filled with text taken
from the CV itself:

``{bullet}``    the bullet (or summary line) being rewritten, after the earlier steps
``{verb}``      its opening verb ("Trained"), or the ownership verb that replaces a weak opener
``{verb_ing}``  the same verb as a gerund ("training")
``{object}``    the rest of the bullet after that verb
``{model}``     the model a bullet names ("BERT classifier"), without its article
``{skill}``     skills from the CV that the rule is about, as the CV spells them
``{outcome}``   the CV's strongest quantified outcome bullet

A variable the CV cannot fill becomes a visible placeholder (``[model]``; a template may
give its own with ``{skill:[AWS / GCP / Azure]}``). Placeholders are always in square
brackets: ``[N]%``, ``[baseline → new]``, ``[volume]``. A rewrite never carries a number,
tool or name the CV does not state (tests/test_never_invent.py checks that).

What a suggestion is worth is measured, not guessed: its placeholders are filled with
plausible stand-ins (``[N]`` -> 10), the edited CV is re-scored, and the gain per segment is
the difference. Only the changed block is re-matched, so a few dozen re-scores stay fast.
"""

from .data import RewriteData, rewrite_data
from .language import model_phrase, ownership, quantify_vague, split_verb
from .rescore import Rescorer
from .strategies import suggest, target_segment
from .templates import PLACEHOLDER, VARIABLES, fill_placeholders, placeholders, render, template_variables, tidy

__all__ = [
    "PLACEHOLDER",
    "VARIABLES",
    "Rescorer",
    "RewriteData",
    "fill_placeholders",
    "model_phrase",
    "ownership",
    "placeholders",
    "quantify_vague",
    "render",
    "rewrite_data",
    "split_verb",
    "suggest",
    "target_segment",
    "template_variables",
    "tidy",
]
