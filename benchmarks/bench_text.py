"""Redaction throughput and campaign detection (issue 15).

- redaction: written pages (about 450 words each, 14 personal items in every page, every
  sentence distinct) through `Redactor.redact_many` as shipped (spaCy `ner` only, `nlp.pipe`
  batches, plus the rules, in forked workers, `CRIMEPLAN_REDACT_WORKERS`); baseline: the model alone over the same pages in
  one process; the detail line also gives one process with rules and model, the rules alone, and
  pages whose comments repeat from page to page (each distinct sentence goes to the model once).
  Aim: 50 pages/s on 2 cores.
- campaigns: `group_responses` on N synthetic responses (40% in three campaigns, every kind of
  variant); baseline: shingling alone. Default N = 20,000; `CRIMEPLAN_BENCH_CAMPAIGN_N=100000`
  for the full size (aim: under 10 minutes and 2 GB). Peak memory: the process's peak resident
  size (it runs before the redaction bench, so the model is not counted).
"""

from __future__ import annotations

import os
import random
import re
import resource
import time
from typing import Any

from crimeplan.consult.campaigns import _shingles, group_responses
from crimeplan.consult.pii import NER_BATCH, Redactor, load_ner, redaction_workers
from crimeplan.synthetic.campaign_docs import generate_campaign_responses, pairwise

PAGES = 200
SENTENCE_END = re.compile(r"(?<=[^\s.!?])(?=[.!?]+\s)")  # before a sentence's full stop


def _pages(n: int, *, distinct: bool = False) -> list[str]:
    """Pages of about 450 words: one letter's worth of personal data (14 items) among ordinary
    comments on the plan and sentences naming places, organisations and office holders. The
    comments repeat from page to page (as a campaign's would); with `distinct`, each has a
    reference added that makes it unique (as different residents' words are), so that the model
    sees every sentence."""
    from crimeplan.synthetic.consultation import COMMENTS
    from crimeplan.synthetic.planted_pii import (
        NON_PERSONAL_SENTENCES,
        PlantedSet,
        planted_sentences,
    )

    rng = random.Random(1)
    out = PlantedSet()
    pages = []
    for i in range(n):
        body = planted_sentences(rng, i, f"p{i}", out)
        while len(" ".join(body).split()) < 450:
            comment = rng.choice(COMMENTS + NON_PERSONAL_SENTENCES)
            if distinct:  # a reference at the end of each of its sentences
                comment = SENTENCE_END.sub(f" (ref {i}x{len(body)})", comment + " ")[:-1]
            body.append(comment)
        rng.shuffle(body)
        pages.append("\n\n".join(body))
    return pages


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ner_only(pages: list[str]) -> float:
    """Seconds for the model alone over the sentences it is given (one process, no rules)."""
    redactor, nlp = Redactor(), load_ner()
    start = time.perf_counter()
    pieces = [sentence for p in pages for _, sentence in redactor._candidates(p)]
    for doc in nlp.pipe(pieces, batch_size=NER_BATCH):
        _ = [e for e in doc.ents if e.label_ == "PERSON"]
    return time.perf_counter() - start


def bench_redaction(n: int = PAGES) -> dict[str, Any]:
    """Pages per second of `Redactor.redact_many` as shipped (forked workers where the machine
    has more than one CPU) on pages whose every sentence is distinct, against the model alone
    over the same pages (one process) in the same run; also one process with rules and model, the
    rules alone, and pages whose comments repeat (each distinct sentence goes through the model
    once)."""
    pages, repeated = _pages(n, distinct=True), _pages(n)
    load_ner()
    Redactor().redact_many(pages[:5], workers=1)  # warm the model and the word lists
    ner_s = _ner_only(pages)
    start = time.perf_counter()
    Redactor(use_ner=False).redact_many(pages, workers=1)
    rules_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    serial = Redactor().redact_many(pages, workers=1)
    serial_s = time.perf_counter() - start
    serial_cpu = time.process_time() - cpu
    workers = redaction_workers()
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    shipped = Redactor().redact_many(pages)
    ours_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    child_s = _children_cpu() - children
    start = time.perf_counter()
    Redactor().redact_many(repeated)
    repeated_s = time.perf_counter() - start
    same = "same spans" if shipped == serial else "SPANS DIFFER from one process"
    return {
        "name": "redaction (pages)",
        "ours_s": ours_s,
        "baseline_s": ner_s,
        "ratio": ours_s / ner_s,
        "aim": ">= 50 pages/s",
        "rows_per_s": n / ours_s,
        "detail": (
            f"{n / ours_s:.0f} pages/s with {workers} process(es) ({same}); baseline = the model "
            f"alone, one process: {n / ner_s:.0f} pages/s; rules and model, one process: "
            f"{n / serial_s:.0f} pages/s; rules alone: {n / rules_s:.0f} pages/s; pages whose "
            f"comments repeat: {n / repeated_s:.0f} pages/s. CPU: one process {serial_cpu:.1f} s, "
            f"shipped {cpu_s:.1f} s here + {child_s:.1f} s in children (on a loaded machine "
            "compare these, not the wall times)"
        ),
    }


def bench_campaigns(n: int | None = None) -> dict[str, Any]:
    n = n or int(os.environ.get("CRIMEPLAN_BENCH_CAMPAIGN_N", "20000"))
    _ids, texts, truth = generate_campaign_responses(int(n * 0.6), 0.4)
    start = time.perf_counter()
    for t in texts:
        _shingles(t)
    base_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    groups = group_responses(texts)
    ours_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # whole process, MB
    recall, precision = pairwise(truth, groups)
    return {
        "name": f"campaigns ({len(texts):,})",
        "ours_s": ours_s,
        "baseline_s": base_s,
        "ratio": ours_s / base_s,
        "aim": "100,000 in < 600 s, < 2 GB",
        "rows_per_s": len(texts) / ours_s,
        "peak_mb": peak,
        "detail": f"pairwise recall {recall:.3f}, precision {precision:.3f}; CPU {cpu_s:.0f} s",
    }


def run(**_: Any) -> list[dict[str, Any]]:
    campaigns = bench_campaigns()
    return [campaigns, bench_redaction()]


if __name__ == "__main__":
    from benchmarks.__main__ import show

    for r in run():
        show(r)
