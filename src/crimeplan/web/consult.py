"""Consultation pages under /consult/: results, register, written responses, uploads, users.

Every page needs a signed-in user: viewers read results and the register, analysts also upload
and read the (redacted) written responses, admins also manage users and read the audit log.
The figures come from `crimeplan.consult.summary`; this module only renders them. Raw text and
private individuals' names never reach a page: pages show redacted text only.

Wire in with `install_consult(app)` from the main `create_app()`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from starlette.middleware.sessions import SessionMiddleware

from crimeplan.consult import accounts
from crimeplan.consult.audit import audit_entries
from crimeplan.consult.extract import SUPPORTED
from crimeplan.consult.intake import find_consultation
from crimeplan.consult.summary import consultation_summary, summary_csv, summary_json
from crimeplan.consult.written import MANIFEST
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.store.appdb import models as m
from crimeplan.web.auth import (
    SESSION_COOKIE,
    CsrfFailed,
    CurrentUser,
    Forbidden,
    LoginRequired,
    LoginThrottle,
    TooManyAttempts,
    check_csrf,
    csrf_token,
    current_user,
    db_of,
    require,
    secret_key,
    session_allows,
    sign_in,
    sign_out,
)
from crimeplan.web.jobs import UploadJob, UploadJobs
from crimeplan.web.security import SecurityMiddleware

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
# Shares on fewer answers than this print the two counts, not a percentage (as everywhere).
TEMPLATES.env.globals["min_base"] = MIN_BASE
router = APIRouter(prefix="/consult")
Csrf = Depends(check_csrf)


def render(
    request: Request, name: str, user: CurrentUser | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    context.update(user=user, csrf_token=csrf_token(request), request=request)
    return TEMPLATES.TemplateResponse(request, f"consult/{name}", context, status_code=status_code)


def viewer(request: Request) -> CurrentUser:
    return require(request, "viewer")


def analyst(request: Request) -> CurrentUser:
    return require(request, "analyst")


def admin(request: Request) -> CurrentUser:
    return require(request, "admin")


Viewer = Annotated[CurrentUser, Depends(viewer)]
Analyst = Annotated[CurrentUser, Depends(analyst)]
Admin = Annotated[CurrentUser, Depends(admin)]


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/consult/") -> HTMLResponse:
    return render(request, "login.html", current_user(request), next=_safe_next(next), errors=[])


def _safe_next(target: str) -> str:
    # Only local paths: an open redirect would let a link send a signed-in user elsewhere.
    return target if target.startswith("/") and not target.startswith("//") else "/consult/"


@router.post("/login", response_class=HTMLResponse, dependencies=[Csrf])
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/consult/",
) -> Response:
    try:
        signed_in = sign_in(request, username.strip(), password)
    except TooManyAttempts as exc:
        errors = [
            (
                "username",
                f"Too many attempts to sign in. Wait {exc.seconds:,} seconds and try again",
            )
        ]
        response = render(request, "login.html", None, 429, next=_safe_next(next), errors=errors)
        response.headers["Retry-After"] = str(exc.seconds)
        return response
    if signed_in is None:
        errors = [("username", "The user name or password is not right")]
        return render(request, "login.html", None, 401, next=_safe_next(next), errors=errors)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request) -> RedirectResponse:
    sign_out(request)
    return RedirectResponse("/consult/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def consultations(request: Request, user: Viewer) -> HTMLResponse:
    with db_of(request).reading() as session:
        rows = list(session.scalars(select(m.Consultation).order_by(m.Consultation.opens.desc())))
    return render(request, "index.html", user, consultations=rows)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, user: Admin) -> HTMLResponse:
    return _users_page(request, user, [])


def _users_page(
    request: Request, user: CurrentUser, errors: list[tuple[str, str]], status_code: int = 200
) -> HTMLResponse:
    with db_of(request).reading() as session:
        rows = accounts.list_users(session)
    return render(
        request, "users.html", user, status_code, users=rows, roles=accounts.ROLES, errors=errors
    )


@router.post("/users", response_class=HTMLResponse, dependencies=[Csrf])
def add_user(
    request: Request,
    user: Admin,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
) -> Response:
    try:
        accounts.add_user(db_of(request), username.strip(), password, role, user.username)
    except CrimeplanError as exc:
        return _users_page(request, user, [("username", str(exc))], 400)
    return RedirectResponse("/consult/users", status_code=303)


@router.post("/users/{username}/role", response_class=HTMLResponse, dependencies=[Csrf])
def change_role(
    request: Request, user: Admin, username: str, role: Annotated[str, Form()]
) -> Response:
    try:
        accounts.set_role(db_of(request), username, role, user.username)
    except CrimeplanError as exc:
        return _users_page(request, user, [("role", str(exc))], 400)
    return RedirectResponse("/consult/users", status_code=303)


@router.post("/users/{username}/active", response_class=HTMLResponse, dependencies=[Csrf])
def change_active(
    request: Request, user: Admin, username: str, active: Annotated[str, Form()]
) -> Response:
    try:
        accounts.set_active(db_of(request), username, active == "yes", user.username)
    except CrimeplanError as exc:
        return _users_page(request, user, [("active", str(exc))], 400)
    return RedirectResponse("/consult/users", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, user: Admin) -> HTMLResponse:
    with db_of(request).reading() as session:
        entries = audit_entries(session)
    return render(request, "audit.html", user, entries=entries)


@router.get("/{slug}", response_class=HTMLResponse)
def results(request: Request, user: Viewer, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        summary = consultation_summary(session, slug)
    return render(request, "results.html", user, s=summary)


@router.get("/{slug}/summary.csv")
def results_csv(request: Request, user: Viewer, slug: str) -> PlainTextResponse:
    with db_of(request).reading() as session:
        text = summary_csv(consultation_summary(session, slug))
    headers = {"Content-Disposition": f'attachment; filename="{slug}-summary.csv"'}
    return PlainTextResponse(text, media_type="text/csv", headers=headers)


@router.get("/{slug}/summary.json")
def results_json(request: Request, user: Viewer, slug: str) -> Response:
    with db_of(request).reading() as session:
        text = summary_json(consultation_summary(session, slug))
    return Response(text, media_type="application/json")


@router.get("/{slug}/written", response_class=HTMLResponse)
def written(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        record = find_consultation(session, slug)
        rows = session.execute(
            select(m.WrittenResponse, m.Respondent.category, m.Respondent.received)
            .join(m.Respondent, m.WrittenResponse.respondent_id == m.Respondent.id)
            .where(m.WrittenResponse.consultation_id == record.id)
            .order_by(m.WrittenResponse.source_file)
        ).all()
        title = record.title
    return render(request, "written.html", user, slug=slug, title=title, rows=rows)


@router.get("/{slug}/upload", response_class=HTMLResponse)
def upload_form(request: Request, user: Analyst, slug: str, job: str | None = None) -> HTMLResponse:
    if job is None:
        return _upload_page(request, user, slug, [], None)
    found = jobs_of(request).get(job, slug)
    if found.state == "failed":
        field = "export" if found.kind == "survey" else "files"
        return _upload_page(request, user, slug, [(field, found.message)], None, job=found)
    done = found.message if found.state == "done" else None
    return _upload_page(request, user, slug, [], done, job=found)


def _upload_page(
    request: Request,
    user: CurrentUser,
    slug: str,
    errors: list[tuple[str, str]],
    done: str | None,
    status_code: int = 200,
    job: UploadJob | None = None,
) -> HTMLResponse:
    with db_of(request).reading() as session:
        title = find_consultation(session, slug).title
    return render(
        request,
        "upload.html",
        user,
        status_code,
        slug=slug,
        title=title,
        errors=errors,
        done=done,
        job=job,
    )


def jobs_of(request: Request) -> UploadJobs:
    jobs: UploadJobs = request.app.state.upload_jobs
    return jobs


SURVEY_TYPES = (".csv", ".xlsx")
MAPPING_TYPES = (".yaml", ".yml")
WRITTEN_TYPES = (*SUPPORTED, ".csv")


async def _save(upload: UploadFile, folder: Path, allowed: tuple[str, ...], field: str) -> str:
    """Store one uploaded file under its own (base) name, in chunks; its type is checked by
    extension first. Returns the stored name (never a server path: that is no one's business)."""
    name = Path((upload.filename or "").replace("\\", "/")).name
    if not name or name in (".", "..") or Path(name).suffix.lower() not in allowed:
        raise UploadRefused(
            field,
            f"{name or 'a file with no name'}: not a file this form takes ({', '.join(allowed)})",
        )
    with (folder / name).open("wb") as out:
        while chunk := await upload.read(1 << 20):
            out.write(chunk)
    return name


class UploadRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@router.post("/{slug}/upload/survey", response_class=HTMLResponse, dependencies=[Csrf])
async def upload_survey(
    request: Request,
    user: Analyst,
    slug: str,
    export: Annotated[UploadFile, File()],
    mapping: Annotated[UploadFile | None, File()] = None,
) -> Response:
    jobs = jobs_of(request)
    folder = jobs.new_folder()
    try:
        name = await _save(export, folder, SURVEY_TYPES, "export")
        mapped = None
        if mapping is not None and mapping.filename:
            mapped = await _save(mapping, folder, MAPPING_TYPES, "mapping")
    except UploadRefused as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return _upload_page(request, user, slug, [(exc.field, str(exc))], None, 400)
    job = jobs.submit(
        slug=slug, kind="survey", folder=folder, export=name, actor=user.username, mapping=mapped
    )
    return RedirectResponse(f"/consult/{slug}/upload?job={job.id}", status_code=303)


@router.post("/{slug}/upload/written", response_class=HTMLResponse, dependencies=[Csrf])
async def upload_written(
    request: Request, user: Analyst, slug: str, files: Annotated[list[UploadFile], File()]
) -> Response:
    jobs = jobs_of(request)
    folder = jobs.new_folder()
    written = folder / "written"
    written.mkdir()
    try:
        names = [await _save(upload, written, WRITTEN_TYPES, "files") for upload in files]
        if MANIFEST not in names:
            raise UploadRefused("files", f"no {MANIFEST} among the files. Add the manifest")
    except UploadRefused as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return _upload_page(request, user, slug, [(exc.field, str(exc))], None, 400)
    job = jobs.submit(
        slug=slug, kind="written", folder=folder, export="written", actor=user.username
    )
    return RedirectResponse(f"/consult/{slug}/upload?job={job.id}", status_code=303)


def install_consult(app: FastAPI, *, app_db_url: str | None = None) -> None:
    """Add the session middleware, the /consult/ routes and their error pages to `app`.

    Migrates the application database (`app_db_url`, else env CRIMEPLAN_APP_DB, else SQLite
    `crimeplan-app.sqlite`) to the latest revision first.
    """
    db = AppDB(app_db_url)
    upgrade(db.url)
    app.state.consult_db = db
    app.state.login_throttle = LoginThrottle()
    app.state.upload_jobs = UploadJobs(db.url)
    app.router.on_shutdown.append(app.state.upload_jobs.shutdown)
    key = secret_key()
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        same_site="lax",
        https_only=False,
    )
    # Outermost: security headers on every response, body limits before any route reads.
    app.add_middleware(
        SecurityMiddleware,
        secret_key=key,
        is_analyst=lambda token: session_allows(db, token, "analyst"),
        upload_bytes=int(os.environ.get("CRIMEPLAN_MAX_UPLOAD_MB", "256")) << 20,
    )
    from crimeplan.web.consult_text import router as text_router

    app.include_router(text_router, include_in_schema=False)  # before /{slug} routes match
    app.include_router(router, include_in_schema=False)  # HTML pages, not the public API
    from crimeplan.web.consult_themes import router as themes_router

    app.include_router(themes_router, include_in_schema=False)

    @app.exception_handler(LoginRequired)
    def _login(request: Request, _exc: LoginRequired) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/consult/login?next={target}", status_code=303)

    @app.exception_handler(Forbidden)
    def _forbidden(request: Request, exc: Forbidden) -> HTMLResponse:
        message = f"This page needs the {exc.needed} role"
        return render(request, "error.html", current_user(request), 403, message=message)

    @app.exception_handler(CsrfFailed)
    def _csrf(request: Request, _exc: CsrfFailed) -> HTMLResponse:
        message = "The form had expired or did not come from this site. Go back, reload and retry"
        return render(request, "error.html", current_user(request), 403, message=message)

    if CrimeplanError in app.exception_handlers:
        return  # the main app already shows these errors in its own error page

    @app.exception_handler(CrimeplanError)
    def _error(request: Request, exc: CrimeplanError) -> HTMLResponse:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return render(request, "error.html", current_user(request), status, message=str(exc))
