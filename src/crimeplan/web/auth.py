"""Sign-in for the consultation pages: server-side sessions, roles and CSRF tokens.

- Passwords are hashed with Argon2id (argon2-cffi, in `crimeplan.consult.accounts`).
- Starlette's SessionMiddleware signs the cookie with a secret from env `CRIMEPLAN_SECRET_KEY`
  or, failing that, from a file it generates once (`var/secret_key`, or env
  `CRIMEPLAN_SECRET_FILE`). The cookie holds only a random session token and the CSRF token;
  who is signed in lives in the `web_sessions` table (the token's sha256), so signing out or
  disabling a user ends the session on the server, and a role change applies at once.
- Every form post carries `csrf_token`, compared in constant time with the session's token
  (the synchroniser-token pattern, OWASP CSRF Prevention Cheat Sheet); a post without it is
  refused with 403 before the route runs.
- Roles: viewer < analyst < admin (`role_at_least`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import Request
from sqlalchemy import delete, select

from crimeplan.consult.accounts import authenticate, role_at_least
from crimeplan.consult.audit import record_change
from crimeplan.store.appdb import AppDB
from crimeplan.store.appdb import models as m

SESSION_HOURS = 8
SESSION_COOKIE = "crimeplan_session"


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    role: str

    def can(self, role: str) -> bool:
        return role_at_least(self.role, role)


class LoginRequired(Exception):
    """No one is signed in: the page sends the browser to the sign-in form."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this page or action."""

    def __init__(self, needed: str) -> None:
        super().__init__(needed)
        self.needed = needed


class CsrfFailed(Exception):
    """A form post without the session's CSRF token."""


def session_allows(db: AppDB, token: str, role: str) -> bool:
    """Whether a session token (as the cookie holds it) belongs to a live session of an
    active user whose role includes `role`."""
    with db.reading() as session:
        row = session.execute(
            select(m.User, m.WebSession.expires_at)
            .join(m.WebSession, m.WebSession.user_id == m.User.id)
            .where(m.WebSession.token_sha256 == _digest(token))
        ).first()
    if row is None:
        return False
    user, expires = row
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return bool(user.active) and expires >= datetime.now(UTC) and role_at_least(user.role, role)


def secret_key() -> str:
    """The session-signing secret: env CRIMEPLAN_SECRET_KEY, else a generated file kept 0600."""
    env = os.environ.get("CRIMEPLAN_SECRET_KEY")
    if env:
        return env
    path = Path(os.environ.get("CRIMEPLAN_SECRET_FILE", "var/secret_key"))
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def db_of(request: Request) -> AppDB:
    db: AppDB = request.app.state.consult_db
    return db


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (also for the sign-in form)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a form post whose `csrf_token` field does not match the session's token."""
    form = await request.form()
    sent = form.get("csrf_token")
    expected = request.session.get("csrf")
    if (
        not isinstance(sent, str)
        or not isinstance(expected, str)
        or not hmac.compare_digest(sent, expected)
    ):
        raise CsrfFailed()


def current_user(request: Request) -> CurrentUser | None:
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    with db_of(request).reading() as session:
        row = session.execute(
            select(m.User, m.WebSession.expires_at)
            .join(m.WebSession, m.WebSession.user_id == m.User.id)
            .where(m.WebSession.token_sha256 == _digest(token))
        ).first()
    if row is None:
        return None
    user, expires = row
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=UTC)
    if not user.active or expires < datetime.now(UTC):
        return None
    return CurrentUser(user.id, user.username, user.role)


def require(request: Request, role: str) -> CurrentUser:
    """The signed-in user if their role includes `role`; else LoginRequired or Forbidden."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    if not user.can(role):
        raise Forbidden(role)
    return user


class LoginThrottle:
    """Failed sign-ins counted per account and per address, with exponential back-off.

    After `free` failures in `window` seconds, each further attempt must wait 2, 4, 8 ...
    seconds (at most `longest`) after the last failure; while it waits, even the right
    password is refused, so guessing is slow whichever account or address it comes from.
    An address may fail more often than an account (several people behind one office
    address). A success clears the account's count. Kept in memory: one server process.
    (OWASP Authentication Cheat Sheet: account lockout and throttling.)
    """

    def __init__(
        self,
        *,
        free_per_account: int = 5,
        free_per_address: int = 20,
        window: float = 900.0,
        longest: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free = {"account": free_per_account, "address": free_per_address}
        self.window, self.longest, self.clock = window, longest, clock
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> list[float]:
        now = self.clock()
        kept = [t for t in self._failures.get(key, []) if now - t < self.window]
        if kept:
            self._failures[key] = kept
        else:
            self._failures.pop(key, None)
        return kept

    def wait_seconds(self, account: str, address: str) -> float:
        """How long this attempt must still wait (0: it may try now)."""
        with self._lock:
            waits = [0.0]
            for kind, value in (("account", account.casefold()), ("address", address)):
                failures = self._recent((kind, value))
                extra = len(failures) - self.free[kind]
                if extra >= 0:
                    delay = min(self.longest, 2.0 ** (extra + 1))
                    waits.append(failures[-1] + delay - self.clock())
            return max(waits)

    def failed(self, account: str, address: str) -> None:
        with self._lock:
            now = self.clock()
            for key in (("account", account.casefold()), ("address", address)):
                self._recent(key)
                self._failures.setdefault(key, []).append(now)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(("account", account.casefold()), None)


class TooManyAttempts(Exception):
    """Sign-in refused before the password is checked: too many recent failures."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"{seconds:.0f} s")
        self.seconds = max(1, int(seconds + 0.999))


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def sign_in(request: Request, username: str, password: str) -> CurrentUser | None:
    """Check the password; on success start a server-side session and a fresh CSRF token.

    Throttled per account and per address (`LoginThrottle`): raises TooManyAttempts while
    either must wait. Every failure is written to the audit log with the address.
    """
    db = db_of(request)
    throttle: LoginThrottle = request.app.state.login_throttle
    address = client_address(request)
    wait = throttle.wait_seconds(username, address)
    if wait > 0:
        with db.transaction() as session:
            record_change(
                session,
                username[:100] or "(blank)",
                "login_refused",
                "session",
                username[:100],
                None,
                {"address": address, "wait_seconds": round(wait)},
            )
        raise TooManyAttempts(wait)
    user = authenticate(db, username, password)
    if user is None:
        throttle.failed(username, address)
        with db.transaction() as session:
            record_change(
                session,
                username[:100] or "(blank)",
                "login_failed",
                "session",
                username[:100],
                None,
                {"address": address},
            )
        return None
    throttle.succeeded(username)
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.transaction() as session:
        session.add(
            m.WebSession(
                token_sha256=_digest(token),
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
        record_change(session, user.username, "login", "session", user.username, None, None)
    request.session.clear()
    request.session["sid"] = token
    request.session["csrf"] = secrets.token_urlsafe(32)
    return CurrentUser(user.id, user.username, user.role)


def sign_out(request: Request) -> None:
    token = request.session.get("sid")
    user = current_user(request)
    if isinstance(token, str):
        with db_of(request).transaction() as session:
            session.execute(delete(m.WebSession).where(m.WebSession.token_sha256 == _digest(token)))
            if user is not None:
                record_change(
                    session, user.username, "logout", "session", user.username, None, None
                )
    request.session.clear()
