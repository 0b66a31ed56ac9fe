"""The dashboard's HTML pages: overview, map, borough, measure, data (with downloads), methods.

Routes gather engine results through `Figures`, shape them into `tables.Table`s and charts,
and render Jinja templates built on the GOV.UK Frontend macros. A download is the same
`Table` a page shows, written as CSV, XLSX or JSON.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.measures.funnel import funnel_curve
from crimeplan.measures.periods import Period, add_months, period_label
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.rules import no_targets_note
from crimeplan.plan import Plan
from crimeplan.web import charts, tables
from crimeplan.web.figures import Figures
from crimeplan.web.rendering import ATTRIBUTION, render_page

router = APIRouter(include_in_schema=False)

TREND_MONTHS = 12
PlanQ = Annotated[str | None, Query(max_length=80)]
PeriodQ = Annotated[str | None, Query(max_length=40)]
MeasureQ = Annotated[str | None, Query(max_length=80)]
AreaQ = Annotated[str | None, Query(max_length=100)]


def _fig(request: Request) -> Figures:
    fig: Figures = request.app.state.figures
    return fig


def default_latest(fig: Figures, named: dict[str, str]) -> Period:
    """The latest period of the plan a London page shows (`?plan=`, else the default)."""
    return fig.period(fig.plan(named.get("plan")), None)


def cached_page(
    latest: Callable[[Figures, dict[str, str]], Period],
) -> Callable[[Callable[..., HTMLResponse]], Callable[..., HTMLResponse]]:
    """Serve a page route from the page cache, keyed by its address and query (and, through
    `Figures.page`, the data version); `latest` gives the period the page shows by default,
    so that the query naming it shares the entry. Only pages that rendered are kept: an
    error raises before anything is stored. FastAPI reads the route's own signature
    (`functools.wraps`)."""

    def decorate(route: Callable[..., HTMLResponse]) -> Callable[..., HTMLResponse]:
        @functools.wraps(route)
        def wrapper(**kwargs: Any) -> HTMLResponse:
            request: Request = kwargs["request"]
            fig = _fig(request)
            query = canonical_query(fig, request.url.query, latest)
            body = fig.page(("page", request.url.path, query), lambda: bytes(route(**kwargs).body))
            return HTMLResponse(body)

        return wrapper

    return decorate


page_cached = cached_page(default_latest)


def canonical_query(
    fig: Figures,
    query: str,
    latest: Callable[[Figures, dict[str, str]], Period] = default_latest,
) -> str:
    """A page's query with what does not change the page left out (empty fields, the default
    plan, the latest period spelt out), so `/?area=X` and `/?area=X&period=<latest>` share
    one cache entry. A query that names an unknown plan or a period where there is no data is
    kept as it is (the page says so). The latest period is read only where a period is
    named."""
    items = [(k, v) for k, v in parse_qsl(query) if v.strip()]
    named = dict(items)
    drop = {("plan", fig.default_plan_id), ("period", "latest")}
    if "period" in named or "plan" in named:
        try:
            drop.add(("period", latest(fig, named).label))
        except CrimeplanError:
            return query
    return urlencode(sorted(i for i in items if i not in drop))


def trend_window(period: Period) -> tuple[Period, Period]:
    """The months a sparkline or trend shows: the 12 ending with the period's last month."""
    return Period.month(add_months(period.end, -(TREND_MONTHS - 1))), Period.month(period.end)


def sparklines(
    fig: Figures, plan: Plan, area_code: str, results: list[MeasureResult], period: Period
) -> dict[str, dict[str, Any]]:
    """For each measure with a value: its last 12 months as SVG points and a sentence."""
    start, end = trend_window(period)
    area = fig.geo.area(area_code)
    out: dict[str, dict[str, Any]] = {}
    for r in results:
        if r.value is None:
            continue
        series = fig.series(plan, r.measure_id, area, start, end)
        values = [s.value for s in series]
        known = [(s.period, s.value) for s in series if s.value is not None]
        out[r.measure_id] = {
            "points": charts.sparkline_points(values),
            "first": known[0] if known else None,
            "last": known[-1] if known else None,
            "rows": [(s.period, s.value) for s in series],
        }
    return out


def page_addresses(fig: Figures, plan: Plan, wards: bool = True) -> list[str]:
    """Every page the warm-up renders for a plan: overview of London, each borough (and, with
    `wards`, each ward), each borough page, each measure's page and map, the data page for
    London and each borough, and the methods page."""
    q = "" if plan.id == fig.default_plan_id else f"plan={plan.id}&"
    areas = [b.code for b in fig.geo.boroughs()]
    if wards:
        areas += [w.code for w in fig.geo.wards(None)]
    out = [f"/?{q}", f"/data?{q}", f"/methods?{q}"]
    out += [f"/?{q}area={code}" for code in areas]
    out += [f"/borough/{b.code}?{q}" for b in fig.geo.boroughs()]
    out += [f"/data?{q}area={b.code}" for b in fig.geo.boroughs()]
    for m in plan.measures():
        out += [f"/measure/{m.id}?{q}", f"/map?{q}measure={m.id}"]
    return [a.rstrip("?&") for a in out]


def warm_up(app: Any, wards: bool = True) -> dict[str, float]:
    """Compute every figure the default plan's pages show for the latest period (batched,
    `Figures.warm`), and the national pages' figures where police.uk records are loaded
    (`national.warm_national`), then render each of those pages once into the page cache, so
    that no first visitor waits for a measure set. `crimeplan serve` runs this before the
    server reports ready (`/ready`). A plan with no data in the store (a store of police.uk
    records only) has no pages to warm: they say so on request. Returns the seconds each step
    took and the pages rendered."""
    from fastapi.testclient import TestClient

    from crimeplan.errors import NoDataError
    from crimeplan.web.national import warm_national

    fig: Figures = app.state.figures
    plan = fig.plan(None)
    t0 = time.perf_counter()
    addresses: list[str] = []
    try:
        period = fig.period(plan, None)
    except NoDataError:
        period = None
    if period is not None:
        fig.warm(plan, period, trend_window(period), wards=wards)
        addresses = page_addresses(fig, plan, wards=wards)
    t1 = time.perf_counter()
    national, national_s = warm_national(fig)
    addresses += national
    t2 = time.perf_counter()
    client = TestClient(app)  # no lifespan: the warm-up may itself run from the app's startup
    for address in addresses:
        response = client.get(address)
        if response.status_code != 200:
            raise RuntimeError(f"warm-up: {address} answered {response.status_code}")
    t3 = time.perf_counter()
    return {
        "figures_s": t1 - t0,
        "national_figures_s": national_s,
        "pages_s": t3 - t2,
        "pages": float(len(addresses)),
        "national_pages": float(len(national)),
    }


def labelled(title: str, results: list[MeasureResult]) -> str:
    """A chart or table title, saying so where any figure comes from synthetic data."""
    return title + (" (synthetic data)" if any(r.synthetic for r in results) else "")


def by_priority(results: list[MeasureResult]) -> list[tuple[str, list[MeasureResult]]]:
    groups: dict[str, list[MeasureResult]] = {}
    for r in results:
        groups.setdefault(r.priority_title, []).append(r)
    return list(groups.items())


@router.get("/", response_class=HTMLResponse)
@page_cached
def overview(
    request: Request, plan: PlanQ = None, area: AreaQ = None, period: PeriodQ = None
) -> HTMLResponse:
    fig = _fig(request)
    p = fig.plan(plan)
    a = fig.area(area, p)
    label, latest = fig.resolved(p, period)
    results = fig.rate_plan(p, a, label)
    return render_page(
        request,
        "overview.html",
        period_note=latest.sentence if latest else None,
        synthetic=any(r.synthetic for r in results),
        nav="overview",
        plan=p,
        area=a,
        period=label.label,
        period_words=period_label(label),
        groups=by_priority(results),
        no_targets=no_targets_note(p),
        sparks=sparklines(fig, p, a.code, results, label),
        boroughs=fig.geo.boroughs(),
        force=fig.geo.area(p.area),
        periods=fig.period_choices(p, label),
    )


def default_map_measure(plan: Plan) -> str:
    """The map opens on the plan's first rate per 1,000 residents (boroughs differ in size,
    so counts alone mislead), or its first measure if it has no rate."""
    rates = [m for m in plan.measures() if m.unit == "rate_per_1000"]
    return (rates or plan.measures())[0].id


@router.get("/map", response_class=HTMLResponse)
@page_cached
def borough_map(
    request: Request,
    plan: PlanQ = None,
    measure: MeasureQ = None,
    period: PeriodQ = None,
    show: Literal["value", "count"] = "value",
) -> HTMLResponse:
    fig = _fig(request)
    p = fig.plan(plan)
    m = p.measure(measure or default_map_measure(p))
    label = fig.period(p, period)
    results = fig.rate_areas(p, m.id, "borough", label)
    table = tables.ranking_table(results, None, m.title)
    # A rate can be shown as its count (the engine's numerator) with one click, and back.
    by_count = show == "count" and m.unit != "count"
    shown = {r.area_code: (r.numerator if by_count else r.value) for r in results}
    classes = charts.colour_classes(list(shown.values()))
    colours = {code: charts.colour_of(v, classes) for code, v in shown.items()}
    return render_page(
        request,
        "map.html",
        nav="map",
        plan=p,
        measure=m,
        period=label.label,
        period_words=period_label(label),
        table=table,
        classes=classes,
        colours=colours,
        values=shown,
        shown_unit="count" if by_count else m.unit,
        show=show,
    )


@router.get("/borough/{code}", response_class=HTMLResponse)
@page_cached
def borough(
    request: Request,
    code: str,
    plan: PlanQ = None,
    period: PeriodQ = None,
    measure: MeasureQ = None,
) -> HTMLResponse:
    fig = _fig(request)
    p = fig.plan(plan)
    a = fig.geo.resolve(code)
    if a.level != "borough":
        raise NotFoundError(
            f"{a.name} ({a.code}) is a {a.level}, not a borough; the overview shows any area: "
            f"/?area={a.code}"
        )
    label = fig.period(p, period)
    results = fig.rate_plan(p, a, label)
    chosen = p.measure(measure) if measure else None
    if chosen is None:
        with_value = [r for r in results if r.value is not None]
        chosen = p.measure(with_value[0].measure_id if with_value else p.measures()[0].id)
    start, end = trend_window(label)
    series = fig.series(p, chosen.id, a, start, end)
    trend = tables.series_table(series, f"{chosen.title} in {a.name}, {start} to {end}")
    wards: list[MeasureResult] = []
    ward_problem = None
    try:
        wards = fig.rate_areas(p, chosen.id, "ward", label, within=a)
    except CrimeplanError as exc:  # a measure with no ward breakdown: say so on the page
        ward_problem = str(exc)
    classes = charts.colour_classes([w.value for w in wards])
    return render_page(
        request,
        "borough.html",
        nav="map",
        plan=p,
        area=a,
        period=label.label,
        period_words=period_label(label),
        groups=by_priority(results),
        no_targets=no_targets_note(p),
        sparks=sparklines(fig, p, a.code, results, label),
        measure=chosen,
        trend=trend,
        trend_spec=charts.trend_spec(trend.rows, labelled(chosen.title, series), chosen.unit),
        ward_table=tables.ranking_table(wards, None, chosen.title),
        ward_problem=ward_problem,
        classes=classes,
        colours={w.area_code: charts.colour_of(w.value, classes) for w in wards},
        values={w.area_code: w.value for w in wards},
    )


@router.get("/measure/{measure_id}", response_class=HTMLResponse)
@page_cached
def measure_page(
    request: Request, measure_id: str, plan: PlanQ = None, period: PeriodQ = None
) -> HTMLResponse:
    fig = _fig(request)
    p = fig.plan(plan)
    m = p.measure(measure_id)
    label = fig.period(p, period)
    results = fig.rate_areas(p, m.id, "borough", label)
    london = [r for r in fig.rate_plan(p, fig.geo.area(p.area), label) if r.measure_id == m.id]
    reference = london[0] if london else None
    table = tables.ranking_table(results, reference, m.title)
    spec = None
    sizes = [r["population"] for r in table.rows if r.get("funnel") and r["population"]]
    if reference is not None and reference.value is not None and sizes:
        curve = funnel_curve(reference.value, min(sizes) * 0.8, max(sizes) * 1.1)
        spec = charts.funnel_spec(table.rows, curve, reference.value, labelled(m.title, results))
    return render_page(
        request,
        "measure.html",
        nav="overview",
        plan=p,
        measure=m,
        period=label.label,
        period_words=period_label(label),
        table=table,
        reference=reference,
        funnel_spec=spec,
    )


def data_tables(
    fig: Figures, plan: str | None, area: str | None, measure: str | None, period: str | None
) -> tuple[Plan, Period, tables.Table, tables.Table]:
    """The two tables of the data page: all measures for an area, one measure by borough."""
    p = fig.plan(plan)
    a = fig.area(area, p)
    label = fig.period(p, period)
    m = p.measure(measure) if measure else p.measures()[0]
    measures = tables.measures_table(fig.rate_plan(p, a, label), a.name, label.label)
    london = [r for r in fig.rate_plan(p, fig.geo.area(p.area), label) if r.measure_id == m.id]
    ranking = tables.ranking_table(
        fig.rate_areas(p, m.id, "borough", label), london[0] if london else None, m.title
    )
    return p, label, measures, ranking


@router.get("/data", response_class=HTMLResponse)
@page_cached
def data_page(
    request: Request,
    plan: PlanQ = None,
    area: AreaQ = None,
    measure: MeasureQ = None,
    period: PeriodQ = None,
) -> HTMLResponse:
    fig = _fig(request)
    p, label, measures, ranking = data_tables(fig, plan, area, measure, period)
    a = fig.area(area, p)
    m = p.measure(measure) if measure else p.measures()[0]
    query = {"plan": p.id, "area": a.code, "measure": m.id, "period": label.label}
    return render_page(
        request,
        "data.html",
        nav="data",
        plan=p,
        area=a,
        measure=m,
        period=label.label,
        period_words=period_label(label),
        tables_shown=[measures, ranking],
        query=query,
        formats=tables.FORMATS,
        boroughs=fig.geo.boroughs(),
        force=fig.geo.area(p.area),
        periods=fig.period_choices(p, label),
    )


@router.get("/data/{name}.{fmt}")
def download(
    request: Request,
    name: Literal["measures", "ranking"],
    fmt: Literal["csv", "xlsx", "json"],
    plan: PlanQ = None,
    area: AreaQ = None,
    measure: MeasureQ = None,
    period: PeriodQ = None,
) -> Response:
    fig = _fig(request)
    p, label, measures, ranking = data_tables(fig, plan, area, measure, period)
    table = measures if name == "measures" else ranking
    filename = f"{p.id}-{name}-{label}.{fmt}"
    return Response(
        tables.render(table, fmt, ATTRIBUTION),
        media_type=tables.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/methods", response_class=HTMLResponse)
@page_cached
def methods(request: Request, plan: PlanQ = None) -> HTMLResponse:
    p = _fig(request).plan(plan)
    return render_page(request, "methods.html", nav="methods", plan=p)
