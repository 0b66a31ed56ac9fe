"""Committee documents in three formats from one piece of content: HTML from a Jinja template
with the report stylesheet, PDF from that HTML (WeasyPrint), DOCX from a writer, all or nothing.

Used by the recommendations tracker and 'You said, We did'; the quarterly report has its own
writers (`publish.writers`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from crimeplan.publish.html import stylesheet
from crimeplan.publish.output import staged_output
from crimeplan.publish.pdf import write_pdf

FORMATS = ("html", "pdf", "docx")


def render_document(folder: Path, template: str, **context: Any) -> str:
    """Render `template` from `folder` with the report stylesheet as `css` (autoescaped,
    undefined names an error)."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(template).render(css=Markup(stylesheet()), **context)


def write_documents(
    out_dir: Path,
    stem: str,
    html: Callable[[], str],
    docx: Callable[[Path], None],
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Write `stem`.html, .pdf and .docx (those asked for) into `out_dir`, all or nothing."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; known: {', '.join(FORMATS)}")
    with staged_output(out_dir) as stage:
        page = html() if {"html", "pdf"} & set(formats) else ""
        if "html" in formats:
            (stage / f"{stem}.html").write_text(page, encoding="utf-8")
        if "pdf" in formats:
            write_pdf(page, stage / f"{stem}.pdf")
        if "docx" in formats:
            docx(stage / f"{stem}.docx")
    return [out_dir.resolve() / f"{stem}.{f}" for f in formats]
