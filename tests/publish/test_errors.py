"""A report that cannot be complete stops with a message a person can act on, and writes
nothing: no output folder, no staging folder left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.errors import CrimeplanError, NoDataError, NotFoundError
from crimeplan.measures.service import force_figures, quarterly_figures
from crimeplan.plan import Plan
from crimeplan.publish import build_force_report, build_quarterly_report
from crimeplan.publish.commentary import CommentaryError
from crimeplan.publish.gather import ReportError
from crimeplan.store import Store


def quarterly(
    store: Store, plan: Plan, area: str, period: str, out: Path, commentary: Path | None = None
) -> None:
    """As `crimeplan report quarterly` does: the service's figures, then the files."""
    build_quarterly_report(quarterly_figures(store, plan, area, period), out, commentary)


def _nothing_written(parent: Path) -> None:
    assert list(parent.iterdir()) == [], [p.name for p in parent.iterdir()]


def test_a_period_with_no_data(borough_store: Store, havering_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(NoDataError, match=r"no data for period 2030-31-Q1: the data runs from"):
        quarterly(borough_store, havering_plan, "Havering", "2030-31-Q1", tmp_path / "out")
    _nothing_written(tmp_path)


def test_an_unknown_area(borough_store: Store, havering_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="Atlantis"):
        quarterly(borough_store, havering_plan, "Atlantis", "2016-17-Q3", tmp_path / "out")
    _nothing_written(tmp_path)


def test_a_measure_with_no_data_source(
    borough_store: Store, london_plan: Plan, tmp_path: Path
) -> None:
    with pytest.raises(ReportError) as caught:
        quarterly(borough_store, london_plan, "Havering", "2016-17-Q3", tmp_path / "out")
    message = str(caught.value)
    assert "have no data source" in message
    assert "'hate-crime'" in message and "--allow-missing" in message
    _nothing_written(tmp_path)
    with pytest.raises(ReportError, match="have no data source"):
        build_force_report(
            force_figures(borough_store, london_plan, "2016-17-Q3"), tmp_path / "force"
        )
    _nothing_written(tmp_path)


def test_a_measure_with_no_figure_for_the_period(
    borough_store: Store, havering_plan: Plan, tmp_path: Path
) -> None:
    # the values file stops at 2016-17 Q3: ASB and MARAC have nothing for 2017-18 Q1
    with pytest.raises(NoDataError) as caught:
        quarterly(borough_store, havering_plan, "Havering", "2017-18-Q1", tmp_path / "o")
    message = str(caught.value)
    assert "2 measure(s) have no figure for Havering in 2017-18-Q1" in message
    assert "'asb-incidents'" in message and "crimeplan ingest values" in message
    _nothing_written(tmp_path)


def test_a_period_that_is_not_a_quarter(
    borough_store: Store, havering_plan: Plan, tmp_path: Path
) -> None:
    with pytest.raises(ReportError, match="needs a quarter"):
        quarterly(borough_store, havering_plan, "Havering", "2016-12", tmp_path / "o")
    _nothing_written(tmp_path)


def test_commentary_for_another_area(
    borough_store: Store, havering_plan: Plan, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "c.yaml").write_text("area: Barking and Dagenham\nperiod: 2016-17-Q3\n")
    out_parent = tmp_path / "reports"
    out_parent.mkdir()
    with pytest.raises(CommentaryError, match="written for area 'Barking and Dagenham'"):
        quarterly(
            borough_store,
            havering_plan,
            "Havering",
            "2016-17-Q3",
            out_parent / "o",
            notes / "c.yaml",
        )
    _nothing_written(out_parent)


def test_every_report_error_is_one_the_cli_shows_without_a_traceback() -> None:
    for cls in (ReportError, CommentaryError, NoDataError, NotFoundError):
        assert issubclass(cls, CrimeplanError)
