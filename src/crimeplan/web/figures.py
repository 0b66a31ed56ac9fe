"""What the dashboard shows, fetched from the measures service and remembered in-process.

Every figure comes from `crimeplan.measures.service` (`plan_results`, `area_results`,
`series_results`, `resolve_period`), the calls the CLI and the reports make too; this module
only resolves names once (to an `Area` and a `Period`), calls the service and caches its
answers. A cache entry is keyed by (plan, call, area, period, ...) and by the
store's `data_version`, which every committed ingest increases: the first request after an
ingest finds the version changed and empties the cache, so no page shows stale figures.

DuckDB connections are not safe to share between threads, and FastAPI runs plain route
functions in a thread pool, so every engine call holds the engine lock. The caches have a lock
of their own, held only for a lookup, and the data version is read through a cursor of its
own: a cached answer never waits behind an engine call (four clients asking for uncached
ward figures used to hold a cached API answer for seconds; benchmarks/bench_starvation.py).
`crimeplan serve` goes further and computes uncached figures in a worker process
(`crimeplan.web.figure_worker`), so that they do not share this process's interpreter either.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd

from crimeplan.errors import NotFoundError
from crimeplan.geo import Area, Geography
from crimeplan.measures import service
from crimeplan.measures.latest import LatestPeriod
from crimeplan.measures.other_force import OtherForceFigures
from crimeplan.measures.periods import Period, month_periods
from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Measure, Plan
from crimeplan.store import Store
from crimeplan.web import figure_worker
from crimeplan.web.figure_worker import FigureWorker

T = TypeVar("T")

CACHE_ENTRIES = 65536
"""Most answers kept at once (least recently used go first): the warm-up's answers for a plan
of 40 measures over 700 wards and 33 boroughs (about 30,000) stay inside it."""

PAGE_ENTRIES = 2048
"""Most rendered pages kept at once (about 100 kB each): every page the warm-up renders."""

LEVELS = ("borough", "ward")


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    entries: int
    data_version: int


class Figures:
    """The engine's answers for the plans the dashboard serves, cached by data version."""

    def __init__(self, store: Store, plans: list[Plan], geography: Geography) -> None:
        if not plans:
            raise NotFoundError("the dashboard has no plan to show; give a plan file")
        self.store = store
        self.plans = {p.id: p for p in plans}
        # The front page shows the fullest plan for the whole force area (London): of the
        # plans covering it, the one with most measures (the first given on a tie).
        force_wide = [p for p in plans if p.area == geography.force_code] or plans
        self.default_plan_id = max(force_wide, key=lambda p: len(p.measures())).id
        self.geo = geography
        self._lock = threading.RLock()  # the caches and counters: held for lookups only
        self._engine = threading.Lock()  # the store's connection: held for engine calls
        self._version_cursor = store.con.cursor()  # data_version without the engine lock
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._version = -1
        self._worker: FigureWorker | None = None
        self.hits = 0
        self.misses = 0

    # -- names -------------------------------------------------------------------------

    def plan(self, plan_id: str | None = None) -> Plan:
        pid = plan_id or self.default_plan_id
        if pid not in self.plans:
            known = ", ".join(self.plans)
            raise NotFoundError(f"no plan {pid!r}; this dashboard serves: {known}")
        return self.plans[pid]

    def measure(self, plan: Plan, measure_id: str) -> Measure:
        return plan.measure(measure_id)

    def area(self, name_or_code: str | None, plan: Plan) -> Area:
        """An area by name or ONS code; none means the plan's own area (London-wide)."""
        return self.geo.resolve(name_or_code) if name_or_code else self.geo.area(plan.area)

    def resolved(self, plan: Plan, label: str | None) -> tuple[Period, LatestPeriod | None]:
        """A period label read against the data once (`service.resolve_period`: a malformed
        label or one outside the data is an error); none or 'latest' is the latest quarter
        for which the plan's main source is complete, with the sentence saying so."""
        text = "latest" if label is None or not label.strip() else label.strip()
        return self._cached(
            ("period", plan.id, text),
            lambda: service.resolve_period(self.store, plan, text),
            self._served(plan, (figure_worker.resolve_period, plan.id, text)),
        )

    def period(self, plan: Plan, label: str | None) -> Period:
        return self.resolved(plan, label)[0]

    def period_choices(self, plan: Plan, chosen: Period) -> list[str]:
        """The periods offered in the page forms: the latest 8 quarters and the year to date
        they close, plus the period shown if it is none of those."""
        latest = self.period(plan, None)
        quarters = [latest]
        while len(quarters) < 8:
            quarters.append(quarters[-1].previous())
        labels = [latest.ytd().label] + [q.label for q in quarters]
        return labels if chosen.label in labels else [chosen.label, *labels]

    # -- service calls -----------------------------------------------------------------

    def rate_plan(self, plan: Plan, area: Area, period: Period) -> list[MeasureResult]:
        return self._cached(
            ("rate_plan", plan.id, area.code, period),
            lambda: service.plan_results(self.store, service.Scope(plan, area, period)),
            self._served(plan, (figure_worker.plan_results, plan.id, area, period)),
        )

    def rate_areas(
        self, plan: Plan, measure_id: str, level: str, period: Period, within: Area | None = None
    ) -> list[MeasureResult]:
        if level not in LEVELS:
            raise NotFoundError(f"no area level {level!r}; use one of: {', '.join(LEVELS)}")
        plan.measure(measure_id)  # NotFoundError names the plan's measures
        return self._cached(
            ("rate_areas", plan.id, measure_id, level, period, within.code if within else None),
            lambda: service.area_results(self.store, plan, measure_id, level, period, within),
            self._served(
                plan, (figure_worker.area_results, plan.id, measure_id, level, period, within)
            ),
        )

    def series(
        self, plan: Plan, measure_id: str, area: Area, start: Period, end: Period
    ) -> list[MeasureResult]:
        m = plan.measure(measure_id)
        months = month_periods(start.start, end.end)
        return self._cached(
            ("series", plan.id, measure_id, area.code, start, end),
            lambda: service.series_results(self.store, plan, [m], area, months),
            self._served(plan, (figure_worker.series_results, plan.id, measure_id, area, months)),
        )

    def area_force(self, area: Area, period: Period) -> OtherForceFigures | None:
        """The recorded crime of the force policing `area` when it is not the Met (the City of
        London Police), from police.uk data (`service.area_force_figures`)."""
        return self._cached(
            ("area_force", area.code, period),
            lambda: service.area_force_figures(self.store, area, period),
            (figure_worker.area_force_figures, area, period),
        )

    # -- England and Wales: police.uk records of many forces (measures/national.py) ----

    def national_plan(self) -> Plan:
        """The national measure set (`police_uk_plan`: every police.uk crime type in the
        store as a count and a rate, and all records), read from the data once per version."""
        from crimeplan.measures.offence_groups import police_uk_plan

        return self._cached(("national_plan",), lambda: police_uk_plan(self.store))

    def forces_loaded(self) -> dict[str, int]:
        """The forces whose police.uk records are loaded, with their record counts."""
        from crimeplan.measures import national

        # in the worker where there is one: every page's navigation asks, so it must not
        # wait for an engine call in this process (the warm-up's measure set)
        return self._cached(
            ("forces_loaded",),
            lambda: national.forces_loaded(self.store),
            (figure_worker.forces_loaded,),
        )

    def rate_level(
        self, plan: Plan, measure_id: str, level: str, period: Period, within: Area | None = None
    ) -> list[MeasureResult]:
        """One measure for every force, or every partnership (of one force)."""
        from crimeplan.measures import national

        plan.measure(measure_id)
        code = within.code if within else None
        return self._cached(
            ("rate_level", plan.id, measure_id, level, period, code),
            lambda: national.rate_level(self.store, plan, measure_id, level, period, code),
        )

    def similar(
        self, plan: Plan, measure_id: str, force: Area, period: Period
    ) -> tuple[pd.DataFrame, str]:
        """The force beside its most similar forces (`national.compare_similar`)."""
        from crimeplan.measures import national

        plan.measure(measure_id)
        return self._cached(
            ("similar", plan.id, measure_id, force.code, period),
            lambda: national.compare_similar(self.store, plan, measure_id, force.code, period),
        )

    def warm_national(
        self, plan: Plan, period: Period, trend: tuple[Period, Period], measure_id: str
    ) -> int:
        """`warm` for the national pages: every force's and partnership's measures (with
        signals), each measure for every force and for the partnerships of each force, each
        force beside its most similar forces for `measure_id`, and the monthly trend of every
        measure with a value, in a few batched queries stored under the per-page keys."""
        from crimeplan.measures import batch, national

        forces = self.geo.of_level("force")
        csps = {f.code: [c.code for c in self.geo.of_level("csp", f.code)] for f in forces}
        codes = [f.code for f in forces] + [c for cs in csps.values() for c in cs]
        measure_ids = [m.id for m in plan.measures()]
        lower = plan.measure(measure_id).polarity == "lower_is_better"
        version = self._current_version()
        with self._engine:  # the engine, never the cache lock: pages are served meanwhile
            answers: dict[Hashable, Any] = {}
            by_area = batch.rate_plan_many(self.store, plan, codes, period)
            for code, results in by_area.items():
                answers[("rate_plan", plan.id, code, period)] = results
            rows = batch.rate_areas_many(self.store, plan, measure_ids, codes, period)
            for m in measure_ids:
                answers[("rate_level", plan.id, m, "force", period, None)] = [
                    rows[(m, f.code)] for f in forces
                ]
                for force_code, cs in csps.items():
                    answers[("rate_level", plan.id, m, "csp", period, force_code)] = [
                        rows[(m, c)] for c in cs
                    ]
            for f in forces:
                group, definition = national.similar_forces(f.code)
                res = [rows[(measure_id, c)] for c in [f.code, *group]]
                answers[("similar", plan.id, measure_id, f.code, period)] = (
                    national.similar_frame(res, f.code, lower),
                    national.similar_heading(f.name, definition),
                )
            # the trend chart's measure for every area, with a value or not
            shown = [(measure_id, code) for code in codes]
            self._add_trends(answers, plan, by_area, trend, shown)
        self._keep(answers, version)
        return len(answers)

    # -- warm-up ----------------------------------------------------------------------

    def warm(
        self, plan: Plan, period: Period, trend: tuple[Period, Period], wards: bool = True
    ) -> int:
        """Compute the figures every page of `plan` shows for `period` in a few batched
        queries (`measures/batch.py`) and put them in the cache under the keys the per-page
        calls use: each area's measures (London, boroughs and, with `wards`, every ward),
        each measure for every borough and for the wards of each borough, and the monthly
        trend `trend` (start, end) of every measure with a value. Returns the answers stored."""
        from crimeplan.measures import batch

        geo = self.geo
        boroughs = geo.boroughs()
        codes = [plan.area] + [b.code for b in boroughs]
        if wards:
            codes += [w.code for w in geo.wards(None)]
        measure_ids = [m.id for m in plan.measures()]
        version = self._current_version()
        with self._engine:  # the engine, never the cache lock: pages are served meanwhile
            answers: dict[Hashable, Any] = {}
            # One engine call gives each area's plan and the rows of every borough and ward
            # table: the tables are the same figures, so they are not computed a second time.
            many = batch.plan_many(self.store, plan, codes, period)
            by_area = many.by_area
            for code, results in by_area.items():
                answers[("rate_plan", plan.id, code, period)] = results
            for m in measure_ids:
                answers[("rate_areas", plan.id, m, "borough", period, None)] = [
                    many.rows[(m, b.code)] for b in boroughs
                ]
            for (m, b), ward_rows in batch.wards_by_borough(
                self.store, plan, measure_ids, period, geo, many.rows if wards else None
            ).items():
                answers[("rate_areas", plan.id, m, "ward", period, b)] = ward_rows
            self._add_trends(answers, plan, by_area, trend)
        self._keep(answers, version)
        return len(answers)

    def _current_version(self) -> int:
        with self._lock:
            self._check_version()
            return self._version

    def _keep(self, answers: dict[Hashable, Any], version: int) -> None:
        """Keep a warm-up's answers, unless an ingest changed the data while they were
        computed."""
        with self._lock:
            self._check_version()
            if version != self._version:
                return
            self._cache.update(answers)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)

    def _add_trends(
        self,
        answers: dict[Hashable, Any],
        plan: Plan,
        by_area: dict[str, list[MeasureResult]],
        trend: tuple[Period, Period],
        more_pairs: list[tuple[str, str]] | None = None,
    ) -> None:
        """Add the monthly trend of every (measure, area) with a value in `by_area` (and of
        `more_pairs`) to `answers` (engine lock held)."""
        from crimeplan.measures import batch

        valued = {
            (r.measure_id, code)
            for code, results in by_area.items()
            for r in results
            if r.value is not None
        }
        pairs = sorted(valued | set(more_pairs or []))
        start, end = trend
        for (m, code), series in batch.series_many(self.store, plan, pairs, start, end).items():
            answers[("series", plan.id, m, code, start, end)] = series

    # -- cache -------------------------------------------------------------------------

    @property
    def data_version(self) -> int:
        with self._lock:
            return self._read_version()

    def _read_version(self) -> int:
        row = self._version_cursor.execute(
            "SELECT value FROM meta WHERE key = 'data_version'"
        ).fetchone()
        return int(row[0]) if row else 0

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(
                self.hits, self.misses, len(self._cache) + len(self._pages), self._version
            )

    def page(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        """A rendered page from the page cache (same data-version rule as the figures), or
        rendered now. Rendering runs outside the lock; its engine calls take it as usual."""
        with self._lock:
            self._check_version()
            if key in self._pages:
                self.hits += 1
                self._pages.move_to_end(key)
                return self._pages[key]
            version = self._version
        body = render()
        with self._lock:
            if version == self._version:
                self._pages[key] = body
                if len(self._pages) > PAGE_ENTRIES:
                    self._pages.popitem(last=False)
        return body

    def _check_version(self) -> None:
        version = self._read_version()
        if version != self._version:
            self._cache.clear()
            self._pages.clear()
            self._version = version

    def use_worker(self, worker: FigureWorker) -> None:
        """Compute uncached figures in `worker` (a process over the same store, read-only)
        instead of in this process: see `crimeplan.web.figure_worker`."""
        self._worker = worker

    def _served(self, plan: Plan, remote: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """`remote` for a plan the worker process knows (one of the plans served); None for
        the national measure set, which is built from the data and computed in-process."""
        return remote if self.plans.get(plan.id) is plan else None

    def _cached(
        self, key: Hashable, compute: Callable[[], T], remote: tuple[Any, ...] | None = None
    ) -> T:
        """The cached answer for `key`, else `compute()` in-process or, with a worker,
        `remote` (a worker function and its arguments) in the worker process."""
        with self._lock:
            self._check_version()
            if key in self._cache:
                self.hits += 1
                self._cache.move_to_end(key)
                return self._cache[key]  # type: ignore[no-any-return]
            self.misses += 1
            version = self._version
        value = self._compute(compute, remote)
        with self._lock:
            if version == self._version:
                self._cache[key] = value
                if len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return value

    def _compute(self, compute: Callable[[], T], remote: tuple[Any, ...] | None) -> T:
        worker = self._worker
        if worker is not None and remote is not None:
            try:
                return worker.call(*remote)  # type: ignore[no-any-return]
            except BrokenProcessPool:
                pass  # the worker failed twice: compute here rather than lose the page
        with self._engine:
            return compute()
