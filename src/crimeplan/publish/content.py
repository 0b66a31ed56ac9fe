"""What a report shows, gathered once from the engine and rendered by every writer.

The HTML, PDF, Word, Excel and CSV outputs are all drawn from one `QuarterlyContent` (or
`ForceContent`), so no writer reaches into the store and every figure comes from the
measures service (`crimeplan.measures.service`), never from publish code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Measure, Plan
from crimeplan.publish.charts import Trend
from crimeplan.publish.commentary import Commentary, MeasureCommentary, stale_quotes
from crimeplan.publish.figures import RAG_WORDS


@dataclass(frozen=True)
class MeasureBlock:
    """One measure in its priority's section: figures, trend, commentary and method."""

    result: MeasureResult
    measure: Measure
    trend: Trend
    commentary: MeasureCommentary
    previous_rag: str | None = None  # the rating one period earlier, if the data holds it

    @property
    def stale_quotes(self) -> list[str]:
        """Figures the commentary quotes that differ from today's data (marked beside it)."""
        return stale_quotes(self.commentary.commentary, self.result)

    @property
    def missing_corrective_action(self) -> bool:
        """Red with no corrective action: the Havering rule says a Red must have one."""
        return self.result.rag == "red" and not self.commentary.corrective_action.strip()


@dataclass(frozen=True)
class PrioritySection:
    id: str
    title: str
    description: str
    blocks: list[MeasureBlock]

    @property
    def results(self) -> list[MeasureResult]:
        return [b.result for b in self.blocks]


@dataclass(frozen=True)
class Summary:
    """The RAG summary a committee reads first ("Of the 3 indicators 2 are Red and 1 is
    Green"), and what moved since the previous period."""

    total: int
    counts: dict[str, int]  # red/amber/green -> how many
    not_rated: int
    moved: list[str]  # sentences: measures whose RAG changed since the previous period
    not_compared: list[str]  # rated now, but with no rating in the previous period to compare
    short_term: dict[str, int]  # better/worse/same -> how many, against the previous period
    long_term: dict[str, int]  # against the same period last year

    def sentence(self) -> str:
        parts = []
        for rag in ("red", "amber", "green"):
            n = self.counts.get(rag, 0)
            if n:
                share = 100 * n / self.total if self.total else 0
                parts.append(f"{n} ({share:.1f}%) {'is' if n == 1 else 'are'} {RAG_WORDS[rag]}")
        if self.not_rated:
            # no target, a neutral measure, or a figure the rating needs is missing
            parts.append(f"{self.not_rated} {'is' if self.not_rated == 1 else 'are'} not rated")
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        noun = "measure" if self.total == 1 else "measures"
        return f"Of the {self.total} {noun}, {listed}."


def summarise(blocks: list[MeasureBlock]) -> Summary:
    """Count ratings and directions, and list every measure whose rating changed."""
    results = [b.result for b in blocks]
    counts: Counter[str] = Counter(r.rag for r in results if r.rag is not None)
    moved = []
    for b in blocks:
        before, now = b.previous_rag, b.result.rag
        if before is not None and now is not None and before != now:
            moved.append(
                f"{b.result.measure_title}: {RAG_WORDS[before]} to {RAG_WORDS[now]} "
                f"since {b.result.previous_period}"
            )
    not_compared = [
        b.result.measure_title
        for b in blocks
        if b.result.rag is not None and b.previous_rag is None
    ]
    return Summary(
        total=len(results),
        counts=dict(counts),
        not_compared=not_compared,
        not_rated=sum(1 for r in results if r.rag is None),
        moved=moved,
        short_term=dict(Counter[str](r.dot_short for r in results if r.dot_short is not None)),
        long_term=dict(Counter[str](r.dot_long for r in results if r.dot_long is not None)),
    )


@dataclass(frozen=True)
class QuarterlyContent:
    """Everything a quarterly report for one area shows."""

    plan: Plan
    area_code: str
    area_name: str
    period: str
    sections: list[PrioritySection]
    commentary: Commentary | None
    produced_on: date
    vintage: str | None  # the latest month of data behind any figure (YYYY-MM)
    period_note: str | None = None  # what `latest` meant, when the period was asked that way
    period_words: str = ""  # the period in plain words: "July to September 2025"

    @property
    def synthetic(self) -> bool:
        """Whether any figure comes from synthetic data (labelled beside it and at the top)."""
        return any(r.synthetic for r in self.results)

    @property
    def results(self) -> list[MeasureResult]:
        return [r for s in self.sections for r in s.results]

    @property
    def blocks(self) -> list[MeasureBlock]:
        return [b for s in self.sections for b in s.blocks]

    @property
    def summary(self) -> Summary:
        return summarise(self.blocks)

    @property
    def parent_name(self) -> str | None:
        return next((r.parent_name for r in self.results if r.parent_name), None)


@dataclass(frozen=True)
class ForceMeasure:
    """One measure across every borough, with the force-wide value."""

    measure: Measure
    force: MeasureResult
    boroughs: list[MeasureResult]


@dataclass(frozen=True)
class ForceContent:
    plan: Plan
    period: str
    measures: list[ForceMeasure]
    produced_on: date
    vintage: str | None
    notes: list[str] = field(default_factory=list)
    period_note: str | None = None

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for fm in self.measures for r in [fm.force, *fm.boroughs])


def latest_vintage(results: list[MeasureResult]) -> str | None:
    """The newest data month behind the figures (each figure also keeps its own)."""
    vintages = [r.vintage for r in results if r.vintage]
    return max(vintages) if vintages else None
