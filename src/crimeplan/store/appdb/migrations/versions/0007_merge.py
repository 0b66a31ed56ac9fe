"""merge the themes, text and register branches

Revision ID: 0007_merge
Revises: 0003_themes, 0004_text, 0005_register
Create Date: 2026-11-30

Three features were built side by side from 0002; this revision joins them into one head so
`upgrade head` has a single target. It changes no table.
"""

from __future__ import annotations

revision = "0007_merge"
down_revision = ("0003_themes", "0004_text", "0005_register")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
