"""Issue 15: the fifth planted set (synthetic/planted_pii_fifth.py), written without sight of the
detector. These tests check the set itself (what is planted, where, in which formats), not the
detector: its scores are reported by `scripts/score_redaction.py --sets fifth` and in
docs/methods/consult-text.md. Do not tune the detector on this set."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.synthetic.planted_pii import PlantedSet, planted_texts, probe_left, probe_pattern
from crimeplan.synthetic.planted_pii_fifth import fifth_sentences, generate_fifth

KINDS = [
    "name_lower", "name_hyphen", "name_foreign", "officer", "officer_number", "age", "ni", "dob",
    "vehicle", "address", "postcode", "phone", "email",
]  # fmt: skip
# The fourth set's kinds, with three names (plain; titled, initials or nickname; the writer's
# own) and two children (one with an age) in each unit.
PER_UNIT = {"name": 3, "child": 2, **dict.fromkeys(KINDS, 1)}


def test_fifth_units_plant_each_probe_once_with_four_look_alikes() -> None:
    rng, out = random.Random(5), PlantedSet()
    for n in range(80):
        lines, movable = fifth_sentences(rng, n, f"u{n}", out, lower=n % 4 == 1)
        text = " ".join([*lines, movable["name"], *(v for k, v in movable.items() if "_" in k)])
        unit = [i for i in out.items if i.where == f"u{n}"]
        assert Counter(i.kind for i in unit) == PER_UNIT
        for item in unit:
            counts = [len(probe_pattern(p).findall(text)) for p in item.probes]
            # each probe is in the unit once: a probe found after redaction is the planted
            # item left, not a word of a frame, another item or a look-alike
            assert max(counts) >= 1 and (max(counts) == 1 or item.kind == "name_hyphen"), (
                item,
                counts,
            )
        kept = [p for w, p in out.kept if w == f"u{n}"]
        assert len(kept) >= 4 and all(p in " ".join(lines) for p in kept)
        if n % 4 == 1:
            assert all(p == p.lower() for i in unit for p in i.probes)


def test_fifth_set_has_every_kind_in_every_format_and_survey(
    tmp_path: Path, loaded: LoadedConsultation
) -> None:
    planted = generate_fifth(tmp_path, loaded.consultation)
    units = len(planted.written_files) + len(planted.survey_ids)
    assert (len(planted.written_files), len(planted.survey_ids)) == (30, 36)
    assert Counter(i.kind for i in planted.items) == {k: v * units for k, v in PER_UNIT.items()}
    assert len(planted.items) >= 400
    suffixes = Counter(Path(f).suffix for f in planted.written_files)
    assert suffixes == dict.fromkeys([".txt", ".md", ".pdf", ".docx", ".eml"], 6)
    for place in [*suffixes, "survey"]:
        kinds = {
            i.kind for i in planted.items if i.where.startswith(place) or i.where.endswith(place)
        }
        assert kinds == set(PER_UNIT), place
    # at least 250 look-alikes to survive, of many kinds
    assert len(planted.kept) >= 250 and len({p for _, p in planted.kept}) >= 150
    raw = planted_texts(tmp_path, planted, loaded.consultation)
    # every item is in the text as the system reads it (a PDF's wrap included)
    assert [i for i in planted.items if not probe_left(i, raw[i.where])] == []
    assert [(w, p) for w, p in planted.kept if p not in raw[w]] == []
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
