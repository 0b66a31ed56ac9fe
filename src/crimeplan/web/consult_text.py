"""Analyst pages for campaigns and recommendations: /consult/ID/campaigns and
/consult/ID/recommendations, with .csv and .json exports. Redacted text only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from crimeplan.consult.intake import find_consultation
from crimeplan.consult.textreports import (
    consultation_campaigns,
    consultation_recommendations,
    format_campaigns,
    format_recommendations,
)
from crimeplan.web.auth import db_of
from crimeplan.web.consult import Analyst, render

router = APIRouter(prefix="/consult")
MEDIA = {"csv": "text/csv", "json": "application/json"}


def _export(text: str, slug: str, what: str, fmt: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{slug}-{what}.{fmt}"'}
    return Response(text, media_type=MEDIA[fmt], headers=headers)


@router.get("/{slug}/recommendations", response_class=HTMLResponse)
def recommendations(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        title = find_consultation(session, slug).title
        recs = consultation_recommendations(session, slug)
    return render(request, "recommendations.html", user, slug=slug, title=title, recs=recs)


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
    return render(request, "campaigns.html", user, slug=slug, title=title, campaigns=found,
                  themes=themes)


@router.get("/{slug}/campaigns.{fmt}")
def campaigns_export(request: Request, user: Analyst, slug: str, fmt: str) -> Response:
    if fmt not in MEDIA:
        return Response("csv or json", status_code=404)
    with db_of(request).reading() as session:
        text = format_campaigns(*consultation_campaigns(session, slug), fmt)
    return _export(text, slug, "campaigns", fmt)
