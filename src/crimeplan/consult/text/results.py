"""What is published about themes: respondents per theme, quotes, and agreement beside them.

A segment's themes are the analyst's where an analyst has coded it, else the machine's. A
respondent raised a theme if any of their segments is coded to it; counts are of respondents,
never segments. Share = respondents raising the theme / respondents with any free text (in
the same channel or category for the splits), with its 95% Wilson interval
(`crimeplan.consult.closed.wilson_interval`). Quotes are chosen for coverage: greedily, the coded
segment least similar to those already chosen (farthest-point, starting from the one nearest the
theme's centroid), one per respondent, up to three. Each count and quote carries the ids of the
segments behind it, so it can be followed back (tests/consult/text/test_traceability.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from crimeplan.consult.closed import wilson_interval
from crimeplan.consult.intake import find_consultation
from crimeplan.consult.text.agreement import ThemeAgreement, agreement, format_agreement
from crimeplan.consult.text.analysis import active_themes
from crimeplan.store.appdb import models as m
from crimeplan.store.appdb.themes import (
    AgreementCode,
    Segment,
    SegmentCode,
    SegmentEmbedding,
)

QUOTES = 3


@dataclass(frozen=True)
class Count:
    group: str  # "all", "channel:survey", "category:resident" ...
    respondents: int
    base: int
    percent: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class Quote:
    segment_id: int
    respondent_id: int
    locator: str
    source_file: str
    start: int
    end: int
    text: str  # redacted


@dataclass
class ThemeResult:
    key: str
    label: str
    key_terms: list[str]
    segments: list[int]  # ids of the segments coded to the theme
    respondent_ids: list[int]
    counts: list[Count]
    stances: dict[str, int]
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class ThemeResults:
    consultation: str
    title: str
    segments: int
    respondents: int
    unassigned: int
    themes: list[ThemeResult]
    agreement: list[ThemeAgreement]


def final_codes(session: Session, segment_ids: Sequence[int]) -> dict[int, dict[int, str | None]]:
    """segment id -> {theme id: stance}: the analyst's codes where there are any, else the
    machine's present codes."""
    analyst: dict[int, dict[int, str | None]] = {}
    machine: dict[int, dict[int, str | None]] = {}
    wanted = set(segment_ids)
    for code in session.scalars(
        select(SegmentCode).where(SegmentCode.source.in_(("analyst", "machine")))
    ):
        if code.segment_id not in wanted:
            continue
        bucket = (analyst if code.source == "analyst" else machine).setdefault(code.segment_id, {})
        if code.present:
            bucket[code.theme_id] = code.stance
    return {sid: analyst.get(sid, machine.get(sid, {})) for sid in segment_ids}


def _count(group: str, raised: int, base: int) -> Count:
    low, high = wilson_interval(raised, base) if base else (0.0, 0.0)
    percent = 100 * raised / base if base else 0.0
    return Count(group, raised, base, round(percent, 1), round(100 * low, 1), round(100 * high, 1))


def _quotes(segments: Sequence[Segment], vectors: dict[int, np.ndarray]) -> list[Quote]:
    if not segments:
        return []
    have = [s for s in segments if s.id in vectors]
    if not have:
        have = list(segments)
        matrix = np.eye(len(have), dtype=np.float32)
    else:
        matrix = np.vstack([vectors[s.id] for s in have])
    centroid = matrix.mean(axis=0)
    order = sorted(range(len(have)), key=lambda i: (-float(matrix[i] @ centroid), have[i].id))
    chosen: list[int] = []
    people: set[int] = set()
    for _ in range(QUOTES):
        best, best_score = None, None
        for i in order:
            if i in chosen or have[i].respondent_id in people:
                continue
            score = -max((float(matrix[i] @ matrix[c]) for c in chosen), default=0.0)
            if best_score is None or score > best_score + 1e-9:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        people.add(have[best].respondent_id)
    return [
        Quote(s.id, s.respondent_id, s.locator, s.source_file, s.start, s.end, s.text)
        for s in (have[i] for i in chosen)
    ]


def theme_results(session: Session, slug: str | None, model: str | None = None) -> ThemeResults:
    record = find_consultation(session, slug)
    segments = list(
        session.scalars(
            select(Segment).where(Segment.consultation_id == record.id).order_by(Segment.id)
        )
    )
    by_id = {s.id: s for s in segments}
    codes = final_codes(session, list(by_id))
    people = {
        r.id: r
        for r in session.scalars(
            select(m.Respondent).where(m.Respondent.id.in_({s.respondent_id for s in segments}))
        )
    }
    groups: dict[str, set[int]] = {"all": set(people)}
    for r in people.values():
        groups.setdefault(f"channel:{r.channel}", set()).add(r.id)
        groups.setdefault(f"category:{r.category}", set()).add(r.id)
    vectors: dict[int, np.ndarray] = {}
    if model is not None:
        for e in session.scalars(select(SegmentEmbedding).where(SegmentEmbedding.model == model)):
            if e.segment_id in by_id:
                vectors[e.segment_id] = np.frombuffer(e.vector, dtype="<f4")
    out = []
    for theme in active_themes(session, record.id):
        coded = [sid for sid in by_id if theme.id in codes[sid]]
        raised = {by_id[sid].respondent_id for sid in coded}
        counts = [_count(g, len(raised & members), len(members)) for g, members in sorted(
            groups.items(), key=lambda kv: (kv[0] != "all", kv[0])
        )]  # fmt: skip
        stances = Counter(codes[sid][theme.id] or "uncoded" for sid in coded)
        result = ThemeResult(
            theme.key, theme.label, list(theme.key_terms or []), coded, sorted(raised), counts,
            dict(sorted(stances.items())),
        )  # fmt: skip
        result.quotes = _quotes([by_id[sid] for sid in coded], vectors)
        out.append(result)
    out.sort(key=lambda t: (-len(t.respondent_ids), t.key))
    unassigned = sum(1 for sid in by_id if not codes[sid])
    return ThemeResults(
        record.slug, record.title, len(segments), len(people), unassigned, out,
        consultation_agreement(session, record.id),
    )  # fmt: skip


def consultation_agreement(session: Session, consultation_id: int) -> list[ThemeAgreement]:
    """Machine codes against every analyst's blind codes in the consultation's sample."""
    samples = list(
        session.scalars(
            select(AgreementCode)
            .where(AgreementCode.consultation_id == consultation_id, AgreementCode.themes.is_not(None))
            .order_by(AgreementCode.segment_id, AgreementCode.coder)
        )
    )  # fmt: skip
    if not samples:
        return []
    themes = active_themes(session, consultation_id)
    key_of = {t.id: t.key for t in themes}
    machine: dict[int, set[str]] = {}
    ids = {s.segment_id for s in samples}
    for code in session.scalars(
        select(SegmentCode).where(SegmentCode.source == "machine", SegmentCode.segment_id.in_(ids))
    ):
        if code.present and code.theme_id in key_of:
            machine.setdefault(code.segment_id, set()).add(key_of[code.theme_id])
    return agreement(
        [t.key for t in themes],
        [machine.get(s.segment_id, set()) for s in samples],
        [set(s.themes or []) for s in samples],
    )


def format_results(r: ThemeResults, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(asdict(r), indent=2, ensure_ascii=False) + "\n"
    lines = [
        f"{r.title}: {r.respondents:,} respondents with free text, {r.segments:,} segments "
        f"({r.unassigned:,} with no theme)",
        "Counts are respondents (not segments); % of respondents with free text, 95% Wilson "
        "interval",
        "",
    ]
    for t in r.themes:
        total = t.counts[0]
        lines.append(
            f"{t.label} [{t.key}]: {total.respondents:,} of {total.base:,} "
            f"{total.percent:.0f}% ({total.ci_low:.0f}-{total.ci_high:.0f})  "
            + ", ".join(f"{k} {v}" for k, v in t.stances.items())
        )
        for c in t.counts[1:]:
            lines.append(
                f"    {c.group:34} {c.respondents:>5,} of {c.base:>6,} {c.percent:5.1f}% "
                f"({c.ci_low:.1f}-{c.ci_high:.1f})"
            )
        for q in t.quotes:
            lines.append(f'    "{q.text[:200]}" [{q.locator}, characters {q.start}-{q.end}]')
        lines.append("")
    if r.agreement:
        lines.append(format_agreement(r.agreement))
    else:
        lines.append(
            "Agreement: no analyst has blind-coded a sample yet "
            "(crimeplan consult agreement --sample N)"
        )
    return "\n".join(lines).rstrip("\n") + "\n"
