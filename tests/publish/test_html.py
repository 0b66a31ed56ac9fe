"""The quarterly and force HTML: figures as computed, in committee order, accessible."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from crimeplan.publish.content import ForceContent, ForceMeasure
from crimeplan.publish.html import render_force, render_quarterly

from .checks import assert_accessible, assert_table_matches
from .htmltables import read_tables
from .seed_content import PLAN, RESULTS, content


def test_every_table_figure_is_the_results_figure() -> None:
    html = render_quarterly(content())
    # 3 measures x (7 figures + 2 directions + RAG)
    assert assert_table_matches(html, RESULTS) == 3 * 10


def test_summary_counts_as_the_committee_report_does() -> None:
    html = render_quarterly(content())
    # "Of the 3 indicators 2 (66.6%) are Red and 1 (33.3%) is Green." (the report truncates)
    assert "Of the 3 measures, 2 (66.7%) are Red and 1 (33.3%) is Green." in html
    counts = {
        c.attrs["data-field"]: c.text
        for t in read_tables(html)
        if "rag-summary" in t.attrs.get("class", "")
        for r in t.rows
        for c in r.cells
        if "data-field" in c.attrs
    }
    assert counts == {"count-red": "2", "count-amber": "0", "count-green": "1"}
    assert "Total notifiable offences: Amber to Red since 2016-17-Q2" in html


def test_red_without_corrective_action_is_flagged() -> None:
    html = render_quarterly(content())
    # TNO is Red and has no corrective action in the fixture; ASB has one.
    assert html.count("No corrective action.</strong>") == 1
    assert "Corrective action missing." in html
    assert "A joint OSC topic group" in html


def test_no_flag_when_every_red_has_an_action() -> None:
    c = content()
    notes = c.commentary
    assert notes is not None
    fixed = notes.model_copy(
        update={
            "measures": {
                **notes.measures,
                "total-notifiable-offences": notes.for_measure("asb-incidents"),
            }
        }
    )
    from .seed_content import content as make

    html = render_quarterly(make(fixed))
    assert "No corrective action" not in html and "Corrective action missing" not in html


def test_quarterly_html_is_accessible() -> None:
    html = render_quarterly(content())
    assert_accessible(html)
    # the chart's text alternative names the years and the busiest month
    assert "Line chart of Total notifiable offences" in html
    assert "highest 1,560 in May" in html
    # the methods note carries the plan's caveat and the vintage
    assert "April 2014 changes to crime recording" in html
    assert "Data up to" in html and "2016-12" in html


def test_force_view_ranks_boroughs_with_the_force_figure() -> None:
    tno = RESULTS[0]
    boroughs = [
        replace(tno, area_code="E09000016", area_name="Havering", value=4355.0),
        replace(tno, area_code="E09000002", area_name="Barking and Dagenham", value=4900.0),
        replace(tno, area_code="E09000001", area_name="City of London", value=None),
        replace(tno, area_code="E09000003", area_name="Barnet", value=7100.0),
    ]
    force = replace(
        tno, area_code="E23000001", area_name="London", area_level="force", value=190000.0
    )
    fc = ForceContent(
        plan=PLAN,
        period="2016-17-Q3",
        measures=[ForceMeasure(PLAN.measure(tno.measure_id), force, boroughs)],
        produced_on=date(2017, 1, 10),
        vintage="2016-12",
    )
    html = render_force(fc)
    assert_accessible(html)
    (table,) = [t for t in read_tables(html) if "force" in t.attrs.get("class", "")]
    body = [
        r
        for r in table.rows
        if r.section == "tbody" and "force-row" not in r.attrs.get("class", "")
    ]
    names = [r.by_field()["area_name"].text for r in body]
    ranks = [r.by_field()["rank"].text for r in body]
    assert names == ["Havering", "Barking and Dagenham", "Barnet", "City of London"]
    assert ranks == ["1", "2", "3", "not ranked"]
    (foot,) = [r for r in table.rows if "force-row" in r.attrs.get("class", "")]
    assert foot.by_field()["value"].text == "190,000"
    assert "London (whole force)" in foot.by_field()["area_name"].text
