"""Issue 15: the seventh planted set (synthetic/planted_pii_seventh.py), written without sight of
the detector. These tests check the set itself (what is planted, where, in which formats), not
the detector: its scores are reported by `scripts/score_redaction.py --sets seventh` and in the
set's docstring. Do not tune the detector on this set."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from planted_set_checks import check_set, check_units

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.synthetic.planted_pii import probe_pattern
from crimeplan.synthetic.planted_pii_seventh import (
    FOREIGN,
    WORD_FIRST,
    WORD_LAST,
    generate_seventh,
    seventh_sentences,
)

KINDS = [
    "name_word", "name_lower", "name_hyphen", "officer", "officer_number", "age", "ni", "dob",
    "vehicle", "address", "postcode", "phone", "email",
]  # fmt: skip
# Three names (plain; a second in one of seven forms; the writer's own), two non-English names
# and two children (one with an age) in each unit.
PER_UNIT = {"name": 3, "name_foreign": 2, "child": 2, **dict.fromkeys(KINDS, 1)}


def test_seventh_units_plant_each_probe_once_with_eight_look_alikes() -> None:
    check_units(seventh_sentences, 7, 210, PER_UNIT)


def test_seventh_set_has_every_kind_in_every_format_and_survey(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_seventh(tmp_path, loaded.consultation)
    raw = check_set(tmp_path, planted, loaded.consultation, PER_UNIT)
    assert len(planted.items) >= 1000
    assert len(planted.kept) >= 350
    # every item's probes are in its unit's text once (a hyphenated name's parts apart), so a
    # probe found after redaction is the item left, not a word of a layout or a look-alike
    for item in planted.items:
        counts = [len(probe_pattern(p).findall(raw[item.where])) for p in item.probes]
        assert max(counts) >= 1, item
        if item.kind != "name_hyphen":
            assert max(counts) == 1, (item, counts)
    probes = [p for i in planted.items for p in i.probes]
    # the hard cases are there: names that are words, many non-English scripts, cherished and
    # Irish plates, spelt-out e-mails, NI numbers with slashes, run-together dates of birth
    assert {p for i in planted.items if i.kind == "name_word" for p in i.probes} >= {
        "Will", "Hope", "Dawn", "Frank",
    }  # fmt: skip
    assert len({w for w in WORD_FIRST + WORD_LAST if w in probes}) >= 30
    foreign_used = {i.probes for i in planted.items if i.kind == "name_foreign"}
    assert len(foreign_used) >= len(FOREIGN) - 2
    assert any(not p.isascii() for p in probes)
    assert any(re.fullmatch(r"\d{2}-D-\d{5}", p) for p in probes)
    assert any(re.fullmatch(r"[A-Z]\d{1,2} [A-Z]{3}", p) for p in probes)
    assert any(" at " in p and " dot " in p for p in probes)
    assert any(p.startswith("mailto:") for p in probes)
    assert any(re.fullmatch(r"[A-Z]{2}(/\d\d){3}/[A-D]", p) for p in probes)
    assert any(re.fullmatch(r"(19\d\d)(0\d|1[0-2])\d\d", p) for p in probes)
    assert any(p.startswith("rear of") or "rear of " + p in " ".join(raw.values()) for p in probes)
    texts = " ".join(raw.values())
    cues = (
        "Forwarded message", "HATE CRIME", "Youth Worker", "DATE | TIME", "parent governor",
        "(resident):", "Translated from", "Q: what happened?", "* ", "he texted me", "Pastor",
        "Auntie", "Jnr",
    )  # fmt: skip
    for cue in cues:
        assert cue in texts, cue
    lower_units = {i.where for i in planted.items if i.kind == "name_lower"}
    assert sum(raw[w] == raw[w].lower() for w in lower_units) >= 8
    assert sum(raw[w] == raw[w].upper() for w in lower_units) >= 4
    assert sum(raw[w] == raw[w].title() for w in lower_units) >= 3
    kinds_of_kept = Counter(p for _, p in planted.kept)
    assert len(kinds_of_kept) >= 150


def test_seventh_set_is_deterministic(tmp_path: Path, loaded: LoadedConsultation) -> None:
    first = generate_seventh(tmp_path / "a", loaded.consultation)
    second = generate_seventh(tmp_path / "b", loaded.consultation)
    assert first.items == second.items and first.kept == second.kept
    assert (tmp_path / "a" / "survey.csv").read_bytes() == (
        tmp_path / "b" / "survey.csv"
    ).read_bytes()
