"""Issue 15: the fourth planted set (synthetic/planted_pii_fourth.py), written without sight of
the detector. These tests check the set itself (what is planted, where, in which formats), not
the detector: its scores are reported by `scripts/score_redaction.py --sets fourth` and in
docs/methods/consult-text.md. Do not tune the detector on this set."""

from __future__ import annotations

from pathlib import Path

from planted_set_checks import check_set, check_units

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.synthetic.planted_pii_fourth import fourth_sentences, generate_fourth

PER_UNIT = {
    "name": 3,  # plain, apostrophe or capitals, signature
    "child": 2,
    **dict.fromkeys(
        [
            "name_lower", "name_hyphen", "name_foreign", "officer", "officer_number", "age", "ni",
            "dob", "vehicle", "address", "postcode", "phone", "email",
        ],
        1,
    ),
}  # fmt: skip


def test_fourth_units_plant_each_probe_once_with_four_look_alikes() -> None:
    check_units(fourth_sentences, 9, 60, PER_UNIT)


def test_fourth_set_has_every_kind_in_every_format_and_survey(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_fourth(tmp_path, loaded.consultation)
    raw = check_set(tmp_path, planted, loaded.consultation, PER_UNIT)
    # the hard cases are there: lower case, apostrophes, capitals, non-English letters
    probes = [p for i in planted.items for p in i.probes]
    assert any("’" in p for p in probes) and any("'" in p for p in probes)
    assert any(p.isupper() and p.isalpha() and len(p) > 3 for p in probes)
    assert any(not p.isascii() for p in probes)
    lower_units = {i.where for i in planted.items if i.kind == "name_lower"}
    assert sum(raw[w] == raw[w].lower() for w in lower_units) >= 9


def test_fourth_set_is_deterministic(tmp_path: Path, loaded: LoadedConsultation) -> None:
    first = generate_fourth(tmp_path / "a", loaded.consultation)
    second = generate_fourth(tmp_path / "b", loaded.consultation)
    assert first.items == second.items and first.kept == second.kept
    assert (tmp_path / "a" / "survey.csv").read_bytes() == (
        tmp_path / "b" / "survey.csv"
    ).read_bytes()
