"""Checks shared by the structural tests of the planted sets written blind (fourth, fifth):
what is planted, where and in which formats; never the detector."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crimeplan.synthetic.planted_pii import PlantedSet, planted_texts, probe_left, probe_pattern


def check_units(
    sentences: Callable[..., Any], seed: int, units: int, per_unit: dict[str, int]
) -> None:
    """Each unit plants `per_unit` items, each probe once (in the body or the movable parts:
    a probe found after redaction is the planted item left, not a word of a frame or a
    look-alike), at least four look-alikes, and in lower case where asked."""
    rng, out = random.Random(seed), PlantedSet()
    for n in range(units):
        lines, movable = sentences(rng, n, f"u{n}", out, lower=n % 4 == 1)
        text = " ".join([*lines, movable["name"], *(v for k, v in movable.items() if "_" in k)])
        unit = [i for i in out.items if i.where == f"u{n}"]
        assert Counter(i.kind for i in unit) == per_unit
        for item in unit:
            counts = [len(probe_pattern(p).findall(text)) for p in item.probes]
            assert max(counts) >= 1 and (max(counts) == 1 or item.kind == "name_hyphen"), (
                item,
                counts,
            )
        kept = [p for w, p in out.kept if w == f"u{n}"]
        assert len(kept) >= 4 and all(p in " ".join(lines) for p in kept)
        if n % 4 == 1:
            assert all(p == p.lower() for i in unit for p in i.probes)


def check_set(
    folder: Path, planted: PlantedSet, consultation: Any, per_unit: dict[str, int]
) -> dict[str, str]:
    """Every kind in every written format and in the survey answers, at least 400 items and
    250 look-alikes, every item and look-alike in the text as the system reads it (a PDF's
    wrap included). Returns those texts by unit for the set's own checks."""
    units = len(planted.written_files) + len(planted.survey_ids)
    assert (len(planted.written_files), len(planted.survey_ids)) == (30, 36)
    assert Counter(i.kind for i in planted.items) == {k: v * units for k, v in per_unit.items()}
    assert len(planted.items) >= 400
    suffixes = Counter(Path(f).suffix for f in planted.written_files)
    assert suffixes == dict.fromkeys([".txt", ".md", ".pdf", ".docx", ".eml"], 6)
    for place in [*suffixes, "survey"]:
        kinds = {
            i.kind for i in planted.items if i.where.startswith(place) or i.where.endswith(place)
        }
        assert kinds == set(per_unit), place
    assert len(planted.kept) >= 250 and len({p for _, p in planted.kept}) >= 150
    raw: dict[str, str] = planted_texts(folder, planted, consultation)
    assert [i for i in planted.items if not probe_left(i, raw[i.where])] == []
    assert [(w, p) for w, p in planted.kept if p not in raw[w]] == []
    return raw
