"""Issue 15: the fresh planted set (synthetic/planted_pii_fresh.py), the independent measurement
of the redactor. Its recall is far below the aim of 0.98 for some kinds; these floors are the
levels it reached (docs/decisions/0006-personal-data.md), so that a change that loses recall
fails here. Do not tune the detector on this set: raise a floor only
after a general fix, and say so in the decision record."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.pii import Redactor
from crimeplan.synthetic.planted_pii import PlantedSet, planted_texts, probe_left, score
from crimeplan.synthetic.planted_pii_fresh import fresh_sentences, generate_fresh

# Recall by kind when first scored (rounded down; every other kind 1.00), except age and child:
# first 0.197 and 0.659, raised by the general age rules of the third round (0.833, 0.742).
FLOORS = {
    "age": 0.83,
    "child": 0.74,
    "name": 0.97,
    "name_foreign": 0.96,
    "name_hyphen": 0.90,
    "name_lower": 0.95,
    "officer": 0.96,
    "phone": 0.98,
    "postcode": 0.90,
    "vehicle": 0.93,
}
KINDS = {*FLOORS, "address", "dob", "email", "ni"}


def test_fresh_units_plant_every_probe_in_their_text() -> None:
    rng, out = random.Random(3), PlantedSet()
    for n in range(40):
        text = " ".join(fresh_sentences(rng, n, f"u{n}", out, lower=n % 4 == 1))
        unit = [i for i in out.items if i.where == f"u{n}"]
        assert {i.kind for i in unit} == KINDS
        assert all(probe_left(i, text) for i in unit), [i for i in unit if not probe_left(i, text)]
        assert len([w for w, _ in out.kept if w == f"u{n}"]) >= 2


@pytest.mark.slow
def test_fresh_set_recall_by_kind_at_least_as_first_measured(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_fresh(tmp_path, loaded.consultation)
    assert len(planted.items) >= 300 and set(planted.kinds()) == KINDS
    suffixes = {Path(f).suffix for f in planted.written_files}
    assert suffixes == {".txt", ".md", ".pdf", ".docx", ".eml"} and planted.survey_ids
    raw = planted_texts(tmp_path, planted, loaded.consultation)
    keys = list(raw)
    out = Redactor().redact_many([raw[k] for k in keys])
    result = score(planted, {k: o.text for k, o in zip(keys, out, strict=True)}, raw)
    assert len(result.unscoreable) <= 2  # a PDF line break inside an address
    below = {k: v for k, v in result.recall.items() if v < FLOORS.get(k, 1.0)}
    assert not below, (below, [(m.kind, m.where, m.probes) for m in result.missed][:40])
    # Over-redaction when first measured: look-alikes damaged 12.4%, other words 1.28%.
    assert result.kept_removed <= 0.125, result.damaged
    assert result.ordinary_removed <= 0.013
    # No planted text is published raw: every unit lost something.
    assert all(re.search(r"\[(?:name|email|phone)\]", o.text) for o in out)
