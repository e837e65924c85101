"""The console in a real browser (Debian's headless Chromium, driven by Selenium).

A moderator asks the bot for /console (fake Bot API, real handlers), opens the
link, sees the dashboard's charts, opens the inbox and corrects one item; the
correction is in the database and Telegram's /review no longer offers it. The
console runs as it would in production: uvicorn on a real port, in a thread
with its own event loop and its own store on the bot's database.

Screenshots of the dashboard and the inbox go to ``CONSOLE_SCREENSHOTS`` (a
folder; the README's picture is made so) or the test's temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bot import ui_text as w
from bot.console.app import create_app
from bot.console.server import server_config
from bot.settings import Settings
from bot.telegram import callback_data as cd
from matcher import Matcher
from matcher.corpus import load_corpus
from storage import Store
from tests.bot.conftest import HASH_SECRET
from tests.bot.moderation_fakes import MOD_A, MOD_B, USER, ModBot, ask, moderated_bot

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver "
    "(apt-get install -y chromium chromium-driver; .ci/run installs them)",
)
WAIT_S = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_console(settings: Settings) -> Iterator[None]:
    """The console served by uvicorn in a thread, on its own store (as another process)."""
    import uvicorn

    started = threading.Event()
    holder: dict[str, Any] = {}

    async def main() -> None:
        store = await Store.open(settings.effective_database_url, hash_secret=HASH_SECRET.encode())
        try:
            server = uvicorn.Server(
                server_config(create_app(settings, store, load_corpus()), settings)
            )
            holder["server"] = server
            serving = asyncio.create_task(server.serve())
            while not server.started and not serving.done():
                await asyncio.sleep(0.05)
            started.set()
            await serving
        finally:
            await store.close()
            started.set()

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    assert started.wait(WAIT_S) and holder["server"].started, "the console did not start"
    try:
        yield
    finally:
        holder["server"].should_exit = True
        thread.join(WAIT_S)


@contextmanager
def chromium() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None and DRIVER is not None
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)  # no sandbox: CI runs as root
    options.add_argument("--window-size=1280,1500")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(WAIT_S)
    try:
        yield driver
    finally:
        driver.quit()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CONSOLE_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _rate(bot: ModBot, query_id: int, *, helpful: bool) -> None:
    """The asking user taps "Helpful" or "Not helpful" under the answer."""
    answer = bot.sent(USER)[-1].result
    bot.api.press(user_id=USER, message=answer, data=cd.encode(cd.Feedback(query_id, helpful)))
    await bot.deliver()


async def _review(bot: ModBot, moderator: int) -> dict[str, Any]:
    bot.api.send_text(chat_id=moderator, text="/review")
    await bot.deliver()
    call = bot.sent(moderator)[-1]
    return {"text": call.params["text"], "message": call.result}


def _in_browser(driver: Any, link: str, query_id: int, shots: Path) -> str:
    """Sign in, look at the dashboard and the inbox, correct one item; returns the notice."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(link)
    driver.find_element(By.ID, "sign-in").click()
    charts = driver.find_elements(By.CSS_SELECTOR, "section.chart svg")
    assert len(charts) == 4 and all(c.is_displayed() for c in charts)
    assert driver.find_element(By.ID, "figures").text.startswith("Queries 7")
    driver.save_screenshot(str(shots / "console-dashboard.png"))
    driver.find_element(By.LINK_TEXT, "Inbox").click()
    assert driver.find_elements(By.CSS_SELECTOR, "#inbox tr[data-id]")
    driver.save_screenshot(str(shots / "console-inbox.png"))
    driver.find_element(By.CSS_SELECTOR, f'tr[data-id="{query_id}"] td a').click()
    Select(driver.find_element(By.ID, "correct-topic")).select_by_value("choking")
    driver.find_element(By.ID, "correct").click()
    return str(driver.find_element(By.CSS_SELECTOR, ".notice").text)


async def test_a_moderator_corrects_an_item_in_the_browser(
    tmp_path: Path, fake_matcher: Matcher
) -> None:
    port = _free_port()
    overrides = {
        "console_host": "127.0.0.1",
        "console_port": port,
        # Chromium keeps Secure cookies on http://localhost (a secure context).
        "console_url": f"http://localhost:{port}",
        "models_dir": tmp_path / "models",
    }
    async with moderated_bot(tmp_path, fake_matcher, **overrides) as bot:
        burn = await ask(bot, fake_matcher, "burn")
        await _rate(bot, burn, helpful=False)
        for topic in ("nosebleed", "sunburn", "choking", "nosebleed", "fracture"):
            await _rate(bot, await ask(bot, fake_matcher, topic), helpful=True)
        await ask(bot, fake_matcher, "cardiac-arrest")
        bot.api.send_text(chat_id=MOD_A, text="/console")
        await bot.deliver()
        found = re.search(r"http://\S+", bot.texts(MOD_A)[-1])
        assert found is not None
        link = found.group(0).replace("&amp;", "&")

        with running_console(bot.services.settings), chromium() as driver:
            notice = await asyncio.to_thread(_in_browser, driver, link, burn, _shots(tmp_path))
            # Held by the console's moderator meanwhile, so Telegram gives MOD_B another item.
        assert notice == "Saved: corrected topic."

        review = await bot.store.get_review(burn)
        assert review is not None
        assert (review.verdict, review.corrected_topic) == ("wrong", "choking")
        assert review.moderator_hash == bot.store.hasher.hash(MOD_A)

        # Telegram's /review never offers the corrected item again, and a button
        # on it says another moderator reviewed it.
        offered = await _review(bot, MOD_B)
        assert f"Review #{burn}" not in offered["text"] and "Review #" in offered["text"]
        bot.api.press(
            user_id=MOD_B,
            message=offered["message"],
            data=cd.encode(cd.ReviewVerdict(burn, "correct")),
        )
        await bot.deliver()
        assert bot.notices()[-1] == w.REVIEW_TAKEN
    for name in ("console-dashboard.png", "console-inbox.png"):
        assert (_shots(tmp_path) / name).stat().st_size > 10_000
