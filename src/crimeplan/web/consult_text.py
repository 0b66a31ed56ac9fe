"""Analyst pages for campaigns and recommendations: /consult/ID/campaigns and
/consult/ID/recommendations, with .csv and .json exports. Redacted text only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crimeplan.consult.intake import find_consultation
from crimeplan.consult.textreports import (
    consultation_campaigns,
    consultation_recommendations,
    format_campaigns,
    format_recommendations,
    review_recommendation,
)
from crimeplan.web.auth import db_of
from crimeplan.web.consult import Analyst, Csrf, render

router = APIRouter(prefix="/consult")
MEDIA = {"csv": "text/csv", "json": "application/json"}


def _export(text: str, slug: str, what: str, fmt: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{slug}-{what}.{fmt}"'}
    return Response(text, media_type=MEDIA[fmt], headers=headers)


@router.get("/{slug}/recommendations", response_class=HTMLResponse)
def recommendations(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        title = find_consultation(session, slug).title
        recs = consultation_recommendations(session, slug, include_rejected=True)
    return render(request, "recommendations.html", user, slug=slug, title=title, recs=recs)


@router.post("/{slug}/recommendations/review", dependencies=[Csrf])
def review(
    request: Request,
    user: Analyst,
    slug: str,
    source_file: Annotated[str, Form()],
    span_start: Annotated[int, Form()],
    span_end: Annotated[int, Form()],
    status: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    addressee: Annotated[str, Form()] = "",
    theme: Annotated[str, Form()] = "",
) -> RedirectResponse:
    review_recommendation(
        db_of(request),
        slug,
        source_file,
        (span_start, span_end),
        status,
        user.username,
        text=text,
        addressee=addressee,
        theme=theme,
    )
    return RedirectResponse(f"/consult/{slug}/recommendations", status_code=303)


@router.get("/{slug}/recommendations.{fmt}")
def recommendations_export(request: Request, user: Analyst, slug: str, fmt: str) -> Response:
    if fmt not in MEDIA:
        return Response("csv or json", status_code=404)
    with db_of(request).reading() as session:
        text = format_recommendations(consultation_recommendations(session, slug), fmt)
    return _export(text, slug, "recommendations", fmt)


@router.get("/{slug}/campaigns", response_class=HTMLResponse)
def campaigns(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        title = find_consultation(session, slug).title
        found, themes = consultation_campaigns(session, slug)
    return render(
        request, "campaigns.html", user, slug=slug, title=title, campaigns=found, themes=themes
    )


@router.get("/{slug}/campaigns.{fmt}")
def campaigns_export(request: Request, user: Analyst, slug: str, fmt: str) -> Response:
    if fmt not in MEDIA:
        return Response("csv or json", status_code=404)
    with db_of(request).reading() as session:
        text = format_campaigns(*consultation_campaigns(session, slug), fmt)
    return _export(text, slug, "campaigns", fmt)
