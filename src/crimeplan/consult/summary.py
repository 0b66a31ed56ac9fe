"""A consultation's published summary: closed-question results, splits and the register.

`consultation_summary` reads the database once and calls the pure rules in `closed` and
`register`; `summary_table`, `summary_csv` and `summary_json` format the same object for the CLI
and for export. Nothing here carries raw text or a private individual's name.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crimeplan.consult.closed import QuestionResult, Share, SplitResult, split, tabulate
from crimeplan.consult.intake import definition, find_consultation
from crimeplan.consult.register import Register, RegisterEntry, build_register
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.store.appdb import models as m
from crimeplan.text_cells import csv_text

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class QuestionSummary:
    key: str
    number: str | None
    section: str | None
    text: str
    result: QuestionResult
    splits: list[SplitResult]


@dataclass(frozen=True)
class ConsultationSummary:
    slug: str
    title: str
    opens: date
    closes: date
    survey_respondents: int
    written_responses: int
    questions: list[QuestionSummary]
    register: Register


def consultation_summary(session: Session, slug: str | None = None) -> ConsultationSummary:
    """Results of every closed question, split by every demographic, and the register."""
    record = find_consultation(session, slug)
    c = definition(record)
    survey_ids = list(
        session.scalars(
            select(m.Respondent.id)
            .where(m.Respondent.consultation_id == record.id, m.Respondent.channel == "survey")
            .order_by(m.Respondent.id)
        )
    )
    answers: dict[int, dict[str, str]] = {rid: {} for rid in survey_ids}
    query = (
        select(m.SurveyAnswer.respondent_id, m.Question.key, m.SurveyAnswer.code)
        .join(m.Question, m.SurveyAnswer.question_id == m.Question.id)
        .where(m.Question.consultation_id == record.id, m.SurveyAnswer.code.is_not(None))
    )
    for rid, key, code in session.execute(query):
        if rid in answers and code is not None:
            answers[rid][key] = code
    rows = [answers[rid] for rid in survey_ids]
    questions = []
    for q in c.closed_questions():
        scale = c.scale_of(q)
        codes = [r.get(q.id) for r in rows]
        splits = [split(codes, [r.get(d.id) for r in rows], scale, d) for d in c.demographics]
        questions.append(
            QuestionSummary(q.id, q.number, q.section, q.text, tabulate(codes, scale), splits)
        )
    entries = [
        RegisterEntry(r.category, r.channel, r.organisation, r.name)
        for r in session.scalars(
            select(m.Respondent).where(m.Respondent.consultation_id == record.id)
        )
    ]
    written = session.scalar(
        select(func.count(m.WrittenResponse.id)).where(
            m.WrittenResponse.consultation_id == record.id
        )
    )
    return ConsultationSummary(
        slug=record.slug,
        title=record.title,
        opens=record.opens,
        closes=record.closes,
        survey_respondents=len(survey_ids),
        written_responses=int(written or 0),
        questions=questions,
        register=build_register(entries, c),
    )


def _pct(s: Share | None) -> str:
    if s is None or s.percent is None or s.ci_low is None or s.ci_high is None:
        return "-"
    if s.base < MIN_BASE:
        return f"{s.count} of {s.base}, too few for a percentage"
    return f"{s.percent:.0f}% ({s.ci_low:.0f}-{s.ci_high:.0f})"


def _small_base_blanked(value: Any) -> Any:
    """A copy of `asdict` output with the percentage and interval of every share on fewer
    than `MIN_BASE` answers set to None (the count and base stay): no percentage on a small
    base in any output, as on the dashboard (`measures.small_numbers`)."""
    if isinstance(value, dict):
        out = {k: _small_base_blanked(v) for k, v in value.items()}
        if {"count", "base", "percent"} <= out.keys() and (out["base"] or 0) < MIN_BASE:
            out.update(percent=None, ci_low=None, ci_high=None)
        return out
    if isinstance(value, list):
        return [_small_base_blanked(v) for v in value]
    return value


def summary_table(s: ConsultationSummary) -> str:
    """Plain text for a terminal: per question each answer, agree/disagree, non-response."""
    lines = [
        s.title,
        f"{s.opens} to {s.closes}: {s.survey_respondents:,} survey respondents, "
        f"{s.written_responses:,} written responses",
        "Percentages are of those answering, with 95% Wilson intervals; on fewer than "
        f"{MIN_BASE} answers the two counts instead.",
        "",
    ]
    for q in s.questions:
        r = q.result
        lines.append(f"{q.key}: {q.text}")
        for a in r.answers:
            lines.append(f"  {a.label:<32} {a.share.count:>6,}  {_pct(a.share)}")
        if r.agree is not None:
            lines.append(f"  {'All agree':<32} {r.agree.count:>6,}  {_pct(r.agree)}")
        if r.disagree is not None:
            lines.append(f"  {'All disagree':<32} {r.disagree.count:>6,}  {_pct(r.disagree)}")
        lines.append(f"  {'No answer (of all respondents)':<32} {r.no_answer.count:>6,}")
        for sp in q.splits:
            if sp.test is not None:
                lines.append(
                    f"  by {sp.demographic}: chi-square {sp.test.statistic:.2f}, "
                    f"df {sp.test.dof}, p = {sp.test.p_value:.3g}"
                    + (" (some expected counts < 5)" if sp.test.low_expected else "")
                )
        lines.append("")
    lines.append(f"Respondents: {s.register.total:,}")
    for cat in s.register.categories:
        lines.append(f"  {cat.label}: {cat.count:,}")
        lines.extend(f"    {name}" for name in cat.names)
    return "\n".join(lines) + "\n"


CSV_COLUMNS = (
    "question",
    "number",
    "split_by",
    "group",
    "answer",
    "label",
    "count",
    "base",
    "percent",
    "ci_low",
    "ci_high",
)


def _share_row(s: Share) -> list[object]:
    def r(x: float | None) -> object:
        return "" if x is None else round(x, 2)

    if s.base < MIN_BASE:  # the counts only: no percentage on a small base
        return [s.count, s.base, "", "", ""]
    return [s.count, s.base, r(s.percent), r(s.ci_low), r(s.ci_high)]


def _result_rows(
    q: QuestionSummary, result: QuestionResult, by: str, group: str
) -> list[list[object]]:
    head = [q.key, q.number or "", by, group]
    rows = [[*head, a.code, a.label, *_share_row(a.share)] for a in result.answers]
    if result.agree is not None:
        rows.append([*head, "agree", "All agree", *_share_row(result.agree)])
    if result.disagree is not None:
        rows.append([*head, "disagree", "All disagree", *_share_row(result.disagree)])
    rows.append([*head, "no_answer", "No answer", *_share_row(result.no_answer)])
    return rows


def summary_csv(s: ConsultationSummary) -> str:
    """One row per question, split group and answer (long format, for spreadsheets)."""
    rows: list[list[object]] = []
    for q in s.questions:
        rows += _result_rows(q, q.result, "", "all")
        for sp in q.splits:
            for g in sp.groups:
                rows += _result_rows(q, g.result, sp.demographic, g.code)
    return csv_text(CSV_COLUMNS, rows)


def summary_json(s: ConsultationSummary) -> str:
    return json.dumps(_small_base_blanked(dataclasses.asdict(s)), default=str, indent=2)


def format_summary(s: ConsultationSummary, fmt: str) -> str:
    if fmt == "table":
        return summary_table(s)
    if fmt == "csv":
        return summary_csv(s)
    if fmt == "json":
        return summary_json(s)
    raise ValueError(f"unknown format {fmt!r}")
