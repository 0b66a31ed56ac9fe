"""Response headers and request-body limits for every request, as one ASGI middleware.

Headers (OWASP Secure Headers Project): a Content-Security-Policy that allows only this site's
own scripts (the vendored GOV.UK Frontend, Leaflet and Vega), the inline module script of the
page template by its hash, and `'unsafe-eval'` because Vega compiles chart expressions with
`Function` (vega.github.io/vega/usage/interpreter); X-Frame-Options DENY (with
`frame-ancestors 'none'`), X-Content-Type-Options nosniff and a strict Referrer-Policy.
Pages with personal data (everything under /consult/) are `Cache-Control: no-store`.

Body limits are enforced while the body is read, before any route runs: a declared length over
the limit is refused at once (413) and a body that grows past it is cut off. A request without a
signed-in analyst session may send at most `ANONYMOUS_BODY_BYTES` (the sign-in form), so an
anonymous 300 MB POST is refused after its headers instead of being read before the redirect
to the sign-in page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, TimestampSigner
from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ANONYMOUS_BODY_BYTES = 64 << 10  # a sign-in form is under 1 kB
SIGNED_IN_BODY_BYTES = 1 << 20  # forms of a signed-in user
UPLOAD_BODY_BYTES = 256 << 20  # a survey export or a folder of letters
UPLOAD_PATH = re.compile(r"^/consult/[^/]+/upload/(survey|written)$")
API_DOCS = ("/docs", "/redoc")
TEMPLATES = Path(__file__).with_name("templates")


def template_folders() -> list[Path]:
    """Our page templates and GOV.UK Frontend's page template they extend (it holds the
    inline script that marks the page as running JavaScript)."""
    folders = [TEMPLATES]
    try:
        import govuk_frontend_jinja

        folders.append(Path(govuk_frontend_jinja.__file__).parent / "templates")
    except ImportError:
        pass
    return folders


def inline_script_hashes(folders: list[Path] | None = None) -> list[str]:
    """CSP hashes of the executable inline scripts in the page templates (JSON data blocks
    are not run, so they need none)."""
    found = set()
    templates = [t for folder in folders or template_folders() for t in folder.rglob("*.html")]
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, flags=re.S):
            if "src=" in attrs or "application/json" in attrs or "{{" in body:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",  # style attributes; Vega adds a <style>
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


# FastAPI's /docs and /redoc pages load Swagger UI and ReDoc with an inline script.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "font-src 'self' https://fonts.gstatic.com; worker-src blob:; frame-ancestors 'none'"
)


class SecurityMiddleware:
    """Adds the security headers to every response and limits request bodies."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        secret_key: str | None = None,
        is_analyst: Callable[[str], bool] | None = None,
        upload_bytes: int = UPLOAD_BODY_BYTES,
    ) -> None:
        self.app = app
        self.policy = content_security_policy(inline_script_hashes())
        self.signer = TimestampSigner(secret_key) if secret_key else None
        self.is_analyst = is_analyst
        self.upload_bytes = upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = dict(scope.get("headers") or [])
        limit = self._body_limit(scope.get("method", "GET"), path, headers)
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, path, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = self._headers(path, list(message.get("headers") or []))
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, send, path, limit)

    def _body_limit(self, method: str, path: str, headers: dict[bytes, bytes]) -> int:
        if method in ("GET", "HEAD", "OPTIONS") or not self.signed_in_analyst(headers):
            return ANONYMOUS_BODY_BYTES
        return self.upload_bytes if UPLOAD_PATH.match(path) else SIGNED_IN_BODY_BYTES

    def signed_in_analyst(self, headers: dict[bytes, bytes]) -> bool:
        """Whether the request's session cookie (signed by Starlette's SessionMiddleware)
        names a live session of an analyst or admin."""
        if self.signer is None or self.is_analyst is None:
            return False
        from crimeplan.web.auth import SESSION_COOKIE, SESSION_HOURS

        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # a malformed Cookie header is as good as none
            return False
        morsel = cookie.get(SESSION_COOKIE)
        if morsel is None:
            return False
        try:
            data = self.signer.unsign(morsel.value.encode(), max_age=SESSION_HOURS * 3600)
            session = json.loads(base64.b64decode(data))
        except (BadSignature, ValueError):
            return False
        token = session.get("sid") if isinstance(session, dict) else None
        return isinstance(token, str) and self.is_analyst(token)

    def _headers(self, path: str, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        present = {k.lower() for k, _ in headers}
        policy = DOCS_POLICY if path in API_DOCS else self.policy
        extra = [
            (b"content-security-policy", policy.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]
        if path.startswith("/consult"):
            headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
            present.discard(b"cache-control")
            extra.append((b"cache-control", b"no-store"))
        return headers + [(k, v) for k, v in extra if k not in present]

    async def _refuse(self, scope: Scope, send: Send, path: str, limit: int) -> None:
        body = json.dumps({"detail": refusal(limit)}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": self._headers(
                    path,
                    [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                ),
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    """Raised from inside the body reader: an HTTPException, so FastAPI's body parsing passes
    it on (413) instead of turning it into 'error parsing the body' (400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, refusal(limit))
        self.limit = limit


def refusal(limit: int) -> str:
    text = f"The upload is too large: the most this address accepts is {limit // 1024:,} kB."
    if limit == ANONYMOUS_BODY_BYTES:
        text += " Sign in as an analyst to upload files."
    return text
