"""Issue 15: personal data found on a planted set written apart from the one the rules were tuned
on (synthetic/planted_pii_heldout.py), and non-personal phrases that look like names kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.pii import Redactor
from crimeplan.synthetic.planted_pii import planted_texts, score
from crimeplan.synthetic.planted_pii_heldout import generate_heldout

KINDS = {
    "name",
    "name_lower",
    "name_hyphen",
    "name_foreign",
    "officer",
    "child",
    "age",
    "ni",
    "dob",
    "vehicle",
    "address",
    "postcode",
    "phone",
    "email",
}


@pytest.mark.slow
def test_heldout_personal_data_found_by_kind(tmp_path: Path, loaded: LoadedConsultation) -> None:
    planted = generate_heldout(tmp_path, loaded.consultation)
    assert len(planted.items) >= 300 and set(planted.kinds()) == KINDS
    assert {Path(f).suffix for f in planted.written_files} == {
        ".txt",
        ".md",
        ".pdf",
        ".docx",
        ".eml",
    }
    assert planted.survey_ids and len(planted.kept) >= 100
    raw = planted_texts(tmp_path, planted, loaded.consultation)
    keys = list(raw)
    out = Redactor().redact_many([raw[k] for k in keys])
    result = score(planted, {k: o.text for k, o in zip(keys, out, strict=True)}, raw)
    low = {k: v for k, v in result.recall.items() if v < 0.98}
    assert not low, (low, [(m.kind, m.where, m.probes) for m in result.missed])
    # Places, organisations and office holders (Victoria Station, Grace Church, Harold Wood ward,
    # the Mayor Sadiq Khan ...): at most 2% damaged; ordinary words likewise.
    assert result.kept_removed <= 0.02, result.damaged
    assert result.ordinary_removed <= 0.02


def test_names_that_are_english_words_and_look_alike_places() -> None:
    """The cases the tuning set could not show: names made of English words, lower-case names,
    possessives and lists, beside places and office holders with name-like words."""
    text = (
        "Will Rich keeps leaving rubbish out. Ask Olivia Price, she saw it all. "
        "our neighbour kevin jones had his van broken into. Dawn Field's dog bit him. "
        "my kids Tom, Amy and Joe cant play out. "
        "We walk past Victoria Station, Green Park, Grace Church and Hope Street; "
        "St Mary's Hospital was kind. Harold Wood and Lee Green wards need patrols. "
        "Mark Rowley the Commissioner and the Mayor Sadiq Khan promised more officers."
    )
    out = Redactor().redact(text).text
    for gone in ("Will", "Rich", "Olivia", "Price", "kevin", "jones", "Dawn", "Field", "Amy"):
        assert f" {gone} " not in f" {out} ".replace(",", " ").replace("'", " "), (gone, out)
    for kept in (
        "Victoria Station",
        "Green Park",
        "Grace Church",
        "Hope Street",
        "St Mary's Hospital",
        "Harold Wood",
        "Lee Green",
        "Mark Rowley",
        "Sadiq Khan",
    ):
        assert kept in out, (kept, out)
