"""What a register link points at: a plan commitment's words, or a measure and its rating.

`measure_status` is the one call into the measures service (`measures.service.rate_plan`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from crimeplan.errors import CrimeplanError
from crimeplan.plan import Plan
from crimeplan.plan.versions import commitment_text
from crimeplan.publish.figures import format_value
from crimeplan.scrutiny.tracker import LinkView, MeasureStatus
from crimeplan.store import Store
from crimeplan.store.appdb import register_models as r


def measure_status(
    store: Store, plan: Plan, measure_id: str, area: str, period: str = "latest"
) -> MeasureStatus:
    """The measure's rating for the area and period (default the latest the store holds)."""
    from crimeplan.measures.service import rate_plan

    result = next(x for x in rate_plan(store, plan, area, period) if x.measure_id == measure_id)
    return MeasureStatus(
        plan=plan.id,
        measure_id=measure_id,
        title=result.measure_title,
        area=result.area_name,
        period=result.period,
        value="no data" if result.value is None else format_value(result.value, result.unit),
        rag=result.rag,
        signal=result.signal,
        signal_sentence=result.signal_sentence,
    )


class LinkResolver:
    """Resolve links against the plans and, where a store is given, rate linked measures.

    A measure's status is computed once per (plan, measure, area, period) per resolver.
    """

    def __init__(
        self, plans: Mapping[str, Plan], store: Store | None = None, period: str = "latest"
    ) -> None:
        self.plans = dict(plans)
        self.store = store
        self.period = period
        self._status = cache(self._rate)

    def _rate(self, plan_id: str, measure_id: str, area: str) -> MeasureStatus | None:
        if self.store is None:
            return None
        try:
            return measure_status(self.store, self.plans[plan_id], measure_id, area, self.period)
        except CrimeplanError:
            return None  # no data for this measure yet: the link shows without a rating

    def __call__(self, link: r.RecommendationLink) -> LinkView:
        plan = self.plans.get(link.plan_id)
        if plan is None:
            return LinkView(link.kind, link.plan_id, link.target, link.target)
        if link.kind == "commitment":
            return LinkView("commitment", plan.id, link.target, commitment_text(plan, link.target))
        measure = plan.measure(link.target)
        status = self._status(plan.id, measure.id, link.area or plan.area)
        return LinkView("measure", plan.id, link.target, measure.title, status)
