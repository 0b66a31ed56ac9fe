"""Stance of a segment towards what it raises: supports, opposes, concern or suggests.

A small documented rule set, not a model: the first rule that matches wins, in the order
opposes, suggests, supports, concern. Cue lists are below; a segment matching none raises a
concern (most consultation free text describes a problem). The stance is of the segment and is
given to each theme it is coded to; analysts correct it on the review page. Measured on the
evaluation set's phrases it is only a first sort (see docs/themes.md).
"""

from __future__ import annotations

import re

STANCES = ("supports", "opposes", "concern", "suggests")
OPPOSES = re.compile(
    r"\b(disagree|oppose[sd]?|against|(a |big |huge )?mistake|do not support|don't support|"
    r"waste of|pointless|leading|not enough|nowhere near|failing|too lenient|unfair(ly)?)\b",
    re.IGNORECASE,
)
SUGGESTS = re.compile(
    r"\b(should|need to|needs to|must|please|would like|bring back|invest in|recommend|"
    r"we need|i want|give|set|publish|make|more .{1,30} would|would help|ought to)\b",
    re.IGNORECASE,
)
SUPPORTS = re.compile(
    r"\b(agree|support|welcome|good idea|great job|well done|sensible|right|i like|"
    r"a good plan|does a great)\b",
    re.IGNORECASE,
)


def stance(text: str) -> str:
    """One of STANCES for the segment's text."""
    if OPPOSES.search(text):
        return "opposes"
    if SUGGESTS.search(text):
        return "suggests"
    if SUPPORTS.search(text):
        return "supports"
    return "concern"
