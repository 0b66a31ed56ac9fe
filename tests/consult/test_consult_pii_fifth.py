"""Issue 15: the fifth planted set (synthetic/planted_pii_fifth.py), written without sight of the
detector. These tests check the set itself (what is planted, where, in which formats), not the
detector: its scores are reported by `scripts/score_redaction.py --sets fifth` and in
docs/methods/consult-text.md. Do not tune the detector on this set."""

from __future__ import annotations

from pathlib import Path

from planted_set_checks import check_set, check_units

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.synthetic.planted_pii_fifth import fifth_sentences, generate_fifth

KINDS = [
    "name_lower", "name_hyphen", "name_foreign", "officer", "officer_number", "age", "ni", "dob",
    "vehicle", "address", "postcode", "phone", "email",
]  # fmt: skip
# The fourth set's kinds, with three names (plain; titled, initials or nickname; the writer's
# own) and two children (one with an age) in each unit.
PER_UNIT = {"name": 3, "child": 2, **dict.fromkeys(KINDS, 1)}


def test_fifth_units_plant_each_probe_once_with_four_look_alikes() -> None:
    check_units(fifth_sentences, 5, 80, PER_UNIT)


def test_fifth_set_has_every_kind_in_every_format_and_survey(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_fifth(tmp_path, loaded.consultation)
    raw = check_set(tmp_path, planted, loaded.consultation, PER_UNIT)
    # the hard cases are there: lower case, capitals, titles, initials, non-English letters
    probes = [p for i in planted.items for p in i.probes]
    assert any(p.isupper() and p.isalpha() and len(p) > 3 for p in probes)
    assert any(not p.isascii() for p in probes)
    texts = " ".join(raw.values())
    for cue in ("Mrs ", "Dr", "Rev", "J. ", "D/Sgt", "badge number", "Item 1", "Reported by:"):
        assert cue in texts, cue
    lower_units = {i.where for i in planted.items if i.kind == "name_lower"}
    assert sum(raw[w] == raw[w].lower() for w in lower_units) >= 8
    assert sum(raw[w] == raw[w].upper() for w in lower_units) >= 4


def test_fifth_set_is_deterministic(tmp_path: Path, loaded: LoadedConsultation) -> None:
    first = generate_fifth(tmp_path / "a", loaded.consultation)
    second = generate_fifth(tmp_path / "b", loaded.consultation)
    assert first.items == second.items and first.kept == second.kept
    assert (tmp_path / "a" / "survey.csv").read_bytes() == (
        tmp_path / "b" / "survey.csv"
    ).read_bytes()
