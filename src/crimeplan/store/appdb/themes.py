"""Tables for free-text themes (migration 0003_themes, issue 14), on the models' Base.

A segment is a span of *redacted* text (survey answer whole, or a section, paragraph or list
item of a written response, with character offsets into `written_responses.redacted_text`), so
codes never point into personal data. Embeddings are stored per segment and model and reused
while the segment's text (its sha256) is unchanged. Codes are machine codes (with confidence)
or analyst codes (present or absent), the latter overriding and training the coder. Agreement
samples hold an analyst's blind codes of a random sample of segments.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from crimeplan.store.appdb.models import Base


class Segment(Base):
    __tablename__ = "text_segments"
    __table_args__ = (UniqueConstraint("consultation_id", "locator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))  # survey | written
    # survey/<respondent key>/<question key> or written/<file>/<start>
    locator: Mapped[str] = mapped_column(String(400))
    question_key: Mapped[str | None] = mapped_column(String(100))
    source_file: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(20))  # answer | section | paragraph | item
    section: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # redacted
    text_sha256: Mapped[str] = mapped_column(String(64))


class SegmentEmbedding(Base):
    __tablename__ = "segment_embeddings"

    segment_id: Mapped[int] = mapped_column(
        ForeignKey("text_segments.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(100), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("consultation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    key_terms: Mapped[list[str]] = mapped_column(JSON)
    examples: Mapped[list[str]] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(20))  # discovered | file | analyst
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    merged_into: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)


class SegmentCode(Base):
    __tablename__ = "segment_codes"
    __table_args__ = (UniqueConstraint("segment_id", "theme_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("text_segments.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # machine | analyst
    present: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float] = mapped_column(Float)
    stance: Mapped[str | None] = mapped_column(String(20))
    coder: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AgreementCode(Base):
    """One analyst's blind coding of one sampled segment (`themes`: keys, possibly empty)."""

    __tablename__ = "agreement_codes"
    __table_args__ = (UniqueConstraint("segment_id", "coder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("text_segments.id", ondelete="CASCADE"), index=True
    )
    coder: Mapped[str] = mapped_column(String(100))
    themes: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))  # None: not coded yet
    sampled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    coded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
