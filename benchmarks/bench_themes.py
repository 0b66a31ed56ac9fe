"""Free-text themes end to end: 10,000 survey answers segmented, embedded (MiniLM, on the GPU
where torch sees one), themes discovered and every answer coded, then summarised.

Prints answers per second end to end (aim: 150 or more on 2 cores) and the process's peak
resident memory; the baseline is embedding the same answers alone (the part no pipeline can
skip), so the ratio is what segmenting, discovery, coding and storing add. Then projects 50,000
answers coded and summarised from the measured stages (aim: under 2 hours on 2 cores).
Env `CRIMEPLAN_BENCH_THEMES_N` changes the number of answers; `python -m benchmarks.bench_themes`
runs it alone.
"""

from __future__ import annotations

import csv
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from crimeplan.consult.consultation_file import load_consultation
from crimeplan.consult.text.analysis import analyse
from crimeplan.consult.text.embed import MiniLMEmbedder
from crimeplan.consult.text.results import theme_results
from crimeplan.consult.text.synthetic import (
    OPEN_QUESTIONS,
    load_themed_consultation,
    write_themed_consultation,
)
from crimeplan.store.appdb import AppDB, upgrade

ROOT = Path(__file__).resolve().parents[1]
ANSWERS_PER_RESPONDENT = 2.65  # the synthetic survey: one answer always, three more at 55%


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(**_: Any) -> list[dict[str, Any]]:
    answers = int(os.environ.get("CRIMEPLAN_BENCH_THEMES_N", "10000"))
    loaded = load_consultation(ROOT / "consultations" / "london-2017-draft-plan.yaml")
    with tempfile.TemporaryDirectory(prefix="bench-themes-") as tmp:
        folder = Path(tmp)
        known = write_themed_consultation(
            folder, respondents=int(answers / ANSWERS_PER_RESPONDENT), letters=20
        )
        db = AppDB(f"sqlite:///{folder / 'app.sqlite'}")
        upgrade(db.url)
        load_themed_consultation(db, loaded, folder)
        embedder = MiniLMEmbedder()
        with (folder / "survey.csv").open(newline="", encoding="utf-8") as fh:
            texts = [cell for row in csv.reader(fh) for cell in row[2:] if cell][
                len(OPEN_QUESTIONS) :
            ]
        embedder.embed(texts[:64])  # load the model once, outside both timings
        start, cpu = time.perf_counter(), time.process_time()
        embedder.embed(texts)
        baseline = time.perf_counter() - start
        baseline_cpu = time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        report = analyse(db, None, embedder)
        analysed = time.perf_counter() - start
        start = time.perf_counter()
        with db.reading() as session:
            results = theme_results(session, None, embedder.name)
        summarised = time.perf_counter() - start
        used_cpu = time.process_time() - cpu
        db.dispose()
    total = analysed + summarised
    rate = known.answers / total
    projected = total * 50000 / known.answers  # every stage grows about linearly with answers
    return [
        {
            "name": f"themes: {known.answers:,} answers",
            "ours_s": total,
            "baseline_s": baseline,
            "ratio": total / baseline,
            "aim": ">= 150 answers/s end to end",
            "rows_per_s": rate,
            "peak_mb": _peak_mb(),
            "detail": (
                f"{report.segments:,} segments, {report.themes} themes discovered, "
                f"{report.unassigned:,} unassigned; analyse {analysed:.1f} s, summary "
                f"{summarised:.1f} s, device {embedder.device}; {len(results.themes)} themes "
                f"published; CPU seconds (all threads): ours {used_cpu:.1f}, baseline "
                f"{baseline_cpu:.1f}; load average {os.getloadavg()[0]:.1f} on "
                f"{os.cpu_count()} cores"
            ),
        },
        {
            "name": "themes: 50,000 projected",
            "ours_s": projected,
            "baseline_s": 7200.0,
            "ratio": projected / 7200.0,
            "aim": "< 1 (under 2 hours on 2 cores)",
            "detail": f"projected from {known.answers:,} answers measured above; no per-answer cost",
        },
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import show

    for r in run():
        show(r)
