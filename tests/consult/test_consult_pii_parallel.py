"""Issue 15: redaction in forked workers gives the same spans as in one process, and falls back to
one process where it cannot fork; the place-phrase index finds what the old regex found."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
import re
import threading
from collections.abc import Sequence

import pytest

from crimeplan.consult import pii
from crimeplan.consult.pii import PhraseIndex, Redactor, Span
from crimeplan.synthetic.planted_pii import PlantedSet, planted_sentences
from crimeplan.synthetic.planted_pii_fresh import fresh_sentences
from crimeplan.synthetic.planted_pii_heldout import heldout_sentences

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)


def _texts(n: int = 24) -> list[str]:
    """Texts with every kind of personal data, from the three planted sets' sentence makers."""
    rng, out = random.Random(7), PlantedSet()
    makers = (planted_sentences, heldout_sentences, fresh_sentences)
    return [" ".join(makers[i % 3](rng, i, f"t{i}", out)) for i in range(n)]


@needs_fork
@pytest.mark.parametrize("use_ner", [False, True])
def test_forked_workers_give_the_serial_spans(
    monkeypatch: pytest.MonkeyPatch, use_ner: bool
) -> None:
    texts = _texts()
    serial = Redactor(use_ner=use_ner).redact_many(texts, workers=1)
    monkeypatch.setattr(pii, "PARALLEL_MIN_CHARS", 0)
    forked: list[int] = []
    real = pii._fork_map
    monkeypatch.setattr(
        pii,
        "_fork_map",
        lambda *a: forked.append(a[2]) or real(*a),  # type: ignore[func-returns-value]
    )
    for workers in (2, 3):
        assert Redactor(use_ner=use_ner).redact_many(texts, workers=workers) == serial
    assert forked == [2, 3]
    assert all("[name]" in r.text and "[NI number]" in r.text for r in serial)


def test_no_fork_means_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is missing (macOS and Windows start processes by spawn) the texts are redacted
    here, with the same result."""
    texts = _texts(6)
    serial = Redactor(use_ner=False).redact_many(texts, workers=1)
    monkeypatch.setattr(pii, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])

    def no_fork(*_: object) -> None:
        raise AssertionError("forked although fork is not available")

    monkeypatch.setattr(pii, "_fork_map", no_fork)
    assert Redactor(use_ner=False).redact_many(texts, workers=4) == serial


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not pii._can_fork()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_a_failed_child_is_redone_here() -> None:
    parent = os.getpid()

    def work(texts: Sequence[str]) -> list[list[Span]]:
        if os.getpid() != parent:
            raise RuntimeError("child failed")
        return [[Span(0, len(t), "name")] for t in texts]

    texts = ["a" * k for k in range(1, 9)]
    assert pii._fork_map(work, texts, 3) == work(texts)


def test_chunks_cover_every_text_once_in_order() -> None:
    texts = ["x" * k for k in (5, 1, 1, 1, 30, 2, 2, 2, 2, 9)]
    for n in (1, 2, 3, 4, 20):
        chunks = pii._chunks(texts, n)
        assert chunks[0][0] == 0 and chunks[-1][1] == len(texts) and len(chunks) <= n
        assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    assert pii._chunks([], 2) == []


def test_redaction_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRIMEPLAN_REDACT_WORKERS", "1")
    assert pii.redaction_workers() == 1
    monkeypatch.setenv("CRIMEPLAN_REDACT_WORKERS", "3")
    assert pii.redaction_workers() == 3
    monkeypatch.setenv("CRIMEPLAN_REDACT_WORKERS", "many")
    assert 1 <= pii.redaction_workers() <= 4
    monkeypatch.delenv("CRIMEPLAN_REDACT_WORKERS")
    assert 1 <= pii.redaction_workers() <= 4


def test_phrase_index_finds_what_the_alternation_regex_finds() -> None:
    phrases = sorted({p for p in pii._places() if " " in p}, key=len, reverse=True)
    regex = re.compile(rf"(?i)(?<!\w)(?:{'|'.join(re.escape(p) for p in phrases)})(?!\w)")
    index = PhraseIndex(phrases)  # the shipped index holds more (towns, stations, figures)
    texts = [
        *_texts(12),
        " ".join(phrases),
        "Harold Wood and Lady Margaret wards; HAROLD WOOD. xHarold Wood, Harold Woodside, "
        "lee green's buses, William Morris",
    ]
    for text in texts:
        assert index.spans(text) == [m.span() for m in regex.finditer(text)]
    small = PhraseIndex(["lee green", "lee", "green park"])
    assert small.spans("Lee Green Park, lee, leek") == [(0, 9), (16, 19)]
    with pytest.raises(ValueError):
        PhraseIndex(["(ward)"])


def test_a_sentence_repeated_at_other_offsets_is_redacted_in_each_text() -> None:
    """Each distinct sentence goes through the model once; its names land at each text's own
    offsets."""
    letter = (
        "I wrote to the Mayor, Sadiq Khan. Ottilie Brackenbury saw the attack on Pelham Street."
    )
    texts = [letter, f"Hello. {letter}", f"A longer opening line here. {letter} Thanks."]
    together = Redactor().redact_many(texts, workers=1)
    assert together == [Redactor().redact(t) for t in texts]
    assert all("Brackenbury" not in r.text and "Sadiq Khan" in r.text for r in together)
