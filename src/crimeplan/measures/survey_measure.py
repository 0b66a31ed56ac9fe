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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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
AREA_LEVELS = {"borough": "r.borough_code", "ward": "r.ward_code", "force": f"'{MET_FORCE_CODE}'"}
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
    rows = store.con.execute(
        "SELECT DISTINCT answer FROM survey_answers WHERE survey = ? AND question = ?",
        [survey, question],
    ).fetchall()
    if not rows:
        known = [
            r[0]
            for r in store.con.execute(
                "SELECT DISTINCT question FROM survey_answers WHERE survey = ? ORDER BY 1",
                [survey],
            ).fetchall()
        ]
        if not known:
            raise NoDataError(f"no survey microdata for survey '{survey}' in the store")
        raise NotFoundError(
            f"question '{question}' is not in survey '{survey}'; questions are: " + ", ".join(known)
        )
    answers = sorted(r[0] for r in rows)
    unknown = [a for a in positive if a not in answers]
    if unknown:
        raise NotFoundError(
            f"answer(s) {', '.join(map(repr, unknown))} never given to '{question}'; "
            f"answers are: {', '.join(map(repr, answers))}"
        )


def _subgroup_sql(
    subgroup: Mapping[str, Sequence[str]] | None,
    area_expr: str = "",
    area_codes: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    """SQL condition and parameters keeping only respondents in `subgroup` (e.g. women) and,
    when `area_codes` is given, in those areas."""
    clauses: list[str] = []
    params: list[Any] = []
    if area_codes is not None:
        clauses.append(f"AND list_contains(?, {area_expr})")
        params.append(list(area_codes))
    if not subgroup:
        return " ".join(clauses), params
    for characteristic, values in subgroup.items():
        _check_characteristic(characteristic)
        clauses.append(f"AND list_contains(?, r.{characteristic})")
        params.append(list(values))
    return " ".join(clauses), params


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


def _monthly_sums(
    store: Store,
    survey: str,
    question: str,
    positive: Sequence[str],
    exclude: Sequence[str],
    area_expr: str,
    characteristic: str | None,
    subgroup: Mapping[str, Sequence[str]] | None,
    area_codes: Sequence[str] | None,
) -> pd.DataFrame:
    group_expr = f"COALESCE(r.{characteristic}, 'not recorded')" if characteristic else f"'{ALL}'"
    only, only_params = _subgroup_sql(subgroup, area_expr, area_codes)
    sql = f"""
        SELECT {area_expr} AS area_code, r.month AS month, {group_expr} AS "group",
               count(*) AS base, sum(r.weight) AS sum_w, sum(r.weight * r.weight) AS sum_w2,
               sum(CASE WHEN list_contains(?, a.answer) THEN r.weight ELSE 0 END) AS sum_wy
        FROM survey_respondents AS r
        JOIN survey_answers AS a ON a.survey = r.survey AND a.respondent_id = r.respondent_id
        WHERE r.survey = ? AND a.question = ? AND NOT list_contains(?, a.answer)
          AND {area_expr} IS NOT NULL {only}
        GROUP BY ALL
    """
    params = [list(positive), survey, question, list(exclude), *only_params]
    return store.con.execute(sql, params).df()


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
    first_last = store.con.execute(
        "SELECT min(month), max(month) FROM survey_respondents WHERE survey = ?", [survey]
    ).fetchone()
    assert first_last is not None
    first = pd.Period(first_last[0], freq="M")
    calendar = (str(first), str(pd.Period(first_last[1], freq="M")))
    pieces = []
    for characteristic in characteristics:
        monthly = _monthly_sums(
            store,
            survey,
            question,
            positive_answers,
            exclude_answers,
            AREA_LEVELS[area_level],
            characteristic,
            subgroup,
            area_codes,
        )
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
    only, only_params = _subgroup_sql(subgroup, AREA_LEVELS[area_level], area_codes)
    _check_question(store, survey, question, positive_answers)
    end = pd.Period(month, freq="M")
    start = end - (window - 1)
    area_expr = AREA_LEVELS[area_level]
    respondents = store.con.execute(
        f"""
        SELECT {area_expr} AS area_code, r.{characteristic} AS {characteristic}, r.weight,
               list_contains(?, a.answer) AS positive
        FROM survey_respondents AS r
        JOIN survey_answers AS a ON a.survey = r.survey AND a.respondent_id = r.respondent_id
        WHERE r.survey = ? AND a.question = ? AND NOT list_contains(?, a.answer)
          AND r.month BETWEEN ? AND ? AND {area_expr} IS NOT NULL {only}
        """,
        [
            list(positive_answers),
            survey,
            question,
            list(exclude_answers),
            start.to_timestamp().date(),
            end.to_timestamp().date(),
            *only_params,
        ],
    ).df()
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
    frame = store.con.execute(
        """
        SELECT area_code, period, characteristic, group_name AS "group", percentage, base
        FROM survey_published
        WHERE measure = ? AND (? IS NULL OR list_contains(?, area_code))
        ORDER BY area_code, period, characteristic, group_name
        """,
        [measure, None if area_codes is None else 1, list(area_codes or [])],
    ).df()
    if frame.empty:
        known = [
            r[0]
            for r in store.con.execute(
                "SELECT DISTINCT measure FROM survey_published ORDER BY 1"
            ).fetchall()
        ]
        if not known:
            raise NoDataError("no published survey figures in the store")
        raise NotFoundError(
            f"no published figures for '{measure}'"
            + ("" if area_codes is None else " in " + ", ".join(area_codes))
            + "; measures are: "
            + ", ".join(known)
        )
    return suppress_frame(frame, threshold=min_base)
