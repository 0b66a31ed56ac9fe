"""Survey measure frames from a store built by the real ingest over synthetic PAS microdata,
checked against the same computation in pandas over the generated respondents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crimeplan.errors import NoDataError, NotFoundError
from crimeplan.ingest.survey import ingest_survey_microdata
from crimeplan.measures.results import MeasureResult
from crimeplan.measures.signals import survey_signal
from crimeplan.measures.suppression import (
    find_unsuppressed,
    for_display,
    recoverable_cells,
    scan_csv,
    suppress_frame,
)
from crimeplan.measures.survey import breakdowns, weighted_proportion
from crimeplan.measures.survey_measure import (
    MET_FORCE_CODE,
    split_breakdowns,
    survey_gaps_frame,
    survey_measure_frame,
)
from crimeplan.measures.survey_result import survey_figures
from crimeplan.store.analytic import Store
from crimeplan.synthetic.survey import generate_pas, write_pas_csv

POSITIVE = ["Strongly agree", "Tend to agree"]


@pytest.fixture(scope="module")
def pas() -> pd.DataFrame:
    return generate_pas(start="2022-04", months=24, seed=11)


@pytest.fixture(scope="module")
def store(pas: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = write_pas_csv(pas, tmp_path_factory.mktemp("pas") / "pas.csv")
    with Store(":memory:") as s:
        ingest_survey_microdata(s, path)
        yield s


def _window(pas: pd.DataFrame, end: str, months: int = 12) -> pd.DataFrame:
    dates = pd.to_datetime(pas["interview_date"])
    last = pd.Period(end, freq="M")
    first = last - (months - 1)
    period = dates.dt.to_period("M")
    return pas[(period >= first) & (period <= last)]


def test_london_rolling_year_matches_pandas(store: Store, pas: pd.DataFrame) -> None:
    frame = survey_measure_frame(store, "trust_mps", POSITIVE, area_level="force")
    assert list(frame["period"]) == [f"2023-{m:02d}" for m in range(3, 13)] + [
        "2024-01",
        "2024-02",
        "2024-03",
    ]
    row = frame[frame["period"] == "2024-03"].iloc[0]
    window = _window(pas, "2024-03")
    direct = weighted_proportion(window["trust_mps"].isin(POSITIVE), window["weight"])
    assert row["area_code"] == MET_FORCE_CODE
    assert row["base"] == direct.base
    assert row["percentage"] == pytest.approx(direct.percentage)
    assert (row["lower"], row["upper"]) == pytest.approx((direct.lower, direct.upper))
    assert row["n_eff"] == pytest.approx(direct.n_eff)
    assert not row["suppressed"]


def test_borough_breakdown_by_ethnic_group_matches_pandas_and_suppresses(
    store: Store, pas: pd.DataFrame
) -> None:
    frame = survey_measure_frame(
        store, "trust_mps", POSITIVE, by="ethnic_group", months=("2024-03", "2024-03")
    )
    window = _window(pas, "2024-03")
    lambeth = window[(window["borough"] == "E09000022") & (window["ethnic_group"] == "Black")]
    row = frame[(frame["area_code"] == "E09000022") & (frame["group"] == "Black")].iloc[0]
    assert row["base"] == len(lambeth)
    assert row["percentage"] == pytest.approx(
        100 * np.average(lambeth["trust_mps"].isin(POSITIVE), weights=lambeth["weight"])
    )
    small = frame[frame["base"] < 50]
    assert len(small) > 0  # Black respondents in low-share boroughs, Mixed, Other ...
    assert small["percentage"].isna().all() and small["suppressed"].all()
    assert small["note"].str.contains("fewer than the 50").all()
    assert find_unsuppressed(frame).empty


def test_single_months_in_a_borough_are_mostly_below_the_base(store: Store) -> None:
    frame = survey_measure_frame(store, "trust_mps", POSITIVE, window=1)
    small = frame["base"] < 50
    assert small.mean() > 0.95  # about 33 interviews a borough a month
    assert (frame["percentage"].isna() == small).all()
    raw = survey_measure_frame(store, "trust_mps", POSITIVE, window=1, min_base=None)
    assert raw["percentage"].notna().all()


def test_excluded_answers_leave_the_base(store: Store, pas: pd.DataFrame) -> None:
    frame = survey_measure_frame(
        store, "trust_mps", POSITIVE, area_level="force", exclude_answers=["Don't know"]
    )
    window = _window(pas, "2024-03")
    window = window[window["trust_mps"] != "Don't know"]
    assert frame.iloc[-1]["base"] == len(window)


def test_gaps_frame_for_london(store: Store) -> None:
    gaps = survey_gaps_frame(store, "trust_mps", POSITIVE, "ethnic_group", month="2024-03")
    black = gaps[gaps["group"] == "Black"].iloc[0]
    assert black["rating"] == "outside_the_aim"
    assert black["gap"] < -15
    assert find_unsuppressed(gaps).empty
    by_borough = survey_gaps_frame(
        store, "trust_mps", POSITIVE, "ethnic_group", month="2024-03", area_level="borough"
    )
    assert (by_borough["rating"] == "base_too_small").any()
    assert find_unsuppressed(by_borough).empty


def test_errors_say_what_exists(store: Store) -> None:
    with pytest.raises(NotFoundError, match="questions are: good_job_local, safe_after_dark"):
        survey_measure_frame(store, "trust", POSITIVE)
    with pytest.raises(NotFoundError, match="'Agree' never given to 'trust_mps'"):
        survey_measure_frame(store, "trust_mps", ["Agree"])
    with pytest.raises(NotFoundError, match="not a recorded characteristic"):
        survey_measure_frame(store, "trust_mps", POSITIVE, by="religion")
    with pytest.raises(NotFoundError, match="area level 'lsoa'"):
        survey_measure_frame(store, "trust_mps", POSITIVE, area_level="lsoa")
    with pytest.raises(NoDataError, match="with a ward code"):
        survey_measure_frame(store, "trust_mps", POSITIVE, area_level="ward")


def test_empty_store_says_there_is_no_survey(tmp_path: Path) -> None:
    with Store(":memory:") as empty, pytest.raises(NoDataError, match="no survey microdata"):
        survey_measure_frame(empty, "trust_mps", POSITIVE)


def _every_output(store: Store, pas: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table this package produces for people to read, over every option that changes
    which bases appear: area level x breakdown x window, gaps by area, microdata breakdowns."""
    for area_level in ("force", "borough"):
        for by in (None, "ethnic_group", "sex", "age_band", "disability", "sexual_orientation"):
            for window in (1, 12):
                name = f"measure-{area_level}-{by}-{window}"
                yield (
                    name,
                    survey_measure_frame(
                        store, "trust_mps", POSITIVE, by=by, area_level=area_level, window=window
                    ),
                )
        for characteristic in ("ethnic_group", "sexual_orientation"):
            yield (
                f"gaps-{area_level}-{characteristic}",
                survey_gaps_frame(
                    store,
                    "trust_mps",
                    POSITIVE,
                    characteristic,
                    month="2024-03",
                    area_level=area_level,
                ),
            )
    answers = pas.assign(positive=pas["trust_mps"].isin(POSITIVE))
    yield (
        "breakdowns",
        suppress_frame(breakdowns(answers, ["ethnic_group", "sexual_orientation"], by=["borough"])),
    )


def test_no_output_shows_a_figure_on_a_base_below_the_threshold(
    store: Store, pas: pd.DataFrame, tmp_path: Path
) -> None:
    suppressed_cells = 0
    for name, frame in _every_output(store, pas):
        assert find_unsuppressed(frame).empty, name
        path = tmp_path / f"{name}.csv"
        for_display(frame).to_csv(path, index=False)
        assert scan_csv(path).empty, name
        suppressed_cells += int(frame["suppressed"].sum())
    # the scan is not vacuous: small bases occurred and were caught
    assert suppressed_cells > 1_000


def test_subgroup_keeps_only_those_respondents(store: Store, pas: pd.DataFrame) -> None:
    frame = survey_measure_frame(
        store,
        "safe_after_dark",
        ["Very safe", "Fairly safe"],
        area_level="force",
        subgroup={"sex": ["female"]},
        months=("2024-03", "2024-03"),
    )
    window = _window(pas, "2024-03")
    women = window[window["sex"] == "female"]
    direct = weighted_proportion(
        women["safe_after_dark"].isin(["Very safe", "Fairly safe"]), women["weight"]
    )
    assert frame.iloc[0]["base"] == direct.base
    assert frame.iloc[0]["percentage"] == pytest.approx(direct.percentage)
    with pytest.raises(NotFoundError, match="'gender' is not a recorded characteristic"):
        survey_measure_frame(store, "trust_mps", POSITIVE, subgroup={"gender": ["female"]})


def test_split_breakdowns_of_a_plan_measure() -> None:
    assert split_breakdowns(["force", "borough", "ethnic_group", "age_band", "sex"]) == (
        ["force", "borough"],
        ["ethnic_group", "age_band", "sex"],
    )
    with pytest.raises(NotFoundError, match="'religion'"):
        split_breakdowns(["force", "religion"])


def test_survey_figures_fill_a_measure_result(store: Store, pas: pd.DataFrame) -> None:
    figures = survey_figures(
        store,
        "trust_mps",
        POSITIVE,
        area_code=MET_FORCE_CODE,
        area_level="force",
        end_month="2024-03",
        characteristics=["ethnic_group", "sex"],
    )
    now = _window(pas, "2024-03")
    then = _window(pas, "2023-03")
    e_now = weighted_proportion(now["trust_mps"].isin(POSITIVE), now["weight"])
    e_then = weighted_proportion(then["trust_mps"].isin(POSITIVE), then["weight"])
    assert figures.period == "R12-2024-03" and figures.comparison_period == "R12-2023-03"
    assert figures.value == pytest.approx(round(e_now.percentage, 1))
    assert figures.comparison_value == pytest.approx(round(e_then.percentage, 1))
    expected = survey_signal(
        e_now.percentage,
        e_now.n_eff,
        e_then.percentage,
        e_then.n_eff,
        comparison_label="the 12 months before",
    )
    assert figures.signal.signal == expected.signal
    assert figures.signal.sentence == expected.sentence
    groups = {(r["characteristic"], r["group"]) for r in figures.breakdowns}
    assert ("ethnic_group", "Black") in groups and ("sex", "female") in groups
    black_gap = next(g for g in figures.gaps if g["group"] == "Black")
    assert black_gap["rating"] == "outside_the_aim"
    fields = figures.result_fields()
    result = MeasureResult(
        measure_id="trust-mps",
        measure_title="Trust",
        priority_id="p",
        priority_title="P",
        unit="percentage",
        polarity="higher_is_better",
        area_code=MET_FORCE_CODE,
        area_name="London",
        area_level="force",
        period="2023-24-Q4",
        source="survey",
        **fields,
    )
    assert result.signal == expected.signal
    assert result.extra["survey"]["base"] == e_now.base


def test_survey_figures_suppress_a_small_group_and_do_not_test_it(store: Store) -> None:
    figures = survey_figures(
        store,
        "trust_mps",
        POSITIVE,
        area_code="E09000027",
        area_level="borough",
        end_month="2024-03",
        subgroup={"ethnic_group": ["Black"]},
    )
    assert figures.base < 50  # Black respondents in Richmond upon Thames, a low-share borough
    assert figures.value is None and figures.lower is None and figures.n_eff is None
    assert figures.note is not None and "fewer than the 50" in figures.note
    assert figures.signal.signal == "not_testable"
    assert "Too few respondents" in figures.signal.sentence


def test_survey_figures_without_an_earlier_year(store: Store) -> None:
    figures = survey_figures(
        store,
        "trust_mps",
        POSITIVE,
        area_code=MET_FORCE_CODE,
        area_level="force",
        end_month="2023-03",
    )
    assert figures.value is not None
    assert figures.comparison_value is None
    assert figures.signal.signal == "not_testable"


@pytest.mark.parametrize("characteristic", ["ethnic_group", "age_band", "sexual_orientation"])
def test_no_suppressed_cell_can_be_recovered_from_its_row_or_column(
    store: Store, characteristic: str
) -> None:
    """Groups add up to everyone (the 'all' figures are published too) and boroughs add up to
    London: a single withheld cell in a row or column would be the total minus the others.
    Without secondary suppression that recovery works exactly; with it, every withheld cell
    shares its row and its column with another withheld cell."""
    months = ("2024-03", "2024-03")
    shown = survey_measure_frame(
        store, "trust_mps", POSITIVE, by=characteristic, area_level="borough", months=months
    )
    raw = survey_measure_frame(
        store,
        "trust_mps",
        POSITIVE,
        by=characteristic,
        area_level="borough",
        months=months,
        min_base=None,
    )
    primary = suppress_frame(raw)
    assert not recoverable_cells(primary).empty  # the attack is real without secondary
    # ... and exact: the total minus the others recovers a lone withheld cell's percentage
    by_row = recoverable_cells(primary, column_keys=())
    if len(by_row):
        lone = by_row.iloc[0]
        block = primary[primary["area_code"] == lone["area_code"]]
        total = (
            survey_measure_frame(store, "trust_mps", POSITIVE, area_level="borough", months=months)
            .set_index("area_code")
            .loc[lone["area_code"]]
        )
    else:
        lone = recoverable_cells(primary, row_keys=()).iloc[0]
        block = primary[primary["group"] == lone["group"]]
        london = survey_measure_frame(
            store, "trust_mps", POSITIVE, by=characteristic, area_level="force", months=months
        )
        total = london.set_index("group").loc[lone["group"]]
    others = block[~block["suppressed"]]
    positive = (
        total["percentage"] * total["weighted_base"]
        - (others["percentage"] * others["weighted_base"]).sum()
    )
    weight = total["weighted_base"] - others["weighted_base"].sum()
    truth = raw[(raw["area_code"] == lone["area_code"]) & (raw["group"] == lone["group"])]
    assert positive / weight == pytest.approx(truth["percentage"].iloc[0])

    assert recoverable_cells(shown).empty
    extra = shown["suppressed"] & (shown["base"] >= 50)
    assert extra.any() and shown.loc[extra, "percentage"].isna().all()
    assert shown.loc[extra, "note"].str.contains("cannot be worked out").all()
    # every withheld cell shares its row and its column with another withheld cell
    hidden = shown[shown["suppressed"]]
    assert (hidden.groupby("area_code").size() >= 2).all()
    assert (hidden.groupby("group").size() >= 2).all()
