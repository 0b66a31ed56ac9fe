"""Pure parts of the theme analysis: segments, scores, kappa, codebook, stance, discovery."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

from crimeplan.consult.text import discover
from crimeplan.consult.text.agreement import agreement, kappa
from crimeplan.consult.text.codebook import load_codebook
from crimeplan.consult.text.discover import class_tfidf, cluster, matched_jaccard, matched_scores
from crimeplan.consult.text.embed import HashedWordsEmbedder
from crimeplan.consult.text.evalset import EVAL_CSV, generate, load_phrasebook, split_phrasebook
from crimeplan.consult.text.evaluate import per_theme_sample, score
from crimeplan.consult.text.segments import split_written
from crimeplan.consult.text.stance import stance
from crimeplan.errors import IngestError

LETTER = """Dear Deputy Mayor,

Policing in our borough

We have lost our local station and response times are poor.
Officers rarely walk the high street.

What we ask for

- more officers on foot in the town centre
- a front counter open in the evenings
2) publish response times every quarter

Yours sincerely,
[name]
"""


def test_written_segments_keep_their_offsets_sections_and_items() -> None:
    spans = split_written(LETTER)
    assert [s.kind for s in spans] == ["paragraph", "item", "item", "item"]
    assert [LETTER[s.start : s.end] for s in spans] == [
        "We have lost our local station and response times are poor.\n"
        "Officers rarely walk the high street.",
        "more officers on foot in the town centre",
        "a front counter open in the evenings",
        "publish response times every quarter",
    ]
    assert spans[0].section == "Policing in our borough"
    assert spans[1].section == "What we ask for"


def test_scores_match_sklearn_and_intervals_hold_the_value() -> None:
    rng = np.random.default_rng(1)
    truth = (rng.random((200, 6)) < 0.3).astype(np.int8)
    predicted = np.where(rng.random((200, 6)) < 0.2, 1 - truth, truth).astype(np.int8)
    s = score(truth, predicted)
    assert s.micro.value == pytest.approx(f1_score(truth, predicted, average="micro"))
    assert s.macro.value == pytest.approx(f1_score(truth, predicted, average="macro"))
    assert s.samples.value == pytest.approx(
        f1_score(truth, predicted, average="samples", zero_division=1)
    )
    for interval in (s.micro, s.macro, s.samples):
        assert interval.low <= interval.value <= interval.high


def test_per_theme_sample_holds_k_examples_of_each_theme() -> None:
    rows = generate(300, seed=3)
    themes = sorted(load_phrasebook().themes)
    y = np.array([[r[t] for t in themes] for r in rows], dtype=np.int8)
    chosen = per_theme_sample(y, 8, seed=1)
    assert (y[chosen].sum(axis=0) >= 8).all()
    assert len(chosen) < len(y)
    assert (per_theme_sample(y, None, 1) == np.arange(len(y))).all()


def test_kappa_matches_sklearn() -> None:
    rng = np.random.default_rng(2)
    a = (rng.random(80) < 0.4).tolist()
    b = [x if rng.random() < 0.8 else not x for x in a]
    assert kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    rows = agreement(["x"], [{"x"}, set(), {"x"}], [{"x"}, {"x"}, set()])
    assert (rows[0].both, rows[0].precision, rows[0].recall) == (1, 0.5, 0.5)


def test_codebooks_load_from_yaml_and_csv(tmp_path: Path) -> None:
    yaml_book = load_codebook(
        Path(__file__).resolve().parents[3] / "consultations/eval/codebook-2017.yaml"
    )
    assert len(yaml_book) == 12 and yaml_book[0].examples
    csv_file = tmp_path / "book.csv"
    csv_file.write_text(
        "key,label,description,examples\nnoise,Noise,,loud music | parties\n", encoding="utf-8"
    )
    assert load_codebook(csv_file)[0].examples == ["loud music", "parties"]
    csv_file.write_text("key,label\nBad Key,Noise\n", encoding="utf-8")
    with pytest.raises(IngestError, match="line 2: 'key'"):
        load_codebook(csv_file)


def test_stance_rules() -> None:
    assert stance("I welcome the plan") == "supports"
    assert stance("closing the station was a huge mistake") == "opposes"
    assert stance("bring back bobbies on the beat") == "suggests"
    assert stance("my house was burgled twice") == "concern"


def test_class_tfidf_picks_each_clusters_own_words() -> None:
    terms = class_tfidf(
        [["knife crime stabbing", "knife stabbing again"], ["burglary break in", "burglary again"]]
    )
    assert terms[0][0] == "knife" and terms[1][0] == "burglary"
    assert matched_jaccard([{1, 2}, {3}], [{3}, {1, 2}]) == 1.0
    assert matched_scores([{1, 2}, {3}, {4}], [{1, 2, 5}]) == [2 / 3, 0.0, 0.0]
    assert matched_jaccard([{1, 2}, {3}, {4}], [{1, 2, 5}]) == 2 / 9


def test_consensus_louvain_finds_planted_groups_the_same_way_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(3, 24)) * 4
    vectors = np.vstack([c + rng.normal(size=(60, 24)) for c in centres]).astype(np.float32)
    labels = cluster(vectors, seed=14)
    found = [set(np.flatnonzero(labels == c).tolist()) for c in range(labels.max() + 1)]
    planted = [set(range(i * 60, (i + 1) * 60)) for i in range(3)]
    assert matched_jaccard(planted, found) >= 0.95
    assert np.array_equal(labels, cluster(vectors, seed=14))
    monkeypatch.setattr(discover, "SAMPLE", 90)  # beyond the sample: only sampled rows cluster
    sampled = cluster(vectors, seed=14)
    assert (sampled >= 0).sum() <= 90 and len(set(sampled[sampled >= 0].tolist())) == 3
    assert cluster(vectors[:10]).tolist() == [-1] * 10


def test_the_evaluation_set_is_built_as_documented() -> None:
    rows = generate(720, seed=14, book=split_phrasebook(load_phrasebook(), 14)[0])
    shipped = EVAL_CSV.read_text(encoding="utf-8").splitlines()
    assert len(shipped) == 721 and shipped[1].startswith(f"{rows[0]['id']},")
    themes = sorted(load_phrasebook().themes)
    per_row = [sum(r[t] for t in themes) for r in rows]
    assert len(themes) >= 10 and per_row.count(0) > 50 and max(per_row) == 3
    seen, unseen = split_phrasebook(load_phrasebook(), 14)
    for theme in themes:
        assert not set(seen.themes[theme]) & set(unseen.themes[theme])


def test_hashed_embedder_is_stateless_and_unit_length() -> None:
    e = HashedWordsEmbedder()
    a, b = e.embed(["more police on the street"]), e.embed(["more police on the street", "x y"])
    assert np.array_equal(a[0], b[0])
    assert np.linalg.norm(a[0]) == pytest.approx(1.0, abs=1e-5)
