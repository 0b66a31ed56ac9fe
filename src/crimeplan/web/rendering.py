"""Jinja templates with the GOV.UK Frontend macros, and the filters that format figures.

Formatting only: a number is rounded for reading (the downloads keep full precision), a
missing value is written "no data", never 0.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape
from markupsafe import Markup

from crimeplan.measures.periods import Period, PeriodError, period_label
from crimeplan.publish.figures import format_change, format_value
from crimeplan.publish.labels import breakdown_label, source_label, unit_label
from crimeplan.publish.measure_table import ARROWS

ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right; ONS; GLA. Crime data: "
    "Metropolitan Police Service. Open Government Licence v3.0."
)
SERVICE_NAME = "Police and crime plan performance"

NAV = [
    ("overview", "Overview", "/"),
    ("map", "Map", "/map"),
    ("data", "Data", "/data"),
    ("methods", "Methods", "/methods"),
]


NATIONAL_NAV_ITEM = ("national", "England and Wales", "/national")
"""Shown where the store holds police.uk records of several forces (web/national.py)."""


def fmt_value(value: float | None, unit: str | None = None) -> str:
    """A figure as the reports print it (publish/figures.py), or 'no data' when missing."""
    return "no data" if value is None else format_value(value, unit or "count")


def fmt_change(pct: float | None) -> str:
    """+4.5% / −2.0% (a true minus sign), or 'no data'."""
    return "no data" if pct is None else format_change(pct)


def fmt_cell(value: Any, kind: str, unit: str | None = None) -> str:
    if kind in ("number",):
        return fmt_value(value, unit) if isinstance(value, (int, float)) else "no data"
    if kind == "change":
        return fmt_change(value)
    if value is None or value == "":
        return ""
    return str(value)


def plain_period(label: str) -> str:
    """`period_label` of a label, or the label itself where it cannot be read alone (an open
    year to date ends where the data ends)."""
    try:
        return period_label(Period.parse(label))
    except PeriodError:
        return label


def period_words(period: object) -> Markup:
    """ "July to September 2025 (2025-26-Q2)": plain words, with the code people may search
    for or type in the API beside it."""
    label = str(period or "")
    if not label:
        return Markup("")
    words = plain_period(label)
    if words == label:
        return Markup.escape(label)
    return Markup.escape(words) + Markup(' <span class="cp-code">(') + label + Markup(")</span>")


def period_text(period: object) -> str:
    """The same as plain text, for attributes, options and captions."""
    label = str(period or "")
    if not label:
        return ""
    words = plain_period(label)
    return label if words == label else f"{words} ({label})"


RAG_CLASSES = {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green"}


def rag_tag(rag: str | None) -> Markup:
    if rag is None:
        return Markup('<strong class="govuk-tag govuk-tag--grey">Not rated</strong>')
    return Markup(
        f'<strong class="govuk-tag {RAG_CLASSES.get(rag, "govuk-tag--grey")}">'
        f"{rag.capitalize()}</strong>"
    )


def direction(dot: str | None) -> Markup:
    """The engine's direction of travel as the CLI and reports write it (`publish.ARROWS`):
    an arrow up for better, down for worse (the Havering report's convention), and the word,
    so the arrow is never the only cue."""
    if dot is None or dot not in ARROWS:
        return Markup('<span class="cp-dot">no comparison</span>')
    arrow, word = ARROWS[dot].split(" ", 1)
    return Markup(
        f'<span class="cp-dot cp-dot--{dot}"><span aria-hidden="true">{arrow}</span> {word}</span>'
    )


def to_json(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block (closing tags escaped)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return Markup(text.replace("</", "<\\/"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("crimeplan.web", "templates"),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        value=fmt_value,
        change=fmt_change,
        cell=fmt_cell,
        rag=rag_tag,
        tojson_safe=to_json,
        period=period_words,
        period_text=period_text,
        source=source_label,
        breakdown=breakdown_label,
        unit=unit_label,
    )
    env.globals.update(direction=direction, attribution=ATTRIBUTION, service_name=SERVICE_NAME)
    return env


def render_page(
    request: Request, template: str, *, nav: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page; its links carry ?plan= only when it shows a plan other than the default."""
    figures = request.app.state.figures
    plan = context.get("plan")
    plan_id: str | None = plan.id if plan is not None else None
    other = plan_id is not None and plan_id != figures.default_plan_id
    q = f"plan={plan_id}&" if other else ""
    q1 = f"?plan={plan_id}" if other else ""
    navigation = [
        {"text": text, "href": href + q1, "current": key == nav} for key, text, href in NAV
    ]
    if nav == NATIONAL_NAV_ITEM[0] or len(figures.forces_loaded()) > 1:  # national data loaded
        key, text, href = NATIONAL_NAV_ITEM
        navigation.insert(2, {"text": text, "href": href, "current": key == nav})
    plans = [
        {
            "id": p.id,
            "title": p.title,
            "href": "/" if p.id == figures.default_plan_id else f"/?plan={p.id}",
        }
        for p in figures.plans.values()
    ]
    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            navigation=navigation,
            nav=nav,
            q=q,
            q1=q1,
            plans=plans,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)
