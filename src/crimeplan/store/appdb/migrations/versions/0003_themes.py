"""free-text themes

Revision ID: 0003_themes
Revises: 0002
Create Date: 2026-11-30

Segments of redacted text, their embeddings per model, the codebook (themes), machine and
analyst codes, and blind agreement codes (crimeplan.store.appdb.themes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_themes"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "text_segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("locator", sa.String(length=400), nullable=False),
        sa.Column("question_key", sa.String(length=100), nullable=True),
        sa.Column("source_file", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        _fk("text_segments", "consultation_id", "consultations"),
        _fk("text_segments", "respondent_id", "respondents"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_segments")),
        sa.UniqueConstraint(
            "consultation_id", "locator", name=op.f("uq_text_segments_consultation_id")
        ),
    )
    _index("text_segments", "consultation_id", "respondent_id")
    op.create_table(
        "segment_embeddings",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["text_segments.id"],
            name=op.f("fk_segment_embeddings_segment_id_text_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("segment_id", "model", name=op.f("pk_segment_embeddings")),
    )
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("key_terms", sa.JSON(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("merged_into", sa.String(length=100), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("themes", "consultation_id", "consultations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("consultation_id", "key", name=op.f("uq_themes_consultation_id")),
    )
    _index("themes", "consultation_id")
    op.create_table(
        "segment_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("stance", sa.String(length=20), nullable=True),
        sa.Column("coder", sa.String(length=100), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["text_segments.id"],
            name=op.f("fk_segment_codes_segment_id_text_segments"),
            ondelete="CASCADE",
        ),
        _fk("segment_codes", "theme_id", "themes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_codes")),
        sa.UniqueConstraint(
            "segment_id", "theme_id", "source", name=op.f("uq_segment_codes_segment_id")
        ),
    )
    _index("segment_codes", "segment_id", "theme_id")
    op.create_table(
        "agreement_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("coder", sa.String(length=100), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=True),
        sa.Column("sampled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("coded_at", sa.DateTime(timezone=True), nullable=True),
        _fk("agreement_codes", "consultation_id", "consultations"),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["text_segments.id"],
            name=op.f("fk_agreement_codes_segment_id_text_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_codes")),
        sa.UniqueConstraint("segment_id", "coder", name=op.f("uq_agreement_codes_segment_id")),
    )
    _index("agreement_codes", "consultation_id", "segment_id")


def downgrade() -> None:
    for table in ("agreement_codes", "segment_codes", "themes", "segment_embeddings"):
        op.drop_table(table)
    op.drop_table("text_segments")
