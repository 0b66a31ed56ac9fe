"""The audit log: every change to application state, with who, what, when, before and after."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crimeplan.store.appdb import models as m


def record_change(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_key: str,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
) -> m.AuditEntry:
    """Add an audit entry in the caller's transaction: it commits with the change or not at all."""
    entry = m.AuditEntry(
        at=datetime.now(UTC),
        actor=actor,
        action=action,
        entity=entity,
        entity_key=entity_key,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )
    session.add(entry)
    return entry


def audit_entries(session: Session, limit: int = 200) -> list[m.AuditEntry]:
    """The most recent entries first."""
    query = select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(limit)
    return list(session.scalars(query))
