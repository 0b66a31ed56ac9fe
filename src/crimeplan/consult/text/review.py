"""Analysts' changes to themes and codes, each audited in the same transaction.

Recode a segment (its analyst codes then decide it and train the coder at the next
`analyse`), rename, add, drop, merge and split themes, and the blind agreement sample: drawn at
random (seeded) from the consultation's segments, coded without seeing the machine's codes.
`review_queue` offers segments least-confident first (active learning): those whose machine
scores sit nearest the 0.5 boundary, among segments no analyst has coded.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crimeplan.consult.audit import record_change
from crimeplan.consult.intake import find_consultation
from crimeplan.consult.text.analysis import active_themes
from crimeplan.consult.text.codebook import KEY
from crimeplan.consult.text.stance import STANCES
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb.themes import AgreementCode, Segment, SegmentCode, Theme


def _theme(session: Session, consultation_id: int, key: str) -> Theme:
    found = session.scalar(
        select(Theme).where(Theme.consultation_id == consultation_id, Theme.key == key)
    )
    if found is None:
        raise NotFoundError(f"no theme '{key}'")
    return found


def _segment(session: Session, consultation_id: int, segment_id: int) -> Segment:
    found = session.get(Segment, segment_id)
    if found is None or found.consultation_id != consultation_id:
        raise NotFoundError(f"no segment {segment_id}")
    return found


def _analyst_codes(session: Session, segment_id: int) -> dict[int, SegmentCode]:
    return {
        c.theme_id: c
        for c in session.scalars(
            select(SegmentCode).where(
                SegmentCode.segment_id == segment_id, SegmentCode.source == "analyst"
            )
        )
    }


def _set_codes(
    session: Session, segment: Segment, present: dict[int, str | None], themes: Iterable[Theme],
    actor: str,
) -> None:  # fmt: skip
    codes = _analyst_codes(session, segment.id)
    now = datetime.now(UTC)
    for theme in themes:
        code = codes.get(theme.id) or SegmentCode(
            segment_id=segment.id, theme_id=theme.id, source="analyst", confidence=1.0
        )
        code.present = theme.id in present
        code.stance = present.get(theme.id)
        code.coder, code.at = actor, now
        session.add(code)


def recode(
    db: AppDB, slug: str | None, segment_id: int, theme_keys: Iterable[str], actor: str,
    stance: str | None = None,
) -> None:  # fmt: skip
    """The analyst's themes for the segment (all others absent), with an optional stance."""
    if stance is not None and stance not in STANCES:
        raise CrimeplanError(f"unknown stance '{stance}'", hint="Use " + ", ".join(STANCES))
    with db.transaction() as session:
        record = find_consultation(session, slug)
        segment = _segment(session, record.id, segment_id)
        themes = active_themes(session, record.id)
        by_key = {t.key: t for t in themes}
        wanted = set(theme_keys)
        unknown = wanted - set(by_key)
        if unknown:
            raise NotFoundError(f"no theme '{sorted(unknown)[0]}'")
        before = sorted(
            t.key for t in themes if (c := _analyst_codes(session, segment.id).get(t.id)) and c.present
        )  # fmt: skip
        _set_codes(session, segment, {by_key[k].id: stance for k in wanted}, themes, actor)
        record_change(
            session, actor, "recode", "segment", segment.locator,
            {"themes": before}, {"themes": sorted(wanted), "stance": stance},
        )  # fmt: skip


def rename_theme(db: AppDB, slug: str | None, key: str, label: str, actor: str) -> None:
    with db.transaction() as session:
        theme = _theme(session, find_consultation(session, slug).id, key)
        before = theme.label
        theme.label = label.strip() or theme.label
        record_change(
            session, actor, "rename", "theme", key, {"label": before}, {"label": theme.label}
        )


def add_theme(
    db: AppDB, slug: str | None, key: str, label: str, actor: str, examples: Iterable[str] = ()
) -> None:
    if not KEY.match(key):
        raise CrimeplanError(f"'{key}' is not a theme key", hint="Use a-z, 0-9 and _")
    with db.transaction() as session:
        record = find_consultation(session, slug)
        if session.scalar(
            select(Theme).where(Theme.consultation_id == record.id, Theme.key == key)
        ):
            raise CrimeplanError(f"theme '{key}' exists already")
        position = len(active_themes(session, record.id))
        session.add(
            Theme(
                consultation_id=record.id, key=key, label=label, description=None, key_terms=[],
                examples=[e for e in examples if e.strip()], origin="analyst", active=True,
                merged_into=None, position=position,
            )
        )  # fmt: skip
        record_change(session, actor, "add", "theme", key, None, {"label": label})


def drop_theme(db: AppDB, slug: str | None, key: str, actor: str) -> None:
    with db.transaction() as session:
        theme = _theme(session, find_consultation(session, slug).id, key)
        theme.active = False
        record_change(session, actor, "drop", "theme", key, {"active": True}, {"active": False})


def merge_themes(db: AppDB, slug: str | None, source: str, target: str, actor: str) -> None:
    """`source` is folded into `target`: its analyst and cluster codes move to the target."""
    if source == target:
        raise CrimeplanError("a theme cannot be merged into itself")
    with db.transaction() as session:
        record = find_consultation(session, slug)
        old, new = _theme(session, record.id, source), _theme(session, record.id, target)
        moved = 0
        for code in list(
            session.scalars(select(SegmentCode).where(SegmentCode.theme_id == old.id))
        ):
            twin = session.scalar(
                select(SegmentCode).where(
                    SegmentCode.segment_id == code.segment_id,
                    SegmentCode.theme_id == new.id,
                    SegmentCode.source == code.source,
                )
            )
            if twin is None:
                code.theme_id = new.id
                moved += 1
            else:
                twin.present = twin.present or code.present
                twin.confidence = max(twin.confidence, code.confidence)
                session.delete(code)
        new.examples = list(new.examples or []) + list(old.examples or [])
        old.active, old.merged_into = False, new.key
        record_change(
            session, actor, "merge", "theme", source, {"active": True},
            {"merged_into": target, "codes_moved": moved},
        )  # fmt: skip


def split_theme(
    db: AppDB, slug: str | None, key: str, new_key: str, new_label: str, segment_ids: Iterable[int],
    actor: str,
) -> None:  # fmt: skip
    """A new theme from some of `key`'s segments: they are coded to it (by the analyst) instead."""
    add_theme(db, slug, new_key, new_label, actor)
    ids = sorted(set(segment_ids))
    with db.transaction() as session:
        record = find_consultation(session, slug)
        themes = active_themes(session, record.id)
        old, new = _theme(session, record.id, key), _theme(session, record.id, new_key)
        for sid in ids:
            segment = _segment(session, record.id, sid)
            codes = _analyst_codes(session, sid)
            present = {tid: c.stance for tid, c in codes.items() if c.present}
            if not codes:  # start from the machine's codes
                present = {
                    c.theme_id: c.stance
                    for c in session.scalars(
                        select(SegmentCode).where(
                            SegmentCode.segment_id == sid,
                            SegmentCode.source == "machine",
                            SegmentCode.present.is_(True),
                        )
                    )
                }
            present.pop(old.id, None)
            present[new.id] = None
            _set_codes(session, segment, present, themes, actor)
        record_change(
            session, actor, "split", "theme", key, None, {"into": new_key, "segments": ids}
        )


def review_queue(session: Session, consultation_id: int, limit: int = 20) -> list[Segment]:
    """Uncoded segments, least confident first: min over themes of |machine score - 0.5|."""
    analysed = set(
        session.scalars(
            select(SegmentCode.segment_id).where(SegmentCode.source == "analyst").distinct()
        )
    )
    margin: dict[int, float] = {}
    for code in session.scalars(select(SegmentCode).where(SegmentCode.source == "machine")):
        m = abs(code.confidence - 0.5)
        margin[code.segment_id] = min(margin.get(code.segment_id, 1.0), m)
    segments = [
        s
        for s in session.scalars(select(Segment).where(Segment.consultation_id == consultation_id))
        if s.id not in analysed
    ]
    segments.sort(key=lambda s: (margin.get(s.id, 0.5), s.id))
    return segments[:limit]


def draw_sample(db: AppDB, slug: str | None, coder: str, n: int, seed: int = 14) -> int:
    """Add `n` random segments (seeded) to `coder`'s blind sample; how many are now in it."""
    with db.transaction() as session:
        record = find_consultation(session, slug)
        ids = sorted(
            session.scalars(select(Segment.id).where(Segment.consultation_id == record.id))
        )
        have = set(
            session.scalars(
                select(AgreementCode.segment_id).where(
                    AgreementCode.consultation_id == record.id, AgreementCode.coder == coder
                )
            )
        )
        pool = [i for i in ids if i not in have]
        chosen = sorted(random.Random(seed).sample(pool, min(n, len(pool))))
        now = datetime.now(UTC)
        for sid in chosen:
            session.add(
                AgreementCode(
                    consultation_id=record.id, segment_id=sid, coder=coder, themes=None,
                    sampled_at=now, coded_at=None,
                )
            )  # fmt: skip
        record_change(
            session, coder, "sample", "agreement", record.slug, None, {"segments": chosen}
        )
        return len(have) + len(chosen)


def record_blind(
    db: AppDB, slug: str | None, segment_id: int, coder: str, themes: Iterable[str]
) -> None:
    with db.transaction() as session:
        record = find_consultation(session, slug)
        keys = {t.key for t in active_themes(session, record.id)}
        wanted = sorted(set(themes))
        for key in wanted:
            if key not in keys:
                raise NotFoundError(f"no theme '{key}'")
        row = session.scalar(
            select(AgreementCode).where(
                AgreementCode.segment_id == segment_id, AgreementCode.coder == coder
            )
        )
        if row is None or row.consultation_id != record.id:
            raise NotFoundError(f"segment {segment_id} is not in {coder}'s sample")
        before = row.themes
        row.themes, row.coded_at = wanted, datetime.now(UTC)
        record_change(
            session, coder, "blind-code", "segment", str(segment_id), {"themes": before}, {"themes": wanted}
        )  # fmt: skip


def sample_csv(session: Session, consultation_id: int, coder: str) -> str:
    """The coder's sample as CSV (segment_id, text, themes): no machine codes in it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["segment_id", "text", "themes"])
    rows = session.execute(
        select(AgreementCode, Segment.text)
        .join(Segment, AgreementCode.segment_id == Segment.id)
        .where(AgreementCode.consultation_id == consultation_id, AgreementCode.coder == coder)
        .order_by(AgreementCode.segment_id)
    ).all()
    for code, text in rows:
        writer.writerow([code.segment_id, text, ";".join(code.themes or [])])
    return out.getvalue()


def next_blind(session: Session, consultation_id: int, coder: str) -> Segment | None:
    row = session.scalar(
        select(AgreementCode)
        .where(
            AgreementCode.consultation_id == consultation_id,
            AgreementCode.coder == coder,
            AgreementCode.themes.is_(None),
        )
        .order_by(AgreementCode.segment_id)
    )
    return None if row is None else session.get(Segment, row.segment_id)
