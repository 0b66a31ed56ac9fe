"""The recommendations register on the web: public pages, the JSON API, and analysts' edits.

- `/recommendations` and `/recommendations/{id}`: public pages listing recommendations and
  responses (a private individual's recommendation is attributed to 'Private individuals
  (not named)'; nothing here reads a respondent's name).
- `/api/v1/recommendations[/{id}]`: the same as JSON, in the OpenAPI schema.
- `/consult/register/{id}/edit`: analysts change the response, status, owner, due date and add
  progress; every change audited; an edit made on an old version is refused with who changed
  it, and nothing is lost (`scrutiny.register.edit_recommendation`).
- `/consult/{slug}/you-said-we-did`: officers edit each theme's 'You said' and 'We did'.

Wire in with `install_register(app)` after `install_consult(app)` (it uses the same database).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.plan import Plan
from crimeplan.publish.figures import format_rag
from crimeplan.scrutiny.links import LinkResolver
from crimeplan.scrutiny.model import (
    RESPONSE_KINDS,
    STATUS_LABELS,
    STATUSES,
    ConcurrentEditError,
    response_label,
)
from crimeplan.scrutiny.register import (
    RecommendationEdit,
    all_recommendations,
    edit_recommendation,
    get_recommendation,
)
from crimeplan.scrutiny.tracker import TrackerRow, tracker_counts, tracker_rows
from crimeplan.web.auth import check_csrf, current_user, db_of
from crimeplan.web.consult import Analyst, render
from crimeplan.web.models import API_PREFIX, ErrorOut

public = APIRouter()
api = APIRouter(prefix=API_PREFIX, tags=["recommendations"])
edits = APIRouter(prefix="/consult")
Csrf = Depends(check_csrf)
RecId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The recommendation's id")]
CODEBOOK = FilePath(__file__).resolve().parents[3] / "consultations"


def _plans(request: Request) -> dict[str, Plan]:
    figures = getattr(request.app.state, "figures", None)
    if figures is not None:
        return dict(figures.plans)
    from crimeplan.scrutiny.service import shipped_plans

    return shipped_plans()


def _resolver(request: Request, rate: bool) -> LinkResolver:
    figures = getattr(request.app.state, "figures", None)
    store = figures.store if (figures is not None and rate) else None
    return LinkResolver(_plans(request), store)


def _rows(request: Request, rate: bool = False) -> list[TrackerRow]:
    with db_of(request).reading() as session:
        return tracker_rows(all_recommendations(session), date.today(), _resolver(request, rate))


def _one(request: Request, rec_id: int) -> TrackerRow:
    with db_of(request).reading() as session:
        (row,) = tracker_rows(
            [get_recommendation(session, rec_id)], date.today(), _resolver(request, True)
        )
    return row


def _filtered(
    rows: list[TrackerRow], body: str | None, response: str | None, status: str | None
) -> list[TrackerRow]:
    return [
        r
        for r in rows
        if (body is None or r.body_key == body)
        and (response is None or (r.response_kind or "awaiting") == response)
        and (status is None or r.status == status or (status == "overdue" and r.overdue))
    ]


LABELS: dict[str, Any] = {
    "service_title": "Recommendations register",
    "service_href": "/recommendations",
    "response_label": response_label,
    "STATUS_LABELS": STATUS_LABELS,
    "format_rag": format_rag,
}


@public.get("/recommendations", response_class=HTMLResponse, include_in_schema=False)
def register_page(
    request: Request,
    body: str | None = None,
    response: str | None = None,
    status: str | None = None,
) -> HTMLResponse:
    rows = _rows(request)
    shown = _filtered(rows, body, response, status)
    return render(
        request,
        "register_list.html",
        current_user(request),
        rows=shown,
        counts=tracker_counts(rows),
        bodies=sorted({(r.body_key, r.body) for r in rows}, key=lambda b: b[1]),
        kinds=RESPONSE_KINDS,
        statuses=STATUSES,
        chosen={"body": body, "response": response, "status": status},
        **LABELS,
    )


@public.get("/recommendations/{rec_id}", response_class=HTMLResponse, include_in_schema=False)
def recommendation_page(request: Request, rec_id: RecId) -> HTMLResponse:
    row = _one(request, rec_id)
    return render(request, "register_detail.html", current_user(request), row=row, **LABELS)


# --- JSON API --------------------------------------------------------------------------------


class LinkOut(BaseModel):
    kind: str = Field(description="commitment or measure")
    plan: str
    target: str = Field(description="A measure id, or outcome-id#n for a plan commitment")
    label: str
    rag: str | None = Field(default=None, description="The measure's latest RAG rating")
    signal: str | None = None
    period: str | None = None


class RecommendationOut(BaseModel):
    """A recommendation, the latest response to it, its status and what carries it out."""

    id: int
    body: str
    body_kind: str
    report: str
    published: date | None
    number: str
    text: str
    sub_points: list[str]
    addressee: str | None
    theme: str | None
    response: str | None = Field(description="accepted, accepted_in_part, not_accepted, noted")
    response_text: str | None
    responder: str | None
    responded_on: date | None
    status: str = Field(description="open, in_progress, delivered or closed")
    owner: str | None
    due: date | None
    overdue: bool
    links: list[LinkOut]

    @classmethod
    def of(cls, r: TrackerRow) -> RecommendationOut:
        return cls(
            id=r.id,
            body=r.body,
            body_kind=r.body_kind,
            report=r.report,
            published=r.published,
            number=r.number,
            text=r.text,
            sub_points=r.sub_points,
            addressee=r.addressee,
            theme=r.theme,
            response=r.response_kind,
            response_text=r.response_text,
            responder=r.responder,
            responded_on=r.responded_on,
            status=r.status,
            owner=r.owner,
            due=r.due,
            overdue=r.overdue,
            links=[
                LinkOut(
                    kind=k.kind,
                    plan=k.plan,
                    target=k.target,
                    label=k.label,
                    rag=k.status.rag if k.status else None,
                    signal=k.status.signal if k.status else None,
                    period=k.status.period if k.status else None,
                )
                for k in r.links
            ],
        )


@api.get(
    "/recommendations",
    response_model=list[RecommendationOut],
    summary="The recommendations register, filtered by body, response and status",
)
def list_recommendations(
    request: Request,
    body: Annotated[str | None, Query(max_length=100, description="A body's key")] = None,
    response: Annotated[
        str | None, Query(max_length=20, description="A response kind, or 'awaiting'")
    ] = None,
    status: Annotated[
        str | None, Query(max_length=20, description="A status, or 'overdue'")
    ] = None,
) -> list[RecommendationOut]:
    return [RecommendationOut.of(r) for r in _filtered(_rows(request), body, response, status)]


@api.get(
    "/recommendations/{rec_id}",
    response_model=RecommendationOut,
    responses={404: {"model": ErrorOut, "description": "No such recommendation"}},
    summary="One recommendation, with its linked measures' latest ratings",
)
def one_recommendation(request: Request, rec_id: RecId) -> RecommendationOut:
    return RecommendationOut.of(_one(request, rec_id))


# --- analysts' edits -------------------------------------------------------------------------


def _edit_page(
    request: Request, user: Any, rec_id: int, errors: list[tuple[str, str]], status_code: int = 200
) -> HTMLResponse:
    row = _one(request, rec_id)
    return render(
        request,
        "register_edit.html",
        user,
        status_code,
        row=row,
        kinds=RESPONSE_KINDS,
        statuses=STATUSES,
        errors=errors,
        **LABELS,
    )


@edits.get("/register/{rec_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, user: Analyst, rec_id: RecId) -> HTMLResponse:
    return _edit_page(request, user, rec_id, [])


@edits.post("/register/{rec_id}/edit", response_class=HTMLResponse, dependencies=[Csrf])
def edit_save(
    request: Request,
    user: Analyst,
    rec_id: RecId,
    version: Annotated[int, Form()],
    status: Annotated[str, Form()],
    owner: Annotated[str, Form()] = "",
    due: Annotated[str, Form()] = "",
    theme: Annotated[str, Form()] = "",
    response_kind: Annotated[str, Form()] = "",
    response_text: Annotated[str, Form()] = "",
    responder: Annotated[str, Form()] = "",
    progress: Annotated[str, Form()] = "",
) -> Response:
    try:
        edit = RecommendationEdit(
            theme=theme,
            owner=owner,
            due=date.fromisoformat(due) if due.strip() else None,
            clear_due=not due.strip(),
            status=status,
            response_kind=response_kind or None,
            response_text=response_text,
            responder=responder,
            responded_on=date.today() if response_kind else None,
            progress_text=progress,
        )
        edit_recommendation(db_of(request), rec_id, version, edit, user.username)
    except ValueError:
        return _edit_page(request, user, rec_id, [("due", "The due date must be YYYY-MM-DD")], 400)
    except ConcurrentEditError as exc:
        return _edit_page(request, user, rec_id, [("version", str(exc))], 409)
    except NotFoundError:
        raise
    except CrimeplanError as exc:
        return _edit_page(request, user, rec_id, [("status", str(exc))], 400)
    return RedirectResponse(f"/recommendations/{rec_id}", status_code=303)


def _yswd(request: Request, slug: str) -> Any:
    from crimeplan.consult.yswd import load_codebook, you_said_we_did
    from crimeplan.plan import load_plan

    codebook = load_codebook(CODEBOOK / f"{slug}-themes.yaml")
    final = CODEBOOK.parent / "plans" / "versions" / "london-2021-25-final.yaml"
    with db_of(request).reading() as session:
        return you_said_we_did(
            session, codebook, load_plan(final) if final.is_file() else None, None, slug
        )


@edits.get("/{slug}/you-said-we-did", response_class=HTMLResponse)
def yswd_form(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    return render(request, "yswd_edit.html", user, y=_yswd(request, slug), slug=slug, errors=[])


@edits.post("/{slug}/you-said-we-did/{theme}", response_class=HTMLResponse, dependencies=[Csrf])
def yswd_save(
    request: Request,
    user: Analyst,
    slug: str,
    theme: str,
    you_said: Annotated[str, Form()],
    we_did: Annotated[str, Form()],
    commitments: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    from crimeplan.consult.yswd import save_entry

    refs = [c.strip() for c in commitments.split(",") if c.strip()]
    try:
        save_entry(
            db_of(request),
            slug,
            theme,
            you_said,
            we_did,
            refs,
            int(version) if version.strip() else None,
            user.username,
        )
    except ConcurrentEditError as exc:
        y = _yswd(request, slug)
        return render(
            request, "yswd_edit.html", user, 409, y=y, slug=slug, errors=[(theme, str(exc))]
        )
    return RedirectResponse(f"/consult/{slug}/you-said-we-did#theme-{theme}", status_code=303)


def install_register(app: FastAPI) -> None:
    """Add the register's public pages, API and edit pages (after `install_consult`)."""
    app.include_router(public)
    app.include_router(api)
    # Before the consult router's catch-all `/consult/{slug}` routes would not matter: these
    # paths have more segments, so they never collide.
    app.include_router(edits, include_in_schema=False)
