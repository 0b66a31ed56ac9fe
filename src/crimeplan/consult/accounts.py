"""Analyst accounts: users, roles and passwords hashed with Argon2id (argon2-cffi).

Roles, from least to most: viewer (reads results), analyst (also uploads and reads redacted
responses), admin (also manages users). A role includes everything below it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from crimeplan.consult.audit import record_change
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m

ROLES = ("viewer", "analyst", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,62}$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class AccountError(CrimeplanError):
    """A user name, password or role that cannot be accepted."""


def role_at_least(role: str, needed: str) -> bool:
    """True when `role` includes the rights of `needed` (admin > analyst > viewer).

    >>> role_at_least("admin", "analyst"), role_at_least("viewer", "analyst")
    (True, False)
    """
    return ROLES.index(role) >= ROLES.index(needed)


def _check(username: str, password: str | None, role: str) -> None:
    if not USERNAME.match(username):
        raise AccountError(
            f"'{username}' is not a user name",
            hint="Use 2 to 63 lower-case letters, digits, dots, dashes or underscores",
        )
    if role not in ROLES:
        raise AccountError(f"'{role}' is not a role", hint="Use one of " + ", ".join(ROLES))
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is shorter than {MIN_PASSWORD} characters")


def add_user(db: AppDB, username: str, password: str, role: str, actor: str) -> None:
    _check(username, password, role)
    with db.transaction() as session:
        if session.scalar(select(m.User).where(m.User.username == username)) is not None:
            raise AccountError(f"user '{username}' already exists")
        session.add(
            m.User(
                username=username,
                password_hash=_hasher.hash(password),
                role=role,
                active=True,
                created_at=datetime.now(UTC),
            )
        )
        record_change(session, actor, "create", "user", username, None, {"role": role})


def set_role(db: AppDB, username: str, role: str, actor: str) -> None:
    _check(username, None, role)
    with db.transaction() as session:
        user = session.scalar(select(m.User).where(m.User.username == username))
        if user is None:
            raise NotFoundError(f"no user '{username}'")
        before = {"role": user.role}
        user.role = role
        record_change(session, actor, "update", "user", username, before, {"role": role})


def set_active(db: AppDB, username: str, active: bool, actor: str) -> None:
    with db.transaction() as session:
        user = session.scalar(select(m.User).where(m.User.username == username))
        if user is None:
            raise NotFoundError(f"no user '{username}'")
        before = {"active": user.active}
        user.active = active
        record_change(session, actor, "update", "user", username, before, {"active": active})


def authenticate(db: AppDB, username: str, password: str) -> m.User | None:
    """The active user with this name and password, or None (same answer for either mistake)."""
    with db.transaction() as session:
        user = session.scalar(select(m.User).where(m.User.username == username))
        if user is None or not user.active:
            _hasher.hash(password)  # spend the same time as a real check
            return None
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        session.flush()
        session.expunge(user)
        return user


def list_users(session: Session) -> list[m.User]:
    return list(session.scalars(select(m.User).order_by(m.User.username)))
