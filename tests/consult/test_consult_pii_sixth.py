"""Issue 15: the sixth planted set (synthetic/planted_pii_sixth.py), written without sight of the
detector. These tests check the set itself (what is planted, where, in which formats), not the
detector: its scores are reported by `scripts/score_redaction.py --sets sixth` and in
docs/methods/consult-text.md. Do not tune the detector on this set."""

from __future__ import annotations

import re
from pathlib import Path

from planted_set_checks import check_set, check_units

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.synthetic.planted_pii_sixth import generate_sixth, sixth_sentences

KINDS = [
    "name_lower", "name_hyphen", "name_foreign", "officer", "officer_number", "age", "ni", "dob",
    "vehicle", "address", "postcode", "phone", "email",
]  # fmt: skip
# Three names (plain; titled, initials, nickname, capitals, with an age or a possessive; the
# writer's own) and two children (one with an age) in each unit.
PER_UNIT = {"name": 3, "child": 2, **dict.fromkeys(KINDS, 1)}


def test_sixth_units_plant_each_probe_once_with_four_look_alikes() -> None:
    check_units(sixth_sentences, 6, 120, PER_UNIT)


def test_sixth_set_has_every_kind_in_every_format_and_survey(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_sixth(tmp_path, loaded.consultation)
    raw = check_set(tmp_path, planted, loaded.consultation, PER_UNIT)
    probes = [p for i in planted.items for p in i.probes]
    # the hard cases are there: capitals, non-English letters, plus-tagged and spelt-out
    # e-mails, spaced NI boxes, a date of birth in words, +44 (0) phones
    assert any(p.isupper() and p.isalpha() and len(p) > 3 for p in probes)
    assert any(not p.isascii() for p in probes)
    assert any("+" in p and "@" in p for p in probes)
    assert any("[at]" in p for p in probes) and any("(at)" in p for p in probes)
    assert any(re.fullmatch(r"(\w ){8}\w", p) for p in probes)
    assert any(p.startswith("the ") and "nineteen" in p for p in probes)
    assert any(p.startswith("+44 (0)20") for p in probes)
    texts = " ".join(raw.values())
    cues = ("Prof", "Fr ", '"', "'s ", "W/PC", "Sergeant ", "Full name:", "Me:", "P.S.", "thx")
    for cue in cues:
        assert cue in texts, cue
    lower_units = {i.where for i in planted.items if i.kind == "name_lower"}
    assert sum(raw[w] == raw[w].lower() for w in lower_units) >= 8
    assert sum(raw[w] == raw[w].upper() for w in lower_units) >= 4


def test_sixth_set_is_deterministic(tmp_path: Path, loaded: LoadedConsultation) -> None:
    first = generate_sixth(tmp_path / "a", loaded.consultation)
    second = generate_sixth(tmp_path / "b", loaded.consultation)
    assert first.items == second.items and first.kept == second.kept
    assert (tmp_path / "a" / "survey.csv").read_bytes() == (
        tmp_path / "b" / "survey.csv"
    ).read_bytes()
