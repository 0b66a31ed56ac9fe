"""Free-text themes end to end: 10,000 survey answers segmented, embedded (MiniLM, on the GPU
where torch sees one), themes discovered and every answer coded, then summarised.

Prints answers per second end to end (aim: 150 or more on 2 cores), the process's peak resident
memory, the load average and the CPU seconds per answer (the machine is shared; the rate on two
free cores is worked out from the CPU seconds); the baseline is embedding the same answers alone
(the part no pipeline can skip), so the ratio is what segmenting, discovery, coding and storing
add. A quarter-size run first measures how the CPU time grows with the answers; 50,000 answers
coded and summarised are projected from the full run with that growth (aim: under 2 hours on 2
cores).
Env `CRIMEPLAN_BENCH_THEMES_N` changes the number of answers; `python -m benchmarks.bench_themes`
runs it alone.
"""

from __future__ import annotations

import csv
import math
import os
import resource
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Run:
    answers: int
    segments: int
    themes: int
    unassigned: int
    published: int
    analysed: float  # wall seconds
    summarised: float
    cpu: float  # CPU seconds of all threads, analyse + summary
    baseline: float  # wall seconds of the embedding alone
    baseline_cpu: float

    @property
    def total(self) -> float:
        return self.analysed + self.summarised

    @property
    def quiet_s(self) -> float:
        """Wall seconds on two free cores: the embedding uses both (torch intra-op threads),
        the rest (discovery, coding, storing, summary) runs on one."""
        return self.baseline_cpu / 2 + max(0.0, self.cpu - self.baseline_cpu)


def _measure(answers: int) -> _Run:
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
    return _Run(
        known.answers, report.segments, report.themes, report.unassigned, len(results.themes),
        analysed, summarised, used_cpu, baseline, baseline_cpu,
    )  # fmt: skip


def run(**_: Any) -> list[dict[str, Any]]:
    answers = int(os.environ.get("CRIMEPLAN_BENCH_THEMES_N", "10000"))
    load_before = os.getloadavg()[0]
    small = _measure(answers // 4)
    big = _measure(answers)
    load_after = os.getloadavg()[0]
    # Growth measured between the two sizes (CPU seconds, which the load does not inflate),
    # at least linear; 50,000 answers projected from the larger run with that exponent.
    exponent = max(1.0, math.log(big.cpu / small.cpu) / math.log(big.answers / small.answers))
    grow = (50000 / big.answers) ** exponent
    projected, projected_quiet = big.total * grow, big.quiet_s * grow
    return [
        {
            "name": f"themes: {big.answers:,} answers",
            "ours_s": big.total,
            "baseline_s": big.baseline,
            "ratio": big.total / big.baseline,
            "aim": ">= 150 answers/s end to end",
            "rows_per_s": big.answers / big.total,
            "peak_mb": _peak_mb(),
            "detail": (
                f"{big.segments:,} segments, {big.themes} themes discovered, "
                f"{big.unassigned:,} unassigned; analyse {big.analysed:.1f} s, summary "
                f"{big.summarised:.1f} s, device {MiniLMEmbedder().device}; {big.published} "
                f"themes published; CPU seconds (all threads): ours {big.cpu:.1f} "
                f"({1000 * big.cpu / big.answers:.1f} ms per answer), embedding alone "
                f"{big.baseline_cpu:.1f}; on two free cores (embedding on both, the rest on "
                f"one): {big.quiet_s:.1f} s = {big.answers / big.quiet_s:.0f} answers/s; "
                f"load average {load_before:.1f} before, {load_after:.1f} after, on "
                f"{os.cpu_count()} cores"
            ),
        },
        {
            "name": "themes: 50,000 projected",
            "ours_s": projected,
            "baseline_s": 7200.0,
            "ratio": projected / 7200.0,
            "aim": "< 1 (under 2 hours on 2 cores)",
            "detail": (
                f"from {small.answers:,} and {big.answers:,} answers measured here: CPU seconds "
                f"{small.cpu:.1f} and {big.cpu:.1f}, growth exponent {exponent:.2f} (at least "
                f"1); x {grow:.1f} from the larger run: {projected:.0f} s at this load, "
                f"{projected_quiet:.0f} s on two free cores; no per-answer cost"
            ),
        },
    ]


if __name__ == "__main__":
    from benchmarks.__main__ import show

    for r in run():
        show(r)
