"""What `latest` means: the latest quarter for which the plan's main source is complete.

The main source is the one most of the plan's computed measures come from. For the Met's
tables, the borough table is what the force and borough figures are built from, so a ward
table published three months ahead of it does not move `latest` into a quarter with no
borough figures (issue 11: every London and borough figure went blank). Every face that shows
a `latest` period says what it meant (`LatestPeriod.sentence`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from crimeplan.errors import NoDataError
from crimeplan.measures.periods import Period, latest_complete_quarter, period_label

if TYPE_CHECKING:
    from crimeplan.plan.model import Plan
    from crimeplan.store import Store

SOURCE_NAMES = {
    "mps-crime": "the Met's recorded-crime tables",
    "police-uk": "the data.police.uk street-level files",
    "values": "the values loaded for the plan",
}


@dataclass(frozen=True)
class LatestPeriod:
    """The period `latest` resolved to, and why."""

    period: Period
    source: str  # mps-crime | police-uk | values
    last_month: date  # the last month the main source holds in full
    detail: str  # which table, and anything that runs further

    @property
    def sentence(self) -> str:
        return (
            f"Latest is {self.period.label} ({period_label(self.period)}): the latest quarter "
            f"for which {self.detail} is complete (to {self.last_month:%B %Y})."
        )


def sources_by_use(plan: Plan) -> list[str]:
    """The plan's computed sources, the one most measures come from first (plan order breaks
    ties)."""
    sources = [m.source for m in plan.measures() if m.source in SOURCE_NAMES]
    return [s for s, _n in Counter(sources).most_common()]


def _last_months(store: Store, plan: Plan, source: str) -> dict[str, date]:
    """The last month held, per table level (mps-crime) or for the whole source."""
    t: Any
    if source == "mps-crime":
        t = store.ibis.table("mps_crime")
        df = store.run(t.group_by("level").aggregate(last=t.month.max()))
        return {str(r.level): _month(r.last) for r in df.itertuples() if r.last is not None}
    if source == "police-uk":
        t = store.ibis.table("police_uk_crimes")
        df = store.run(t.aggregate(last=t.month.max()))
        last = df["last"].iloc[0] if len(df) else None
        return {} if last is None or last != last else {"all": _month(last)}
    keys = [m.key for m in plan.measures() if m.source == "values"]
    t = store.ibis.table("measure_values")
    labels = store.run(t.filter(t.measure.isin(keys)).select("period").distinct())["period"]
    ends = [Period.parse(str(lbl)).end for lbl in labels]
    return {"all": max(ends)} if ends else {}


def _month(value: Any) -> date:
    return date(value.year, value.month, 1)


def latest_complete(store: Store, plan: Plan) -> LatestPeriod:
    """The latest quarter for which the plan's main source (of those holding data, the one
    most of its measures come from) is complete."""
    for source in sources_by_use(plan):
        last = _last_months(store, plan, source)
        if last:
            break
    else:
        raise NoDataError(
            f"the store holds no data for plan {plan.id}",
            hint="Load some with `crimeplan ingest mps-crime PATH` or `crimeplan demo`",
        )
    if "borough" in last:
        level, month = "borough", last["borough"]
    else:
        level, month = min(last.items(), key=lambda kv: kv[1])
    detail = SOURCE_NAMES[source]
    if source == "mps-crime":
        detail = f"the Met's {level} table"
        ahead = [f"the {lv} table runs to {m:%B %Y}" for lv, m in sorted(last.items()) if m > month]
        if ahead:
            detail += f" ({'; '.join(ahead)})"
    return LatestPeriod(latest_complete_quarter(month), source, month, detail)
