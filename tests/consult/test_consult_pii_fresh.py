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

# Recall by kind when first scored: age 0.197, child 0.659, hyphen 0.909, postcode 0.909,
# vehicle 0.939, name_lower 0.955, officer and name_foreign 0.970, name 0.977, phone 0.985;
# after the third round's age rules age 0.833, child 0.742; after the fourth round's general
# rules every kind 1.00 but child 0.985 (a lower-case child's name that is an English word).
FLOORS = {"child": 0.98}
KINDS = {
    "address", "age", "child", "dob", "email", "name", "name_foreign", "name_hyphen",
    "name_lower", "ni", "officer", "phone", "postcode", "vehicle",
}  # fmt: skip


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
    # Over-redaction when first measured: look-alikes damaged 12.4%, other words 1.28%; after
    # the fourth round 0% and 0.57%.
    assert result.kept_removed <= 0.01, result.damaged
    assert result.ordinary_removed <= 0.007
    # No planted text is published raw: every unit lost something.
    assert all(re.search(r"\[(?:name|email|phone)\]", o.text) for o in out)
