"""The recommendations tracker: counts by body, response and status, overdue items flagged,
and for a recommendation linked to a measure that measure's latest RAG and signal.

`tracker_rows` turns register rows into plain `TrackerRow`s; `tracker_counts` is a pure count
over them (tested against an independent count). `measure_status` is the one place that asks
the measures service for a rating.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from crimeplan.scrutiny.model import (
    RESPONSE_KINDS,
    STATUSES,
    is_overdue,
)
from crimeplan.store.appdb import register_models as r


@dataclass(frozen=True)
class MeasureStatus:
    """A linked measure's latest rating, as the measures service computed it."""

    plan: str
    measure_id: str
    title: str
    area: str
    period: str
    value: str
    rag: str | None
    signal: str | None
    signal_sentence: str | None


@dataclass(frozen=True)
class LinkView:
    kind: str  # commitment | measure
    plan: str
    target: str
    label: str  # the commitment's words or the measure's title
    status: MeasureStatus | None = None


@dataclass(frozen=True)
class TrackerRow:
    """One recommendation as the tracker, the reports and the public pages show it."""

    id: int
    body_key: str
    body: str
    body_kind: str
    report_key: str
    report: str
    published: date | None
    number: str
    text: str
    sub_points: list[str]
    addressee: str | None
    theme: str | None
    owner: str | None
    due: date | None
    status: str
    response_kind: str | None
    response_text: str | None
    responder: str | None
    responded_on: date | None
    overdue: bool
    version: int
    links: list[LinkView] = field(default_factory=list)
    updates: list[tuple[date, str, str]] = field(default_factory=list)  # (on, status, text)


@dataclass(frozen=True)
class TrackerCounts:
    total: int
    by_body: dict[str, int]
    by_response: dict[str, int]  # a kind, or 'awaiting'
    by_status: dict[str, int]
    body_response: dict[tuple[str, str], int]
    body_status: dict[tuple[str, str], int]
    overdue: int
    overdue_by_body: dict[str, int]


LinkResolver = Callable[[r.RecommendationLink], LinkView]


def plain_link(link: r.RecommendationLink) -> LinkView:
    return LinkView(link.kind, link.plan_id, link.target, link.target)


def tracker_rows(
    recs: Sequence[r.Recommendation], today: date, resolve: LinkResolver = plain_link
) -> list[TrackerRow]:
    rows = []
    for rec in recs:
        response = rec.responses[-1] if rec.responses else None
        body = rec.report.body
        rows.append(
            TrackerRow(
                id=rec.id,
                body_key=body.key,
                body=body.name,
                body_kind=body.kind,
                report_key=rec.report.key,
                report=rec.report.title,
                published=rec.report.published,
                number=rec.number,
                text=rec.text,
                sub_points=list(rec.sub_points),
                addressee=rec.addressee,
                theme=rec.theme,
                owner=rec.owner,
                due=rec.due,
                status=rec.status,
                response_kind=response.kind if response else None,
                response_text=response.text if response else None,
                responder=response.responder if response else None,
                responded_on=response.responded_on if response else None,
                overdue=is_overdue(rec.due, rec.status, today),
                version=rec.version,
                links=[resolve(k) for k in rec.links],
                updates=[(u.on, u.status, u.text) for u in rec.updates],
            )
        )
    return rows


def tracker_counts(rows: Sequence[TrackerRow]) -> TrackerCounts:
    """Counts by body, response kind (or awaiting) and status, and the overdue items."""
    response = [row.response_kind or "awaiting" for row in rows]
    by_response = Counter(response)
    by_status = Counter(row.status for row in rows)
    return TrackerCounts(
        total=len(rows),
        by_body=dict(Counter(row.body for row in rows)),
        by_response={k: by_response[k] for k in (*RESPONSE_KINDS, "awaiting")},
        by_status={k: by_status[k] for k in STATUSES},
        body_response=dict(Counter((row.body, k) for row, k in zip(rows, response, strict=True))),
        body_status=dict(Counter((row.body, row.status) for row in rows)),
        overdue=sum(row.overdue for row in rows),
        overdue_by_body=dict(Counter(row.body for row in rows if row.overdue)),
    )
