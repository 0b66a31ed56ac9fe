"""The recommendations register and 'You said, We did' entries: SQLAlchemy models (migration
0005_register).

A body (committee, board, group or member) makes reports; a report holds numbered
recommendations; each recommendation gets responses (accepted, accepted in part, not accepted,
noted), links to the plan commitments and measures that carry it out, an owner, a due date and
dated progress updates. Editable rows carry a `version` column (SQLAlchemy's version counter):
an edit names the version it read, so two people editing the same row never silently
overwrite each other (see `crimeplan.scrutiny.register.edit_recommendation`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crimeplan.store.appdb.models import Base


class RegisterBody(Base):
    """Who makes recommendations: a committee, a board, a group or a member."""

    __tablename__ = "register_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))  # committee | board | group | member

    reports: Mapped[list[RegisterReport]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="RegisterReport.published"
    )


class RegisterReport(Base):
    """A report or response document in which a body makes its recommendations."""

    __tablename__ = "register_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("register_bodies.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    source_file: Mapped[str | None] = mapped_column(String(255))

    body: Mapped[RegisterBody] = relationship(back_populates="reports")
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Recommendation.position"
    )


class Recommendation(Base):
    """One numbered recommendation, its sub-points and where in the source text it was found."""

    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("register_reports.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sub_points: Mapped[list[str]] = mapped_column(JSON)
    addressee: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(200))
    source_file: Mapped[str | None] = mapped_column(String(255))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    respondent_category: Mapped[str | None] = mapped_column(String(100))
    organisation: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # open | in_progress | delivered | closed
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))

    report: Mapped[RegisterReport] = relationship(back_populates="recommendations")
    responses: Mapped[list[RecommendationResponse]] = relationship(
        back_populates="recommendation",
        cascade="all, delete-orphan",
        order_by="RecommendationResponse.responded_on",
    )
    links: Mapped[list[RecommendationLink]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan"
    )
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="recommendation",
        cascade="all, delete-orphan",
        order_by="ProgressUpdate.on",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class RecommendationResponse(Base):
    """The answer to a recommendation: accepted, accepted in part, not accepted or noted."""

    __tablename__ = "recommendation_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    responder: Mapped[str | None] = mapped_column(Text)
    responded_on: Mapped[date | None] = mapped_column(Date)

    recommendation: Mapped[Recommendation] = relationship(back_populates="responses")


class RecommendationLink(Base):
    """A plan commitment or measure that carries a recommendation out.

    `target` is a measure id, or for a commitment `outcome-id#n` (the n-th commitment, from 1,
    of that outcome in the plan file). `area` is where a measure is rated (default: the plan's).
    """

    __tablename__ = "recommendation_links"
    __table_args__ = (UniqueConstraint("recommendation_id", "plan_id", "kind", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # commitment | measure
    target: Mapped[str] = mapped_column(String(200))
    area: Mapped[str | None] = mapped_column(String(100))

    recommendation: Mapped[Recommendation] = relationship(back_populates="links")


class ProgressUpdate(Base):
    """A dated note on how delivery is going, with the status it left the recommendation in."""

    __tablename__ = "progress_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    author: Mapped[str] = mapped_column(String(100))

    recommendation: Mapped[Recommendation] = relationship(back_populates="updates")


class YswdEntry(Base):
    """One theme's 'You said' and 'We did' text for a consultation, as officers last left it.

    Every edit is kept in the audit log (before and after); `version` refuses a stale edit.
    """

    __tablename__ = "yswd_entries"
    __table_args__ = (UniqueConstraint("consultation_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(100))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    commitments: Mapped[list[str]] = mapped_column(JSON)  # outcome-id#n references
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(100))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
