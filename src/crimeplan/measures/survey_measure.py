"""A survey measure's figures from the store: weighted percentage, base, effective n and 95%
interval per area and month (rolling 12 months by default), optionally by group.

A plan file names a survey measure this way (the plan model owns the fields; this module only
reads them; see docs/survey-data.md):

    - id: trust-mps
      source: survey
      question: trust_mps               # the question's column in the microdata
      positive: [Strongly agree, Tend to agree]
      breakdowns: [ethnic_group, sex, age_band, disability, sexual_orientation]
      unit: percentage

Small bases are suppressed here, before any figure leaves this module (`min_base`, default 50).
Every query is an Ibis expression over `store.ibis`, run by `store.run` (DuckDB or Spark).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import pandas as pd

from crimeplan.errors import NoDataError, NotFoundError
from crimeplan.measures.disparity import AIM_POINTS, gaps_frame, group_gaps
from crimeplan.measures.suppression import (
    DEFAULT_MIN_BASE,
    secondary_suppress,
    suppress_frame,
)
from crimeplan.measures.survey import ROLLING_MONTHS, add_estimates, rolling_sums
from crimeplan.store.analytic import Store
from crimeplan.store.survey_schema import CHARACTERISTICS

MET_FORCE_CODE = "E23000001"
"""ONS code of the Metropolitan Police force area (London-wide figures)."""
AREA_LEVELS = ("borough", "ward", "force")
"""Survey figures' area levels: a respondent's borough, ward, or London (the Met's force)."""
ALL = "all"
FRAME_COLUMNS = (
    "area_code",
    "characteristic",
    "group",
    "month",
    "period",
    "window_months",
    "percentage",
    "lower",
    "upper",
    "base",
    "weighted_base",
    "n_eff",
    "suppressed",
    "note",
)


def _check_question(store: Store, survey: str, question: str, positive: Sequence[str]) -> None:
    a = store.ibis.table("survey_answers")
    asked = a.filter(a.survey == survey, a.question == question).select("answer").distinct()
    answers = sorted(store.run(asked)["answer"])
    if not answers:
        given = a.filter(a.survey == survey).select("question").distinct()
        known = sorted(store.run(given)["question"])
        if not known:
            raise NoDataError(f"no survey microdata for survey '{survey}' in the store")
        raise NotFoundError(
            f"question '{question}' is not in survey '{survey}'; questions are: " + ", ".join(known)
        )
    unknown = [a for a in positive if a not in answers]
    if unknown:
        raise NotFoundError(
            f"answer(s) {', '.join(map(repr, unknown))} never given to '{question}'; "
            f"answers are: {', '.join(map(repr, answers))}"
        )


def _responses(
    store: Store,
    survey: str,
    question: str,
    positive: Sequence[str],
    exclude: Sequence[str],
    area_level: str,
    subgroup: Mapping[str, Sequence[str]] | None,
    area_codes: Sequence[str] | None,
) -> Any:
    """One row per respondent who answered `question` (bar `exclude`) with an area at
    `area_level`: the respondent's columns, `area_code`, and `positive` (one of `positive`);
    only respondents in `subgroup` (e.g. women) and, when `area_codes` is given, those areas."""
    r = store.ibis.table("survey_respondents")
    a = store.ibis.table("survey_answers")
    area = (
        ibis.literal(MET_FORCE_CODE).cast("string")
        if area_level == "force"
        else r[f"{area_level}_code"]
    )
    keep = [r.survey == survey, area.notnull()]
    if area_codes is not None:
        keep.append(area.isin(list(area_codes)))
    for characteristic, values in (subgroup or {}).items():
        _check_characteristic(characteristic)
        keep.append(r[characteristic].isin(list(values)))
    answered = a.filter(a.survey == survey, a.question == question)
    if exclude:
        answered = answered.filter(~answered.answer.isin(list(exclude)))
    people = r.filter(*keep).mutate(area_code=area)
    joined = people.join(answered, ["survey", "respondent_id"])
    return joined.mutate(positive=joined.answer.isin(list(positive)))


def _check_characteristic(characteristic: str) -> None:
    if characteristic not in CHARACTERISTICS:
        raise NotFoundError(
            f"'{characteristic}' is not a recorded characteristic; use one of: "
            + ", ".join(CHARACTERISTICS)
        )


def split_breakdowns(breakdowns: Sequence[str]) -> tuple[list[str], list[str]]:
    """A plan measure's `breakdowns` split into area levels and protected characteristics.

    >>> split_breakdowns(["force", "borough", "ethnic_group", "sex"])
    (['force', 'borough'], ['ethnic_group', 'sex'])
    """
    levels = [b for b in breakdowns if b in AREA_LEVELS]
    characteristics = [b for b in breakdowns if b not in AREA_LEVELS]
    for c in characteristics:
        _check_characteristic(c)
    return levels, characteristics


def _monthly_sums(responses: Any, characteristic: str | None) -> Any:
    """Per area, month and group: the base and the sums of w, w^2 and w y (survey.py)."""
    group = (
        responses[characteristic].fill_null("not recorded")
        if characteristic
        else ibis.literal(ALL).cast("string")
    )
    w = responses.weight
    return responses.group_by(
        area_code=responses.area_code, month=responses.month, group=group
    ).aggregate(
        base=responses.count(),
        sum_w=w.sum(),
        sum_w2=(w * w).sum(),
        sum_wy=responses.positive.ifelse(w, 0.0).sum(),
    )


def survey_measure_frame(
    store: Store,
    question: str,
    positive_answers: Sequence[str],
    *,
    by: str | Sequence[str] | None = None,
    area_level: str = "borough",
    months: tuple[str, str] | None = None,
    window: int = ROLLING_MONTHS,
    survey: str = "pas",
    exclude_answers: Sequence[str] = (),
    subgroup: Mapping[str, Sequence[str]] | None = None,
    area_codes: Sequence[str] | None = None,
    min_base: int | None = DEFAULT_MIN_BASE,
) -> pd.DataFrame:
    """Figures of a survey measure per area and window-end month, suppressed on small bases.

    The value is the weighted percentage of respondents who answered `question` with one of
    `positive_answers`, among all who answered it except `exclude_answers` (e.g. "Refused").
    `window` months are pooled (12: rolling year; 1: single months); only full windows are
    returned. `by` names protected characteristics: each adds rows with `characteristic` and
    `group` (without it both are 'all'). `months` ('YYYY-MM', 'YYYY-MM') limits the window-end
    months. `area_level`: borough, ward or force (London-wide). `subgroup` keeps only some
    respondents, e.g. {"sex": ["female"]} for women's feelings of safety; `area_codes` only
    some areas of the level. `min_base=None` returns
    unsuppressed figures, for computation only: never show them.
    """
    if area_level not in AREA_LEVELS:
        raise NotFoundError(
            f"area level '{area_level}' has no survey figures; use one of: "
            + ", ".join(AREA_LEVELS)
        )
    named = [] if by is None else [by] if isinstance(by, str) else list(by)
    for c in named:
        _check_characteristic(c)
    characteristics: list[str | None] = [*named] if named else [None]
    if window < 1:
        raise ValueError("window must be at least 1 month")
    _check_question(store, survey, question, positive_answers)
    r = store.ibis.table("survey_respondents")
    span = store.run(
        r.filter(r.survey == survey).aggregate(first=r.month.min(), last=r.month.max())
    ).iloc[0]
    first = pd.Period(span["first"], freq="M")
    calendar = (str(first), str(pd.Period(span["last"], freq="M")))
    responses = _responses(
        store,
        survey,
        question,
        positive_answers,
        exclude_answers,
        area_level,
        subgroup,
        area_codes,
    )
    pieces = []
    for characteristic in characteristics:
        monthly = store.run(_monthly_sums(responses, characteristic))
        if monthly.empty:
            raise NoDataError(
                f"no respondents answered '{question}' with a {area_level} code in survey "
                f"'{survey}'"
            )
        rolled = rolling_sums(monthly, ["area_code", "group"], months=window, calendar=calendar)
        rolled.insert(1, "characteristic", characteristic or ALL)
        pieces.append(rolled)
    frame = add_estimates(pd.concat(pieces, ignore_index=True))
    full = frame["month"] >= (first + (window - 1)).to_timestamp()
    frame = frame[full]
    frame["period"] = frame["month"].dt.strftime("%Y-%m")
    if months is not None:
        frame = frame[(frame["period"] >= months[0]) & (frame["period"] <= months[1])]
    frame["window_months"] = window
    if min_base is not None:
        frame = secondary_suppress(suppress_frame(frame, threshold=min_base))
    else:
        frame["suppressed"] = False
        frame["note"] = None
    frame = frame[list(FRAME_COLUMNS)]
    return frame.sort_values(["area_code", "characteristic", "group", "month"]).reset_index(
        drop=True
    )


def survey_gaps_frame(
    store: Store,
    question: str,
    positive_answers: Sequence[str],
    characteristic: str,
    *,
    month: str,
    area_level: str = "force",
    window: int = ROLLING_MONTHS,
    reference: str | None = None,
    survey: str = "pas",
    exclude_answers: Sequence[str] = (),
    subgroup: Mapping[str, Sequence[str]] | None = None,
    area_codes: Sequence[str] | None = None,
    aim: float = AIM_POINTS,
    min_base: int = DEFAULT_MIN_BASE,
) -> pd.DataFrame:
    """Each group's gap to everyone else (or to `reference`) per area, over the `window` months
    ending `month` ('YYYY-MM'), rated against the +/-`aim` point aim; suppressed on small bases.

    One row per area and group: percentage, base, reference_percentage, reference_base, gap,
    gap_lower, gap_upper, rating, sentence, suppressed, note (see `disparity.py`).
    """
    if area_level not in AREA_LEVELS:
        raise NotFoundError(f"area level '{area_level}': use one of " + ", ".join(AREA_LEVELS))
    _check_characteristic(characteristic)
    responses = _responses(
        store,
        survey,
        question,
        positive_answers,
        exclude_answers,
        area_level,
        subgroup,
        area_codes,
    )
    _check_question(store, survey, question, positive_answers)
    end = pd.Period(month, freq="M")
    start = end - (window - 1)
    in_window = responses.month.between(start.to_timestamp().date(), end.to_timestamp().date())
    respondents = store.run(
        responses.filter(in_window).select("area_code", characteristic, "weight", "positive")
    )
    if respondents.empty:
        raise NoDataError(f"no respondents answered '{question}' in the {window} months to {month}")
    pieces = []
    for area_code, part in respondents.groupby("area_code"):
        gaps = group_gaps(part, characteristic, reference=reference, aim=aim, min_base=min_base)
        table = gaps_frame(gaps)
        table.insert(0, "area_code", area_code)
        pieces.append(table)
    frame = pd.concat(pieces, ignore_index=True)
    frame.insert(1, "period", month)
    frame.insert(2, "window_months", window)
    return suppress_frame(frame, threshold=min_base)


def published_survey_frame(
    store: Store,
    measure: str,
    *,
    area_codes: Sequence[str] | None = None,
    min_base: int = DEFAULT_MIN_BASE,
) -> pd.DataFrame:
    """Published survey figures for `measure` (loaded by `ingest_survey_published`), one row per
    area, period, characteristic and group, suppressed on small bases like computed figures.

    Columns: area_code, period, characteristic, group, percentage, base, suppressed, note.
    """
    p = store.ibis.table("survey_published")
    rows = p.filter(p.measure == measure)
    if area_codes is not None:
        rows = rows.filter(rows.area_code.isin(list(area_codes)))
    frame = store.run(
        rows.order_by("area_code", "period", "characteristic", "group_name").select(
            "area_code",
            "period",
            "characteristic",
            group="group_name",
            percentage="percentage",
            base="base",
        )
    )
    if frame.empty:
        known = sorted(store.run(p.select("measure").distinct())["measure"])
        if not known:
            raise NoDataError("no published survey figures in the store")
        raise NotFoundError(
            f"no published figures for '{measure}'"
            + ("" if area_codes is None else " in " + ", ".join(area_codes))
            + "; measures are: "
            + ", ".join(known)
        )
    return suppress_frame(frame, threshold=min_base)
