"""Issue 15, seventh round (a): the redactor's damage to places, organisations and public figures,
and names without a cue (initials, particles, third parts, names after verbs, shouted text),
each with a case it must catch and a counter-example that must stay whole. The examples use
names and places that are not in the planted sets (docs/decisions/0006-personal-data.md,
seventh addendum (a))."""

from __future__ import annotations

import pytest

from crimeplan.consult import pii
from crimeplan.consult.pii import redact

CAUGHT = [
    # Initials and a surname, with or without full stops, in capitals and lower case.
    ("The letter was signed by a R Okonkwo from the bank.", "a [name] from"),
    ("It was P. Nwankwo who rang me.", "was [name] who"),
    ("D.K. McAllister and B. T. Ogunleye came.", "[name] and [name] came"),
    ("i saw j. kowalczyk at the office", "saw [name] at"),
    ("THANK YOU TO P. NWANKWO FOR ALL HER HELP", "TO [name] FOR"),
    # Particles and a third part after a name found.
    ("My neighbour Gethin ap Rhydderch helped me.", "neighbour [name] helped"),
    ("The nurse, Orla Nic an Tsaoir, was pushed.", "nurse, [name], was"),
    ("Pieter van der Westhuizen runs the café.", "[name] runs"),
    # A given name that is no English word after a verb or preposition, or before a verb.
    ("Somebody threw a bottle at Tegwen from a car.", "at [name] from"),
    ("Siwan hid in the bathroom when it started.", "[name] hid in"),
    ("Even Zainab knows not to answer the door.", "Even [name] knows"),
    # Shouted texts: hyphenated names, titles, a name cut off by punctuation.
    ("THE WARDEN, OBINNA EZE-NWOSU, SAW IT ALL. NOBODY CAME.", "WARDEN, [name], SAW"),
    ("IT WAS MR OYELOWO WHO TOOK THE KEYS. NOBODY CAME.", "MR [name] WHO"),
    # A rank before a surname in capitals, and ranks and titles in lower case.
    ("I complained about PCSO HOLLINGWORTH twice.", "PCSO [name] twice"),
    ("the one who came was det con oyenuga from the team", "[name] from the team"),
    ("the shop's owner, dr nwachukwu, has given up", "dr [name], has"),
    # A lower-case given name that is no English word and a listed surname that is one.
    ("at the gate eilir hughes was shouting", "gate [name] was"),
    # A shouted name of three parts whose last is an English word; a rank kept in capitals.
    ("A WINDOW WAS SMASHED. NKECHI ADAOBI STONE HAD TO MOVE OUT.", "SMASHED. [name] HAD"),
    ("AFTER THE FIGHT PCSO HALLORAN TOOK BOTH NAMES. NOBODY CAME.", "PCSO [name] TOOK BOTH"),
    # A number and a named block with no "Flat".
    ("Send it to 41 Marlowe Heights, Fairfield Estate please.", "to [address] please"),
]

KEPT = [
    # Towns that are no local authority (the stems of ward names) and places in the list.
    "We moved from Burgess Hill to Haywards Heath last year.",
    "My brother lives in Ashton-in-Makerfield now.",
    "The trains from Marylebone and Fenchurch Street were late again.",
    "Brockwell Park is lovely but Hampstead Heath is better.",
    "The fights start outside Highbury and Islington station.",
    "She grew up in Syria and came here from Jamaica.",
    # Public figures named in full with no role word, and their surname later.
    "When Ian Blair was Commissioner the ward had a team. Blair was keen on it.",
    "Theresa May cut police numbers and Doreen Lawrence spoke at the school.",
    "The statue of Emmeline Pankhurst is by Parliament.",
    "EVERYONE REMEMBERS WHAT DIANE ABBOTT SAID.",
    "IT WAS ON THE NEWS. THERESA MAY WROTE ABOUT IT, NOT ABOUT US.",
    # A post-nominal after a name the model runs into it; "as Home Secretary".
    "Then Gwendolyn Ashdown-Price MP and Tobias Fenwick MP both signed the letter.",
    "Ferdinand Blakely, as Home Secretary, promised more officers.",
    # Organisations named after people, and names before a report, review or foundation.
    "Betfred, Coral and Paddy Power have all been robbed.",
    "Holland & Barrett was robbed twice.",
    "The Kwame Mensah Youth Foundation came to the school.",
    "The Casey report and the Winsor review said the same.",
    "We reported it to Crimestoppers and to Ofsted.",
    # Lower-case pairs of English words after "the" or "is"; shouted first names that are words.
    "the ivy wall by the gate is where they hide it",
    "WE PLANTED ROSE BUSHES AND THE DAISY CHAINS WERE LOVELY.",
    "I HAD TO PARK THE CAR AND JACK IT UP ON THE KERB OUTSIDE.",
    # Not initials; not given names after a verb; no name at a sentence start.
    "Plan B Funding was cut. The U.S. Army left. See e.g. Lewisham.",
    "We went to Tooting and to Lidl at Christmas.",
    "Extremism has risen. Cyber-crime is up.",
    "in high-risk cases we act fast",
    "In 2019 Grenfell Tower was on the news.",
    # Everyday words the dictionary lacks are no names ("OUR POSTCODE", "TAXI WINDSCREEN").
    "OUR POSTCODE GETS A BAD INSURANCE RATING. THE TAXI WINDSCREEN WAS SMASHED.",
]


def test_initials_do_not_take_the_end_of_an_ni_number() -> None:
    out = redact("my NI number is TW\n482 913 B. Tolulope Adeyemi-Cole rang").text
    assert "482" not in out and "[NI number]" in out


@pytest.mark.parametrize(("text", "expected"), CAUGHT)
def test_caught(text: str, expected: str) -> None:
    assert expected in redact(text).text


@pytest.mark.parametrize("text", KEPT)
def test_kept_whole(text: str) -> None:
    assert redact(text).text == text


def test_two_people_run_together_keep_the_councillor() -> None:
    out = redact(
        "I SPOKE TO TOMASZ WIŚNIEWSKI CLLR MAVIS PRENDERGAST, THE CABINET MEMBER, SAID"
    ).text
    assert "CLLR MAVIS PRENDERGAST" in out
    assert "WIŚNIEWSKI" not in out


def test_private_person_with_a_cue_is_still_removed_when_a_public_surname() -> None:
    # The public figure is kept; a private person with a cue and the same surname is not.
    out = redact("When Ian Blair was Commissioner, my neighbour Jo Blair was burgled.").text
    assert "Ian Blair" in out
    assert "Jo Blair" not in out


def test_gazetteer_is_built_from_ward_names() -> None:
    multi, single = pii._gazetteer()
    assert "burgess hill" in multi  # a stem shared by several wards of one authority
    assert "bishop's stortford" in multi
    assert "clapham park" in multi  # a ward
    assert "morgan jones" not in multi  # a ward that reads as a person's name
    assert "victoria" not in single  # a first name alone is never a place


def test_public_figures_and_organisations_lists() -> None:
    assert "bernard hogan-howe" in pii._public_names()
    assert pii._protected_near("as Bernard Hogan-Howe said", [(3, 10)]) == [(3, 21)]
    multi, single = pii._organisations()
    assert "william hill" in multi and "ladbrokes" in single
    assert "guy" not in single  # "Guy's" must not keep every Guy
