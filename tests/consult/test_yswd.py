"""'You said, We did' on the demo consultation: every count and quote traces back to the
responses it came from; no private individual is named; officers' edits are kept, and a stale
edit is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from docx import Document
from pypdf import PdfReader
from sqlalchemy import text

from crimeplan.consult.audit import audit_entries
from crimeplan.consult.closed import share
from crimeplan.consult.consultation_file import LoadedConsultation
from crimeplan.consult.intake import ingest_survey, ingest_written, init_consultation
from crimeplan.consult.yswd import YouSaidWeDid, load_codebook, save_entry, you_said_we_did
from crimeplan.consult.yswd_report import render_yswd, write_yswd
from crimeplan.measures.small_numbers import MIN_BASE
from crimeplan.plan import load_plan
from crimeplan.scrutiny.model import ConcurrentEditError
from crimeplan.store.appdb import AppDB
from crimeplan.synthetic.consultation import KnownFigures

ROOT = Path(__file__).resolve().parents[2]
CODEBOOK = ROOT / "consultations" / "london-2017-draft-plan-themes.yaml"
DRAFT = ROOT / "plans" / "london-2021-25.yaml"
FINAL = ROOT / "plans" / "versions" / "london-2021-25-final.yaml"


@pytest.fixture
def demo_db(db: AppDB, loaded: LoadedConsultation, synthetic: tuple[Path, KnownFigures]) -> AppDB:
    folder, _ = synthetic
    init_consultation(db, loaded, "test")
    ingest_survey(db, folder / "survey.csv", "test")
    ingest_written(db, folder / "written", "test")
    return db


def build(db: AppDB) -> YouSaidWeDid:
    with db.reading() as session:
        return you_said_we_did(session, load_codebook(CODEBOOK), load_plan(FINAL), load_plan(DRAFT))


def published_texts(db: AppDB) -> dict[str, tuple[int, str]]:
    """response id -> (respondent id, redacted text), read with plain SQL."""
    with db.engine.connect() as con:
        survey = con.execute(
            text(
                "SELECT r.id, r.key, q.key, a.text_redacted FROM survey_answers a "
                "JOIN respondents r ON r.id = a.respondent_id JOIN questions q ON q.id = a.question_id "
                "WHERE a.text_redacted IS NOT NULL AND a.text_redacted <> ''"
            )
        ).all()
        written = con.execute(
            text("SELECT respondent_id, source_file, redacted_text FROM written_responses")
        ).all()
    out = {f"survey/{key}/{q}": (rid, t) for rid, key, q, t in survey}
    out |= {f"written/{f}": (rid, t) for rid, f, t in written}
    return out


def test_every_theme_count_and_quote_traces_back(demo_db: AppDB) -> None:
    y = build(demo_db)
    texts = published_texts(demo_db)
    raw = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))["themes"]
    assert y.writers == len({rid for rid, _ in texts.values()})
    for theme, entry in zip(raw, y.themes, strict=True):
        s = entry.summary
        # Independent count: respondents whose published text holds any of a point's keywords.
        for point, got in zip(theme["points"], s.points, strict=True):
            pattern = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in point["keywords"]), re.I)
            who = {rid for rid, t in texts.values() if pattern.search(t)}
            assert got.respondents == len(who), (theme["id"], point["text"])
        every = [k for p in theme["points"] for k in p["keywords"]]
        pattern = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in every), re.I)
        assert s.respondents == len({rid for rid, t in texts.values() if pattern.search(t)})
        assert s.share.base == y.writers
        assert s.quotes, theme["id"]
        for q in s.quotes:
            rid, published = texts[q.response_id]
            assert published[q.span[0] : q.span[1]] == q.text
            assert rid in s.respondent_ids
    html = render_yswd(y)
    for entry in y.themes:
        assert (
            f'data-theme="{entry.summary.theme}" data-respondents="{entry.summary.respondents}"'
            in html
        )


def test_how_it_was_run_and_headlines_equal_the_generator(
    demo_db: AppDB, synthetic: tuple[Path, KnownFigures], loaded: LoadedConsultation
) -> None:
    _, known = synthetic
    y = build(demo_db)
    assert y.summary.survey_respondents == known.respondents
    assert y.summary.written_responses == len(known.written_files)
    assert {c.code: c.count for c in y.summary.register.categories if c.count} == dict(
        known.categories
    )
    assert [m.title for m in y.meetings] == [m.title for m in loaded.consultation.meetings]
    q2 = next(q for q in y.headline if q.key == "q2_priorities")
    assert q2.result.agree is not None
    assert q2.result.agree.percent == pytest.approx(known.agree_percent("q2_priorities", {"yes"}))
    assert {(c.kind, c.level) for c in y.changes} >= {
        ("added", "measure"),
        ("removed", "commitment"),
    }


def test_no_private_individual_named_in_any_format(
    demo_db: AppDB, synthetic: tuple[Path, KnownFigures], tmp_path: Path
) -> None:
    _, known = synthetic
    paths = write_yswd(build(demo_db), tmp_path / "out")
    html = paths[0].read_text(encoding="utf-8")
    pdf = " ".join(page.extract_text() for page in PdfReader(paths[1]).pages)
    document = Document(str(paths[2]))
    docx = " ".join(p.text for p in document.paragraphs)
    docx += " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert known.private_names and known.planted
    for item in [*known.private_names, *known.planted]:
        for name, body in (("html", html), ("pdf", " ".join(pdf.split())), ("docx", docx)):
            assert item not in body, (item, name)
    for orgs in known.organisations.values():
        for org in orgs:
            assert org in html  # organisations are named in the appendix


def test_officer_edits_are_kept_and_a_stale_edit_refused(demo_db: AppDB) -> None:
    slug = "london-2017-draft-plan"
    v1 = save_entry(
        demo_db, slug, "victims", "You said: support.", "We did: a visit.", [], None, "alice"
    )
    v2 = save_entry(demo_db, slug, "victims", "You said: more.", "We did: more.", [], v1, "alice")
    with pytest.raises(ConcurrentEditError, match=r"changed by alice .* not saved"):
        save_entry(demo_db, slug, "victims", "Bob's words", "Bob's", [], v1, "bob")
    y = build(demo_db)
    victims = next(t for t in y.themes if t.summary.theme == "victims")
    assert (victims.you_said, victims.version) == ("You said: more.", v2)
    with demo_db.reading() as session:
        kept = [e for e in audit_entries(session) if e.action == "yswd.edit"]
    assert [e.after["you_said"] for e in reversed(kept) if e.after] == [
        "You said: support.",
        "You said: more.",
    ]


def test_no_inf_nan_or_percentage_on_a_small_base_in_any_format(
    demo_db: AppDB, tmp_path: Path, no_bad_numbers: Callable[[str, str], None]
) -> None:
    """Issue 12 over 'You said, We did': a theme raised by 3 of 9 writers (planted) is shown as
    its two counts in HTML, PDF and Word, never as a percentage; no 'inf' or 'nan' anywhere."""
    y = build(demo_db)
    first = y.themes[0]
    small = share(3, 9)
    planted = replace(first, summary=replace(first.summary, respondents=3, share=small))
    paths = write_yswd(replace(y, themes=[planted, *y.themes[1:]]), tmp_path / "out")
    document = Document(str(paths[2]))
    texts = {
        "html": paths[0].read_text(encoding="utf-8"),
        "pdf": " ".join(" ".join(p.extract_text() for p in PdfReader(paths[1]).pages).split()),
        "docx": " ".join(p.text for p in document.paragraphs),
    }
    shown = f"{small.percent:.0f}% ({small.ci_low:.0f} to {small.ci_high:.0f}%)"
    for fmt, body in texts.items():
        no_bad_numbers(body, fmt)
        assert "3 of 9, too few for a percentage" in body, fmt
        assert shown not in body, fmt
    # the real shares, on bases of hundreds, are still printed as percentages
    assert all(t.summary.share.base >= MIN_BASE for t in y.themes)
    assert re.search(r"\d+% \(\d+ to \d+%\)", texts["html"])
