"""Consultation pages under /consult/: results, register, written responses, uploads, users.

Every page needs a signed-in user: viewers read results and the register, analysts also upload
and read the (redacted) written responses, admins also manage users and read the audit log.
The figures come from `crimeplan.consult.summary`; this module only renders them. Raw text and
private individuals' names never reach a page: pages show redacted text only.

Wire in with `install_consult(app)` from the main `create_app()`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from starlette.middleware.sessions import SessionMiddleware

from crimeplan.consult import accounts
from crimeplan.consult.audit import audit_entries
from crimeplan.consult.intake import find_consultation, ingest_survey, ingest_written
from crimeplan.consult.summary import consultation_summary, summary_csv, summary_json
from crimeplan.consult.survey import load_mapping
from crimeplan.consult.written import MANIFEST
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.store.appdb import models as m
from crimeplan.web.auth import (
    SESSION_COOKIE,
    CsrfFailed,
    CurrentUser,
    Forbidden,
    LoginRequired,
    check_csrf,
    csrf_token,
    current_user,
    db_of,
    require,
    secret_key,
    sign_in,
    sign_out,
)

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
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
    if sign_in(request, username.strip(), password) is None:
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
def upload_form(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    return _upload_page(request, user, slug, [], None)


def _upload_page(
    request: Request,
    user: CurrentUser,
    slug: str,
    errors: list[tuple[str, str]],
    done: str | None,
    status_code: int = 200,
) -> HTMLResponse:
    with db_of(request).reading() as session:
        title = find_consultation(session, slug).title
    return render(
        request, "upload.html", user, status_code, slug=slug, title=title, errors=errors, done=done
    )


async def _save(upload: UploadFile, folder: Path) -> Path:
    name = Path(upload.filename or "upload").name
    path = folder / name
    path.write_bytes(await upload.read())
    return path


@router.post("/{slug}/upload/survey", response_class=HTMLResponse, dependencies=[Csrf])
async def upload_survey(
    request: Request,
    user: Analyst,
    slug: str,
    export: Annotated[UploadFile, File()],
    mapping: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    with tempfile.TemporaryDirectory(prefix="crimeplan-upload-") as tmp:
        path = await _save(export, Path(tmp))
        try:
            mapped = None
            if mapping is not None and mapping.filename:
                mapped = load_mapping(await _save(mapping, Path(tmp)))
            report = ingest_survey(db_of(request), path, user.username, slug=slug, mapping=mapped)
        except CrimeplanError as exc:
            return _upload_page(request, user, slug, [("export", str(exc))], None, 400)
    done = f"{report.source}: {report.rows:,} respondents ({report.added:,} new, "
    done += f"{report.replaced:,} replaced)"
    return _upload_page(request, user, slug, [], done)


@router.post("/{slug}/upload/written", response_class=HTMLResponse, dependencies=[Csrf])
async def upload_written(
    request: Request, user: Analyst, slug: str, files: Annotated[list[UploadFile], File()]
) -> HTMLResponse:
    with tempfile.TemporaryDirectory(prefix="crimeplan-upload-") as tmp:
        folder = Path(tmp) / "written"
        folder.mkdir()
        for upload in files:
            await _save(upload, folder)
        try:
            if not (folder / MANIFEST).is_file():
                raise CrimeplanError(f"no {MANIFEST} among the files", hint="Add the manifest")
            report = ingest_written(db_of(request), folder, user.username, slug=slug)
        except CrimeplanError as exc:
            return _upload_page(request, user, slug, [("files", str(exc))], None, 400)
    done = f"{report.rows:,} written responses ({report.added:,} new, "
    done += f"{report.replaced:,} replaced)"
    return _upload_page(request, user, slug, [], done)


def install_consult(app: FastAPI, *, app_db_url: str | None = None) -> None:
    """Add the session middleware, the /consult/ routes and their error pages to `app`.

    Migrates the application database (`app_db_url`, else env CRIMEPLAN_APP_DB, else SQLite
    `crimeplan-app.sqlite`) to the latest revision first.
    """
    db = AppDB(app_db_url)
    upgrade(db.url)
    app.state.consult_db = db
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(),
        session_cookie=SESSION_COOKIE,
        same_site="lax",
        https_only=False,
    )
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
