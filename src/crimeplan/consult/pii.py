"""Find and redact personal data in consultation text before anything is published.

Rule: every text that can leave the database (pages, exports, summaries) is the redacted text.
Redaction replaces, in this order:
1. e-mail addresses -> `[email]` (a local part, `@`, a dotted domain; `mailto:` links included);
2. UK postal addresses -> `[address]`: a house number and a street name ending in a street word
   (Road, Street, Avenue ...), optionally with flat number, locality and postcode after it;
3. UK postcodes -> `[postcode]` (the ONS/Royal Mail outward + inward shape, e.g. `SE1 2AA`);
4. telephone numbers -> `[phone]`: `phonenumbers.PhoneNumberMatcher` for region GB with
   `Leniency.POSSIBLE`, which also catches Ofcom drama numbers such as 07700 900123 that the
   default VALID leniency skips (see ../shared/DEPENDENCIES.md);
5. names of private individuals -> `[name]`: each full name known from the manifest or the survey
   export, each part of it of three letters or more, a title and name (`Mrs Jones`), the name
   after a salutation (`Dear Jane`) and the name on the line after a sign-off (`Yours sincerely,`).

Names in `keep` (public office holders writing in that capacity: councillors, MPs, Assembly
Members, organisations) are left as they are. Redaction errs on the side of removing too much.
Source: the 2017 consultation published organisations' names and no private citizen's
(issue 6); ICO guidance on anonymisation treats names, contact details and addresses as direct
identifiers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

EMAIL = re.compile(r"(?:mailto:)?[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
POSTCODE_CORE = r"(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUW]? ?[0-9][ABD-HJLNP-UW-Z]{2})"
POSTCODE = re.compile(rf"\b{POSTCODE_CORE}\b", re.IGNORECASE)
STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Gardens|Gdns|Place|Pl|Crescent|"
    "Cres|Terrace|Tce|Court|Ct|Square|Sq|Grove|Hill|Mews|Row|Walk|Rise|Green|Parade|Park|"
    "Estate|House|Yard|Wharf|Embankment|Broadway|Vale|View"
)
ADDRESS = re.compile(
    rf"(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?"
    rf"\b\d{{1,4}}[A-Za-z]?(?:-\d{{1,4}})?,?\s+(?:[A-Z][A-Za-z'\-]+\s+){{1,3}}(?:{STREET_WORDS})\b\.?"
    rf"(?:,?\s+[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){{0,2}}){{0,3}}"
    rf"(?:,?\s+{POSTCODE_CORE}\b)?"
)
NAME_WORD = r"[A-Z][a-z'\-]+(?:[ \-][A-Z][a-z'\-]+){0,2}"
TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? ({NAME_WORD})")
SALUTATION = re.compile(rf"\b(?:Dear|Hi|Hello)\s+({NAME_WORD})")
SIGN_OFF = re.compile(
    r"(?im)^[ \t*_]*(?:yours sincerely|yours faithfully|kind regards|best regards|regards|"
    r"best wishes|many thanks|thanks|sincerely|with thanks)[ \t]*,?[ \t*_]*\n+"
    rf"[ \t*_]*({NAME_WORD})"
)
HEADER_FROM = re.compile(rf"(?im)^(?:From|Sender|Name):[ \t]*({NAME_WORD})")
MIN_NAME_PART = 3
# Words that follow "Dear" or a title but are not names.
NOT_NAMES = frozenset(
    w.casefold()
    for w in (
        "Sir",
        "Sirs",
        "Madam",
        "Mayor",
        "Deputy",
        "Deputy Mayor",
        "Commissioner",
        "Colleague",
        "Colleagues",
        "Friend",
        "Friends",
        "All",
        "Team",
        "Chair",
        "Councillor",
        "Minister",
        "Officer",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Mx",
        "Dr",
        "Prof",
        "Cllr",
        "Lord",
        "Lady",
        "Baroness",
        "Officers",
        "Everyone",
        "There",
        "Member",
        "Members",
    )
)
# A UK number has 10 or 11 national digits; with +44 or 0044 up to 14 digits in all.
PHONE_DIGITS = range(10, 15)
# A match glued to these characters is part of a URL, a file name or a reference, not a number.
GLUED = re.compile(r"[A-Za-z0-9_/=?.\\-]")


@dataclass(frozen=True)
class Redacted:
    """A redacted text and how many items of each kind were removed."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def _sub(pattern: re.Pattern[str], label: str, text: str, counts: Counter[str]) -> str:
    def replace(_match: re.Match[str]) -> str:
        counts[label] += 1
        return f"[{label}]"

    return pattern.sub(replace, text)


def _redact_phones(text: str, counts: Counter[str]) -> str:
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    spans = [
        (m.start, m.end)
        for m in matcher
        if sum(ch.isdigit() for ch in m.raw_string) in PHONE_DIGITS
        and not (m.start > 0 and GLUED.match(text[m.start - 1]))
        and not (m.end < len(text) and GLUED.match(text[m.end]) and text[m.end] != ".")
    ]
    for start, end in reversed(spans):
        text = text[:start] + "[phone]" + text[end:]
        counts["phone"] += 1
    return text


def _name_pattern(names: Iterable[str], keep: Iterable[str]) -> re.Pattern[str] | None:
    kept = {k.casefold() for k in keep}
    parts: set[str] = set()
    for name in names:
        clean = " ".join(name.split())
        if not clean or clean.casefold() in kept:
            continue
        parts.add(clean)
        for token in re.split(r"[\s,]+", clean):
            token = token.strip(".")
            if len(token) >= MIN_NAME_PART and token.casefold() not in kept:
                parts.add(token)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w])", re.IGNORECASE)


def _redact_pattern_names(
    pattern: re.Pattern[str], text: str, kept: set[str], counts: Counter[str]
) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.casefold() in kept or name.casefold() in NOT_NAMES:
            return match.group(0)
        counts["name"] += 1
        start, end = match.span(1)
        whole = match.group(0)
        offset = match.start(0)
        return whole[: start - offset] + "[name]" + whole[end - offset :]

    return pattern.sub(replace, text)


class Redactor:
    """Redaction with the name list compiled once, for many texts of one consultation."""

    def __init__(self, names: Iterable[str] = (), keep: Iterable[str] = ()) -> None:
        kept_list = list(keep)
        self.kept = {" ".join(k.split()).casefold() for k in kept_list}
        self.names_re = _name_pattern(names, kept_list)

    def redact(self, text: str) -> Redacted:
        counts: Counter[str] = Counter()
        text = _sub(EMAIL, "email", text, counts)
        text = _sub(ADDRESS, "address", text, counts)
        text = _sub(POSTCODE, "postcode", text, counts)
        text = _redact_phones(text, counts)
        if self.names_re is not None:
            text = _sub(self.names_re, "name", text, counts)
        for pattern in (SIGN_OFF, SALUTATION, TITLED, HEADER_FROM):
            text = _redact_pattern_names(pattern, text, self.kept, counts)
        return Redacted(text=text, counts=dict(counts))


def redact(text: str, names: Iterable[str] = (), keep: Iterable[str] = ()) -> Redacted:
    """Redact e-mails, addresses, postcodes, phone numbers and private names from `text`.

    >>> redact("Write to jo@example.org or call 020 7946 0018, SE1 2AA.").text
    'Write to [email] or call [phone], [postcode].'
    >>> redact("Dear Sir, my neighbour Ann Lee agrees. Mrs Patel too.", names=["Ann Lee"]).text
    'Dear Sir, my neighbour [name] agrees. Mrs [name] too.'
    """
    return Redactor(names, keep).redact(text)
