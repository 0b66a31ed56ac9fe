"""No percentage on a small base in any consultation output: the analysts' page, the CLI
table, the CSV and the JSON print the two counts (or leave the percentage empty) on fewer
than `MIN_BASE` answers, as the dashboard and the reports do."""

from __future__ import annotations

from crimeplan.consult.closed import Share, wilson_interval
from crimeplan.consult.summary import _pct, _share_row, _small_base_blanked
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.web.consult import TEMPLATES


def share(count: int, base: int) -> Share:
    low, high = wilson_interval(count, base)
    return Share(count, base, 100 * count / base, low, high)


def test_small_bases_print_counts_not_percentages() -> None:
    small, enough = share(3, MIN_BASE - 1), share(60, 100)
    assert _pct(small) == f"3 of {MIN_BASE - 1}, too few for a percentage"
    assert _pct(enough).startswith("60% (")
    assert _share_row(small) == [3, MIN_BASE - 1, "", "", ""]
    assert _share_row(enough)[2] == 60.0
    nested = {"q": [{"count": 3, "base": 5, "percent": 60.0, "ci_low": 23.1, "ci_high": 88.2}]}
    assert _small_base_blanked(nested) == {
        "q": [{"count": 3, "base": 5, "percent": None, "ci_low": None, "ci_high": None}]
    }
    assert _small_base_blanked({"count": 60, "base": 100, "percent": 60.0})["percent"] == 60.0


def test_the_results_page_macro_prints_the_counts() -> None:
    macros = TEMPLATES.env.get_template("consult/_shares.html").module  # results.html's
    assert str(macros.pct(share(3, 9))) == "3 of 9, too few for a percentage"
    assert str(macros.ci(share(3, 9))) == "–"
    assert str(macros.pct(share(60, 100))) == "60%"
