"""Theme review pages under /consult/ID/themes (analysts): read, recode, merge, split, blind-code.

Every change goes through `crimeplan.consult.text.review`, which writes the audit log in the
same transaction. Pages show redacted segment text only. Blind coding shows a sampled segment
without the machine's codes. The embedder used by "Retrain and recode" is env
`CRIMEPLAN_EMBEDDER` (`minilm` by default; `hashed` in tests).
"""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select

from crimeplan.consult.intake import find_consultation
from crimeplan.consult.text import review
from crimeplan.consult.text.analysis import active_themes, analyse
from crimeplan.consult.text.embed import make_embedder
from crimeplan.consult.text.results import final_codes, theme_results
from crimeplan.consult.text.stance import STANCES
from crimeplan.errors import CrimeplanError, NotFoundError
from crimeplan.store.appdb.themes import Segment, SegmentCode
from crimeplan.web.auth import check_csrf, db_of
from crimeplan.web.consult import Analyst, render

router = APIRouter(prefix="/consult")
Csrf = Depends(check_csrf)


def _embedder_name() -> str:
    return os.environ.get("CRIMEPLAN_EMBEDDER", "minilm")


def _back(slug: str, key: str | None = None) -> RedirectResponse:
    target = f"/consult/{slug}/themes" + (f"/theme/{key}" if key else "")
    return RedirectResponse(target, status_code=303)


@router.get("/{slug}/themes", response_class=HTMLResponse)
def themes_page(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    name = make_embedder(_embedder_name()).name
    with db_of(request).reading() as session:
        results = theme_results(session, slug, name)
        record = find_consultation(session, slug)
        queue = review.review_queue(session, record.id, 10)
        themes = active_themes(session, record.id)
    return render(
        request, "themes.html", user, slug=slug, r=results, queue=queue, themes=themes,
        stances=STANCES,
    )  # fmt: skip


@router.get("/{slug}/themes/theme/{key}", response_class=HTMLResponse)
def theme_page(request: Request, user: Analyst, slug: str, key: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        record = find_consultation(session, slug)
        themes = active_themes(session, record.id)
        theme = next((t for t in themes if t.key == key), None)
        if theme is None:
            raise NotFoundError(f"no theme '{key}'")
        segments = list(
            session.scalars(
                select(Segment).where(Segment.consultation_id == record.id).order_by(Segment.id)
            )
        )
        codes = final_codes(session, [s.id for s in segments])
        coded = [s for s in segments if theme.id in codes[s.id]]
        confidence = {
            c.segment_id: c.confidence
            for c in session.scalars(
                select(SegmentCode).where(
                    SegmentCode.theme_id == theme.id, SegmentCode.source == "machine"
                )
            )
        }
        key_of = {t.id: t.key for t in themes}
        present = {s.id: {key_of[t] for t in codes[s.id] if t in key_of} for s in coded}
    coded.sort(key=lambda s: (confidence.get(s.id, 1.0), s.id))  # least confident first
    return render(
        request, "theme.html", user, slug=slug, theme=theme, themes=themes, segments=coded,
        present=present, confidence=confidence, stances=STANCES,
    )  # fmt: skip


@router.post("/{slug}/themes/recode", dependencies=[Csrf])
def recode(
    request: Request,
    user: Analyst,
    slug: str,
    segment_id: Annotated[int, Form()],
    themes: Annotated[list[str] | None, Form()] = None,
    stance: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> RedirectResponse:
    review.recode(db_of(request), slug, segment_id, themes or [], user.username, stance or None)
    return _back(slug, back or None)


@router.post("/{slug}/themes/merge", dependencies=[Csrf])
def merge(
    request: Request,
    user: Analyst,
    slug: str,
    source: Annotated[str, Form()],
    target: Annotated[str, Form()],
) -> RedirectResponse:
    review.merge_themes(db_of(request), slug, source, target, user.username)
    return _back(slug)


@router.post("/{slug}/themes/split", dependencies=[Csrf])
def split(
    request: Request,
    user: Analyst,
    slug: str,
    key: Annotated[str, Form()],
    new_key: Annotated[str, Form()],
    new_label: Annotated[str, Form()],
    segment_ids: Annotated[list[int] | None, Form()] = None,
) -> RedirectResponse:
    if not segment_ids:
        raise CrimeplanError("choose the segments that form the new theme")
    review.split_theme(db_of(request), slug, key, new_key, new_label, segment_ids, user.username)
    return _back(slug, new_key)


@router.post("/{slug}/themes/rename", dependencies=[Csrf])
def rename(
    request: Request, user: Analyst, slug: str, key: Annotated[str, Form()],
    label: Annotated[str, Form()],
) -> RedirectResponse:  # fmt: skip
    review.rename_theme(db_of(request), slug, key, label, user.username)
    return _back(slug)


@router.post("/{slug}/themes/retrain", dependencies=[Csrf])
def retrain(request: Request, user: Analyst, slug: str) -> RedirectResponse:
    analyse(db_of(request), slug, make_embedder(_embedder_name()))
    return _back(slug)


@router.get("/{slug}/themes/blind", response_class=HTMLResponse)
def blind_page(request: Request, user: Analyst, slug: str) -> HTMLResponse:
    with db_of(request).reading() as session:
        record = find_consultation(session, slug)
        segment = review.next_blind(session, record.id, user.username)
        themes = active_themes(session, record.id)
    return render(request, "themes_blind.html", user, slug=slug, segment=segment, themes=themes)


@router.post("/{slug}/themes/blind/sample", dependencies=[Csrf])
def blind_sample(
    request: Request, user: Analyst, slug: str, n: Annotated[int, Form()] = 50
) -> RedirectResponse:
    review.draw_sample(db_of(request), slug, user.username, max(1, min(n, 1000)))
    return RedirectResponse(f"/consult/{slug}/themes/blind", status_code=303)


@router.post("/{slug}/themes/blind", dependencies=[Csrf])
def blind_code(
    request: Request,
    user: Analyst,
    slug: str,
    segment_id: Annotated[int, Form()],
    themes: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    review.record_blind(db_of(request), slug, segment_id, user.username, themes or [])
    return RedirectResponse(f"/consult/{slug}/themes/blind", status_code=303)
