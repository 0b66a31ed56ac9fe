"""Render report content to accessible, printable HTML with Jinja templates.

The same HTML is the web page and, through WeasyPrint, the PDF. Accessibility as the issue
asks: the language is set, headings run in order, tables have captions and `<th scope>`,
charts have text alternatives beside a table of their numbers, and RAG and direction of
travel are written as words with a shape or arrow, never as colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from crimeplan.publish import charts
from crimeplan.publish.content import ForceContent, QuarterlyContent
from crimeplan.publish.figures import (
    DOT_ARROWS,
    DOT_WORDS,
    RAG_SYMBOLS,
    RAG_WORDS,
    format_change,
    format_value,
)
from crimeplan.publish.labels import source_label
from crimeplan.publish.measure_table import SIGNAL_WORDS
from crimeplan.publish.table import (
    force_columns,
    quarterly_columns,
    rank_results,
    row,
)

TEMPLATES = Path(__file__).parent / "templates"


def _paragraphs(text: str | None) -> Markup:
    """Plain text with blank-line paragraphs and '- ' bullets, as officers write in YAML."""
    if not text or not text.strip():
        return Markup("")
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if lines and all(ln.startswith(("- ", "* ")) for ln in lines):
            items = "".join(f"<li>{escape(ln[2:].strip())}</li>" for ln in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{escape(' '.join(lines))}</p>")
    return Markup("\n".join(out))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = _paragraphs
    env.filters["source"] = source_label
    env.globals.update(
        format_value=format_value,
        format_change=format_change,
        RAG_WORDS=RAG_WORDS,
        RAG_SYMBOLS=RAG_SYMBOLS,
        DOT_ARROWS=DOT_ARROWS,
        DOT_WORDS=DOT_WORDS,
        SIGNAL_WORDS=SIGNAL_WORDS,
        row=row,
    )
    return env


def stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def render_quarterly(content: QuarterlyContent) -> str:
    """The quarterly report for one area as a complete HTML document."""
    columns = quarterly_columns(content.results)
    chart_views: dict[str, dict[str, Any]] = {}
    for block in content.blocks:
        trend = block.trend
        if trend.has_data():
            chart_views[block.result.measure_id] = {
                "src": charts.svg_data_uri(charts.svg(charts.trend_spec(trend))),
                "alt": charts.trend_alt_text(trend)
                + (" The figures are synthetic." if block.result.synthetic else ""),
            }
    return (
        environment()
        .get_template("quarterly.html.j2")
        .render(
            c=content,
            summary=content.summary,
            columns=columns,
            charts=chart_views,
            css=Markup(stylesheet()),
        )
    )


def render_force(content: ForceContent) -> str:
    """The whole-force view: every borough side by side for each measure, ranked."""
    views = []
    for fm in content.measures:
        ranked = rank_results(fm.boroughs, fm.measure.polarity)
        with_value = [r for r in ranked if r.result.value is not None]
        chart = None
        if with_value:
            spec = charts.ranking_spec(
                [r.result.area_name for r in with_value],
                [float(r.result.value or 0.0) for r in with_value],
                fm.measure.unit,
            )
            chart = {
                "src": charts.svg_data_uri(charts.svg(spec)),
                "alt": _ranking_alt(fm.measure.title, with_value, fm.measure.unit),
            }
        views.append(
            {
                "fm": fm,
                "ranked": ranked,
                "columns": force_columns(fm.boroughs),
                "chart": chart,
            }
        )
    return (
        environment()
        .get_template("force.html.j2")
        .render(c=content, views=views, css=Markup(stylesheet()))
    )


def _ranking_alt(title: str, ranked: list[Any], unit: str) -> str:
    best, worst = ranked[0].result, ranked[-1].result
    return (
        f"Bar chart of {title} for {len(ranked)} boroughs in rank order. "
        f"Ranked first: {best.area_name}, {format_value(best.value, unit)}. "
        f"Ranked last: {worst.area_name}, {format_value(worst.value, unit)}. "
        "The figures are in the table below the chart."
    )
