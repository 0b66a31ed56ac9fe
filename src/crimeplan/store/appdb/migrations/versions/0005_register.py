"""recommendations register

Revision ID: 0005_register
Revises: 0002
Create Date: 2026-11-30

The recommendations register (bodies, reports, recommendations, responses, links to the plan,
progress updates) and the officers' 'You said, We did' entries. Issue 16.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_register"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_bodies")),
        sa.UniqueConstraint("key", name=op.f("uq_register_bodies_key")),
    )
    op.create_table(
        "register_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["register_bodies.id"],
            name=op.f("fk_register_reports_body_id_register_bodies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_reports")),
        sa.UniqueConstraint("key", name=op.f("uq_register_reports_key")),
    )
    with op.batch_alter_table("register_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_register_reports_body_id"), ["body_id"], unique=False)

    op.create_table(
        "yswd_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=100), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("commitments", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_yswd_entries_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yswd_entries")),
        sa.UniqueConstraint(
            "consultation_id", "theme", name=op.f("uq_yswd_entries_consultation_id")
        ),
    )
    with op.batch_alter_table("yswd_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_yswd_entries_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sub_points", sa.JSON(), nullable=False),
        sa.Column("addressee", sa.Text(), nullable=True),
        sa.Column("theme", sa.String(length=200), nullable=True),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("respondent_category", sa.String(length=100), nullable=True),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["register_reports.id"],
            name=op.f("fk_recommendations_report_id_register_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
        sa.UniqueConstraint("report_id", "number", name=op.f("uq_recommendations_report_id")),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendations_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "progress_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_progress_updates_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_updates")),
    )
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progress_updates_recommendation_id"), ["recommendation_id"], unique=False
        )

    op.create_table(
        "recommendation_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("area", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_links_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_links")),
        sa.UniqueConstraint(
            "recommendation_id",
            "plan_id",
            "kind",
            "target",
            name=op.f("uq_recommendation_links_recommendation_id"),
        ),
    )
    with op.batch_alter_table("recommendation_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_links_recommendation_id"),
            ["recommendation_id"],
            unique=False,
        )

    op.create_table(
        "recommendation_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responder", sa.Text(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_responses_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_responses")),
    )
    with op.batch_alter_table("recommendation_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_responses_recommendation_id"),
            ["recommendation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendation_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_responses_recommendation_id"))

    op.drop_table("recommendation_responses")
    with op.batch_alter_table("recommendation_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_links_recommendation_id"))

    op.drop_table("recommendation_links")
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_updates_recommendation_id"))

    op.drop_table("progress_updates")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_report_id"))

    op.drop_table("recommendations")
    with op.batch_alter_table("yswd_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_yswd_entries_consultation_id"))

    op.drop_table("yswd_entries")
    with op.batch_alter_table("register_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_register_reports_body_id"))

    op.drop_table("register_reports")
    op.drop_table("register_bodies")
