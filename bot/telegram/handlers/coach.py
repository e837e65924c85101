"""The CPR coach: a metronome voice message and a message that keeps the rescuer going.

"CPR coach" (under cardiac arrest, drowning and electric shock) sends the
110-a-minute metronome (:mod:`bot.metronome`) as a voice message, then a coach
message that the JobQueue updates every :data:`UPDATE_S` seconds: the minutes
so far and one reminder in turn (swap rescuers, the AED). "Stop" ends it, and
it ends by itself after :data:`MAX_S`, when an ambulance should long have come
or the call handler has taken over. Anyone in the chat may start or stop it.
It speaks the language of the answer it was started from (the button's data).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import cast

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import metronome
from bot import ui_text as w
from bot.i18n import gettext_for
from bot.telegram import callback_data as cd
from bot.telegram.context import BotApp, BotContext
from bot.telegram.handlers.common import refuse
from bot.telegram.keyboards import coach_keyboard

log = logging.getLogger(__name__)
# Guidance: swap rescuers about every 2 minutes, so the coach speaks up as often.
UPDATE_S = 120
MAX_S = 20 * 60
# Telegram's file id of the uploaded metronome: uploaded once, then reused.
_voice_ids: dict[int, str] = {}


@dataclass
class CoachRun:
    """One running coach: where its message is and how many updates it has had."""

    chat_id: int
    message_id: int
    updates: int = 0
    lang: str = "en"

    @property
    def minutes(self) -> int:
        return self.updates * UPDATE_S // 60


def job_name(chat_id: int, message_id: int) -> str:
    return f"cpr-coach:{chat_id}:{message_id}"


def coach_text(updates: int, lang: str = "en") -> str:
    _ = gettext_for(lang)
    tip = _(w.COACH_TIPS[updates % len(w.COACH_TIPS)])
    return w.fill(_(w.COACH_TEXT), minutes=updates * UPDATE_S // 60, tip=tip)


async def _send_metronome(message: Message, context: BotContext, lang: str) -> None:
    """The voice message; a failure must not keep the coach message from coming."""
    bot_id = context.bot.id
    try:
        cached = _voice_ids.get(bot_id)
        sent = None
        if cached is not None:
            try:
                sent = await _reply_voice(message, cached, lang)
            except BadRequest:  # a file id from another bot or server: upload again
                _voice_ids.pop(bot_id, None)
        if sent is None:
            folder = context.services.settings.data_dir
            path = await asyncio.to_thread(metronome.ensure, folder)
            sent = await _reply_voice(message, path.read_bytes(), lang)
    except (OSError, TelegramError):
        log.exception("could not send the CPR metronome")
        return
    if sent.voice is not None:
        _voice_ids[bot_id] = sent.voice.file_id


async def _reply_voice(message: Message, voice: str | bytes, lang: str) -> Message:
    caption = gettext_for(lang)(w.COACH_VOICE)
    return await message.reply_voice(
        voice, caption=caption, duration=metronome.SECONDS, do_quote=False
    )


async def on_coach(update: Update, context: BotContext) -> None:
    """Start a coach (a new voice and coach message) or stop the one on this message."""
    query = update.callback_query
    if query is None:
        return
    action = cd.parse(query.data)
    message = query.message
    if not isinstance(action, cd.Coach) or not isinstance(message, Message):
        await refuse(query)
        return
    if action.start:
        await query.answer()
        await start(message, context, action.lang)
    else:
        await stop(query, message, context, action.lang)


async def start(message: Message, context: BotContext, lang: str = "en") -> None:
    """The coach message and its job, then the metronome.

    The message comes first: writing the metronome the first time takes a moment,
    and the rescuer should not wait for it to read what to do.
    """
    sent = await message.reply_html(
        coach_text(0, lang), reply_markup=coach_keyboard(running=True, lang=lang), do_quote=False
    )
    queue = cast(BotApp, context.application).job_queue
    if queue is None:  # the job-queue extra is a dependency (see bot/telegram/jobs.py)
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    run = CoachRun(sent.chat.id, sent.message_id, lang=lang)
    queue.run_repeating(
        tick,
        interval=UPDATE_S,
        first=UPDATE_S,
        data=run,
        name=job_name(run.chat_id, run.message_id),
    )
    await _send_metronome(message, context, lang)


async def stop(
    query: CallbackQuery, message: Message, context: BotContext, lang: str = "en"
) -> None:
    """Stop the coach whose message carries the tapped button."""
    _ = gettext_for(lang)
    queue = context.job_queue
    jobs = queue.get_jobs_by_name(job_name(message.chat.id, message.message_id)) if queue else ()
    stopped = coach_keyboard(running=False, lang=lang)
    if not jobs:
        await query.answer(_(w.COACH_NOT_RUNNING))
        with contextlib.suppress(BadRequest):
            await message.edit_reply_markup(reply_markup=stopped)
        return
    minutes = 0
    for job in jobs:
        job.schedule_removal()
        if isinstance(job.data, CoachRun):
            minutes = job.data.minutes
    await query.answer()
    with contextlib.suppress(BadRequest):
        await message.edit_text(w.fill(_(w.COACH_STOPPED), minutes=minutes), reply_markup=stopped)


async def tick(context: BotContext) -> None:
    """Every 2 minutes: the next reminder; after 20 minutes the coach ends itself."""
    job = context.job
    if job is None or not isinstance(job.data, CoachRun):
        return
    run = job.data
    run.updates += 1
    ended = run.updates * UPDATE_S >= MAX_S
    if ended:
        job.schedule_removal()
        text = w.fill(gettext_for(run.lang)(w.COACH_ENDED), minutes=run.minutes)
    else:
        text = coach_text(run.updates, run.lang)
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=run.chat_id,
            message_id=run.message_id,
            parse_mode="HTML",
            reply_markup=coach_keyboard(running=not ended, lang=run.lang),
        )
    except BadRequest:  # the message was deleted: nobody is reading the coach any more
        log.info("CPR coach message gone; stopping its updates")
        job.schedule_removal()
