"""Initial schema: chats, queries, feedback, reviews, review skips.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HASH = sa.String(length=64)
TOPIC = sa.String(length=64)


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("chat_hash", HASH, nullable=False),
        sa.Column("chat_type", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("chat_hash", name=op.f("pk_chats")),
    )
    op.create_table(
        "queries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _when("created_at"),
        sa.Column("chat_hash", HASH, nullable=False),
        sa.Column("user_hash", HASH, nullable=False),
        sa.Column("chat_type", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("topic", TOPIC, nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("alternatives", sa.JSON(), nullable=False),
        sa.Column("emergency", sa.Boolean(), nullable=False),
        sa.Column("oos", sa.Boolean(), nullable=False),
        sa.Column("low_confidence", sa.Boolean(), nullable=False),
        sa.Column("model_version", sa.Text(), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("lease_owner", HASH, nullable=True),
        _when("lease_until", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queries")),
    )
    op.create_index(op.f("ix_queries_created_at"), "queries", ["created_at"])
    op.create_index(op.f("ix_queries_user_hash"), "queries", ["user_hash"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("user_hash", HASH, nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("picked_topic", TOPIC, nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["queries.id"],
            name=op.f("fk_feedback_query_id_queries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("query_id", "user_hash", name=op.f("uq_feedback_query_id_user_hash")),
    )
    op.create_index(op.f("ix_feedback_user_hash"), "feedback", ["user_hash"])
    op.create_table(
        "review_skips",
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("moderator_hash", HASH, nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["queries.id"],
            name=op.f("fk_review_skips_query_id_queries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("query_id", "moderator_hash", name=op.f("pk_review_skips")),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("moderator_hash", HASH, nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("corrected_topic", TOPIC, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _when("created_at"),
        sa.CheckConstraint(
            "verdict IN ('correct', 'wrong', 'oos', 'unsafe')", name=op.f("ck_reviews_verdict")
        ),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["queries.id"],
            name=op.f("fk_reviews_query_id_queries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("query_id", name=op.f("uq_reviews_query_id")),
    )


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("review_skips")
    op.drop_index(op.f("ix_feedback_user_hash"), table_name="feedback")
    op.drop_table("feedback")
    op.drop_index(op.f("ix_queries_user_hash"), table_name="queries")
    op.drop_index(op.f("ix_queries_created_at"), table_name="queries")
    op.drop_table("queries")
    op.drop_table("chats")
