"""recommendation reviews

Revision ID: 0004_text
Revises: 0002
Create Date: 2026-11-30

Analysts' decisions on extracted recommendations (issue 15): accepted, rejected or corrected.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_text"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendation_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("addressee", sa.String(length=100), nullable=True),
        sa.Column("theme", sa.String(length=100), nullable=True),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_recommendation_reviews_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_reviews")),
        sa.UniqueConstraint(
            "consultation_id",
            "source_file",
            "span_start",
            "span_end",
            name=op.f("uq_recommendation_reviews_consultation_id"),
        ),
    )
    with op.batch_alter_table("recommendation_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_reviews_consultation_id"),
            ["consultation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendation_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_reviews_consultation_id"))
    op.drop_table("recommendation_reviews")
