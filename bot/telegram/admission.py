"""Admission control: who may have a message answered now, before any matching.

Runs as the first handler group (``register``). Each person and each group has
a token bucket (``ADMIT_*`` settings): a message over the limit is dropped
before it costs matching, storage or a reply. The first dropped message gets
one short notice, later ones silence, until the bucket refills. A message
that reads like an emergency (the matcher's compiled safety rules, a few
microseconds) is never dropped.

Replies in groups wait for Telegram's limit of 20 messages a minute per group.
A handler awaiting such a reply would hold one of the application's update
slots all that time, so a flood in one group could fill every slot and leave
a private emergency unanswered. Admitted group messages therefore leave the
slot at once and are handled in a bounded per-group lane, one after another,
emergencies first.

The update processor (:mod:`bot.telegram.waits`) tells which updates hold a slot.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop

from bot.settings import Settings
from bot.telegram.context import BotContext
from bot.telegram.waits import MonitoredProcessor

log = logging.getLogger(__name__)

# The bot's sentences for admission control (kept here, beside the only code that sends them).
SLOW_DOWN_PRIVATE = (
    "You are sending messages faster than I can answer, so I am skipping some for a "
    "minute. In an emergency, call your local emergency number now."
)
SLOW_DOWN_GROUP = (
    "This chat is sending me more messages than I can answer, so I am skipping some for "
    "a minute. In an emergency, call your local emergency number now."
)
# Only the start of a message is checked for an emergency: it keeps the check cheap,
# and an emergency is said early.
EMERGENCY_SCAN_CHARS = 512
# Admitted group messages waiting in one group's lane, beyond which they are
# dropped like any over the limit (emergencies still join, at the front).
LANE_FACTOR = 2
# Idle buckets are forgotten once there are this many, so memory stays bounded.
MAX_BUCKETS = 50_000


@dataclass
class TokenBucket:
    """``capacity`` messages at once, refilled at ``per_second``; ``noticed``: told once."""

    capacity: float
    per_second: float
    tokens: float
    stamp: float
    noticed: bool = False

    def take(self, now: float) -> bool:
        """Spend one token if there is one."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def idle(self, now: float) -> bool:
        return self.tokens + (now - self.stamp) * self.per_second >= self.capacity


@dataclass
class Lane:
    """A group's admitted messages, handled one at a time outside the update slots."""

    urgent: deque[Update] = field(default_factory=deque)
    waiting: deque[Update] = field(default_factory=deque)

    def __len__(self) -> int:
        return len(self.urgent) + len(self.waiting)


class Admission:
    """The buckets and lanes of one application."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.users: dict[int, TokenBucket] = {}
        self.groups: dict[int, TokenBucket] = {}
        self.lanes: dict[int, Lane] = {}
        self.passing: set[int] = set()  # update ids now handled by a lane
        self.dropped = 0

    def _bucket(
        self, table: dict[int, TokenBucket], key: int, burst: int, per_min: float
    ) -> TokenBucket:
        now = self.clock()
        bucket = table.get(key)
        if bucket is None:
            if len(table) >= MAX_BUCKETS:
                for idle in [k for k, b in table.items() if b.idle(now)]:
                    del table[idle]
            bucket = table[key] = TokenBucket(burst, per_min / 60.0, float(burst), now)
        return bucket

    def user_bucket(self, user_id: int) -> TokenBucket:
        s = self.settings
        return self._bucket(self.users, user_id, s.admit_user_burst, s.admit_user_per_minute)

    def group_bucket(self, chat_id: int) -> TokenBucket:
        s = self.settings
        return self._bucket(self.groups, chat_id, s.admit_group_burst, s.admit_group_per_minute)

    @property
    def lane_limit(self) -> int:
        return LANE_FACTOR * self.settings.admit_group_burst


_STATE = "_admission"  # attribute on ``application.bot_data``: one state per application


def state(app: Any, settings: Settings) -> Admission:
    """The application's admission state (made on first use)."""
    found = getattr(app.bot_data, _STATE, None)
    if not isinstance(found, Admission):
        found = Admission(settings)
        setattr(app.bot_data, _STATE, found)
    return found


def _addressed(message: Message, bot_id: int, username: str | None) -> bool:
    """True for a group message the bot would answer: a command, a mention or a reply."""
    entities = message.parse_entities([MessageEntity.BOT_COMMAND, MessageEntity.MENTION])
    for entity, value in entities.items():
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            target = value.partition("@")[2]
            return not target or (username is not None and target.lower() == username.lower())
        if username is not None and value.lower() == f"@{username.lower()}":
            return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.id == bot_id)


def is_emergency(context: BotContext, text: str) -> bool:
    """True when ``text`` matches an emergency, red-flag or crisis rule (or cannot be checked)."""
    if not text:
        return False
    try:
        rules = context.services.matcher.safety
        scan = rules.scan(text[:EMERGENCY_SCAN_CHARS])
        return bool(rules.red_flags(scan) or rules.crisis(scan) or rules.critical(scan))
    except Exception:  # never drop a message because the check itself failed
        log.exception("emergency check failed; the message is let through")
        return True


def _notify(app: Any, message: Message, bucket: TokenBucket, text: str) -> None:
    if bucket.noticed:
        return
    bucket.noticed = True

    async def send() -> None:
        with contextlib.suppress(TelegramError):
            await message.reply_text(text)

    # Not awaited: in a group the notice itself may wait for Telegram's limit.
    app.create_task(send(), name="admission-notice")


async def on_update(update: object, context: BotContext) -> None:
    """Group -1: admit, detach into a group's lane, or drop (ApplicationHandlerStop)."""
    if not isinstance(update, Update) or update.update_id in _passing_ids(context):
        return
    message = update.message or update.edited_message
    user = update.effective_user
    if message is None or user is None:
        return
    admission = state(context.application, context.services.settings)
    private = message.chat.type == ChatType.PRIVATE
    if not private and not _addressed(message, context.bot.id, context.bot.username):
        return  # chatter the handlers ignore costs nothing
    urgent = is_emergency(context, message.text or message.caption or "")
    user_bucket = admission.user_bucket(user.id)
    user_ok = user_bucket.take(admission.clock())
    if user_ok:
        user_bucket.noticed = False
    if private:
        if user_ok or urgent:
            return  # handled here, in this update's slot, as always
        _drop(admission, context, message, user_bucket, SLOW_DOWN_PRIVATE)
    group_bucket = admission.group_bucket(message.chat.id)
    group_ok = user_ok and group_bucket.take(admission.clock())
    lane = admission.lanes.get(message.chat.id)
    room = lane is None or len(lane) < admission.lane_limit
    if urgent or (group_ok and room):
        if group_ok:
            group_bucket.noticed = False
        processor = context.application.update_processor
        if not (isinstance(processor, MonitoredProcessor) and processor.holds(update)):
            return  # not holding an update slot (handed in directly): answer here
        _enqueue(admission, context.application, message.chat.id, update, urgent)
        raise ApplicationHandlerStop  # the slot is free again; the lane answers
    bucket = user_bucket if not user_ok else group_bucket
    _drop(admission, context, message, bucket, SLOW_DOWN_GROUP)


def _passing_ids(context: BotContext) -> set[int]:
    found = getattr(context.application.bot_data, _STATE, None)
    return found.passing if isinstance(found, Admission) else set()


def _drop(
    admission: Admission, context: BotContext, message: Message, bucket: TokenBucket, text: str
) -> NoReturn:
    admission.dropped += 1
    _notify(context.application, message, bucket, text)
    raise ApplicationHandlerStop


def _enqueue(admission: Admission, app: Any, chat_id: int, update: Update, urgent: bool) -> None:
    lane = admission.lanes.get(chat_id)
    start = lane is None
    if lane is None:
        lane = admission.lanes[chat_id] = Lane()
    (lane.urgent if urgent else lane.waiting).append(update)
    if start:
        app.create_task(_drain(admission, app, chat_id, lane), name="admission-lane")


async def _drain(
    admission: Admission, app: Application[Any, Any, Any, Any, Any, Any], chat_id: int, lane: Lane
) -> None:
    """Handle a group's admitted messages one by one, emergencies first."""
    try:
        while lane:
            if not app.running and lane.waiting:
                # Stopping: a group's backlog at 20 replies a minute would outlast any
                # stop timeout; emergencies are still answered, the rest is counted.
                admission.dropped += len(lane.waiting)
                log.warning("stopping: %d queued group messages not answered", len(lane.waiting))
                lane.waiting.clear()
                continue
            update = (lane.urgent or lane.waiting).popleft()
            admission.passing.add(update.update_id)
            try:
                await app.process_update(update)  # handler errors go to the error handler
            finally:
                admission.passing.discard(update.update_id)
    finally:
        if admission.lanes.get(chat_id) is lane:
            del admission.lanes[chat_id]
