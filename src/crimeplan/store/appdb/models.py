"""The application database's tables as SQLAlchemy 2 typed models.

Application state (consultations, respondents, their answers and written responses, users,
roles, the audit log) lives here, in SQLite by default or PostgreSQL by URL; the analytical
figures live in the DuckDB store. Every table is created by an Alembic migration in
`migrations/versions/`, never by `metadata.create_all`.

Room for what comes next (see docs/consultations.md, "Later work"): free-text codes attach to a
segment of a `written_responses` row or of an open `survey_answers` row by id and character
offsets into the *redacted* text; campaigns group respondents; analyst review and the
recommendations register reference users and consultations. Each gets its own migration.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    opens: Mapped[date] = mapped_column(Date)
    closes: Mapped[date] = mapped_column(Date)
    # The validated consultation file as JSON: the one source of scales and categories.
    definition: Mapped[dict[str, object]] = mapped_column(JSON)
    source_file: Mapped[str] = mapped_column(String(255))
    source_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    questions: Mapped[list[Question]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan", order_by="Question.position"
    )


class Question(Base):
    """A closed, open or demographic question; `key` is its id in the consultation file."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("consultation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # closed | open | demographic
    number: Mapped[str | None] = mapped_column(String(20))
    section: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    scale: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)

    consultation: Mapped[Consultation] = relationship(back_populates="questions")


class Respondent(Base):
    """Someone who answered the survey or wrote in; `key` is unique per channel.

    `name` and `organisation` are raw personal data for private individuals: they never leave
    the database except through redaction (the register counts private individuals).
    """

    __tablename__ = "respondents"
    __table_args__ = (UniqueConstraint("consultation_id", "channel", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))  # survey | written
    key: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(100))
    organisation: Mapped[str | None] = mapped_column(Text)
    received: Mapped[date | None] = mapped_column(Date)
    source_file: Mapped[str] = mapped_column(String(255))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan"
    )
    written: Mapped[list[WrittenResponse]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan"
    )


class SurveyAnswer(Base):
    """One respondent's answer to one question: a scale code, a demographic code or free text.

    A closed or demographic answer holds its code in `code`; an open answer holds the raw text
    in `text_raw` and the published form in `text_redacted`. An unanswered question has no row.
    """

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("respondent_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str | None] = mapped_column(String(100))
    text_raw: Mapped[str | None] = mapped_column(Text)
    text_redacted: Mapped[str | None] = mapped_column(Text)

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


class WrittenResponse(Base):
    """A letter, e-mail or report, its text extracted and kept with its source file."""

    __tablename__ = "written_responses"
    __table_args__ = (UniqueConstraint("consultation_id", "source_file"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    source_file: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100))
    extraction_method: Mapped[str] = mapped_column(String(100))
    raw_text: Mapped[str] = mapped_column(Text)
    redacted_text: Mapped[str] = mapped_column(Text)
    redactions: Mapped[dict[str, int]] = mapped_column(JSON)  # kind -> count
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    respondent: Mapped[Respondent] = relationship(back_populates="written")


class Role(Base):
    """admin manages users; analyst uploads and reads redacted text; viewer reads results."""

    __tablename__ = "roles"

    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    rank: Mapped[int] = mapped_column(Integer)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(ForeignKey("roles.key"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Every change: who (`actor`), what (`action` on `entity` `entity_key`), when, before/after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(100))
    entity_key: Mapped[str] = mapped_column(String(255))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)


class WebSession(Base):
    """A signed-in browser: the cookie carries only the token; its sha256 is stored here."""

    __tablename__ = "web_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RecommendationReview(Base):
    """An analyst's decision on one extracted recommendation, keyed by where it was found
    (source file and character span in the redacted text): accepted, rejected or corrected
    (then `text`, `addressee` and `theme` replace what was extracted)."""

    __tablename__ = "recommendation_reviews"
    __table_args__ = (UniqueConstraint("consultation_id", "source_file", "span_start", "span_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    source_file: Mapped[str] = mapped_column(String(255))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)
    addressee: Mapped[str | None] = mapped_column(String(100))
    theme: Mapped[str | None] = mapped_column(String(100))
    reviewer: Mapped[str] = mapped_column(String(100))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The recommendations register's tables (migration 0005_register) live in their own module;
# importing it here puts them in `Base.metadata`, which the migrations are checked against.
from crimeplan.store.appdb import register_models as _register_models  # noqa: E402,F401
# The free-text theme tables (segments, embeddings, themes, codes; migration 0003_themes) live in
# their own module; importing it here puts them on Base.metadata for Alembic's comparisons.
from crimeplan.store.appdb import themes as _themes  # noqa: E402, F401
