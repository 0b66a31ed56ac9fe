"""On the synthetic consultation, the published figures equal what the generator wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import ingest_survey, ingest_written, init_consultation
from crimeplan.consult.summary import ConsultationSummary, consultation_summary
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m
from crimeplan.synthetic.consultation import KnownFigures

AGREE5 = {"strongly_agree", "tend_to_agree"}


@pytest.fixture
def summary(
    db: AppDB, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures]
) -> ConsultationSummary:
    folder, _ = synthetic
    init_consultation(db, loaded, "test")
    ingest_survey(db, folder / "survey.csv", "test")
    ingest_written(db, folder / "written", "test")
    with db.reading() as session:
        return consultation_summary(session)


def _question(s: ConsultationSummary, key: str):  # type: ignore[no-untyped-def]
    return next(q for q in s.questions if q.key == key)


def test_headlines_equal_the_quotas(summary: ConsultationSummary) -> None:
    # Quotas set in the generator: 170 of 200 answering say yes (85%); 20 did not answer.
    q2 = _question(summary, "q2_priorities").result
    assert q2.agree is not None and q2.agree.percent == pytest.approx(85.0)
    assert (q2.agree.count, q2.answered, q2.no_answer.count) == (170, 200, 20)
    q1 = {g.code: g.result for g in _question(summary, "q1_safer_city").splits[0].groups}
    assert q1["female"].agree is not None and q1["male"].agree is not None
    assert q1["female"].agree.percent == pytest.approx(74.0)
    assert q1["male"].agree.percent == pytest.approx(61.0)


def test_every_count_and_split_equals_the_generator(
    summary: ConsultationSummary, synthetic: tuple[Path, KnownFigures]
) -> None:
    _, known = synthetic
    assert summary.survey_respondents == known.respondents
    for q in summary.questions:
        got = {a.code: a.share.count for a in q.result.answers if a.share.count}
        assert got == dict(known.counts[q.key]), q.key
        assert q.result.no_answer.count == known.no_answer[q.key], q.key
        for sp in q.splits:
            for g in sp.groups:
                expected = known.split_counts[(q.key, sp.demographic)][g.code]
                got_group = {a.code: a.share.count for a in g.result.answers if a.share.count}
                assert got_group == dict(expected), (q.key, sp.demographic, g.code)
                if g.result.answered and g.result.agree is not None:
                    codes = AGREE5 if q.key == "q1_safer_city" else {"yes"}
                    assert g.result.agree.percent == pytest.approx(
                        known.agree_percent(q.key, codes, (sp.demographic, g.code))
                    )


def test_register_counts_categories_and_names_no_private_individual(
    summary: ConsultationSummary, synthetic: tuple[Path, KnownFigures]
) -> None:
    _, known = synthetic
    counts = {c.code: c.count for c in summary.register.categories}
    assert counts == {code: known.categories[code] for code in counts}
    named = {c.code: c.names for c in summary.register.categories}
    assert named["private_individual"] == []
    for category, names in known.organisations.items():
        assert named[category] == sorted(set(names))
    listed = " ".join(n for names in named.values() for n in names)
    assert not [name for name in known.private_names if name in listed]


def test_reingesting_replaces_and_never_duplicates(
    db: AppDB, summary: ConsultationSummary, synthetic: tuple[Path, KnownFigures]
) -> None:
    folder, known = synthetic
    # The XLSX holds the same respondents (half as labels): it must replace, not add.
    report = ingest_survey(db, folder / "survey.xlsx", "test")
    assert (report.added, report.replaced) == (0, known.respondents)
    again = ingest_written(db, folder / "written", "test")
    assert (again.added, again.replaced) == (0, len(known.written_files))
    with db.reading() as session:
        assert session.scalar(select(func.count(m.Respondent.id))) == known.respondents + len(
            known.written_files
        )
        assert session.scalar(select(func.count(m.WrittenResponse.id))) == len(known.written_files)
        after = consultation_summary(session)
    assert [q.result for q in after.questions] == [q.result for q in summary.questions]
