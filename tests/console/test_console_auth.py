"""Who may use the console: sign-in links, passwords, sessions, CSRF, throttling."""

from __future__ import annotations

import logging

import pytest
from console_helpers import MOD_A, MOD_B, OUTSIDER, Site, csrf_of, form_token, log_query, sign_in

from bot.console.accounts import MAX_CLIENTS, MAX_FAILURES, Accounts, Throttle
from bot.console.links import LINK_TTL_S, console_url
from bot.settings import Settings

PAGES = ["/", "/inbox", "/inbox/1", "/models", "/export"]
FORMS = ["/inbox/next", "/inbox/1", "/models/promote", "/models/rollback", "/export"]


@pytest.mark.parametrize("path", PAGES)
async def test_pages_send_strangers_to_sign_in(site: Site, path: str) -> None:
    await log_query(site.store, "my hand is burnt")
    async with site.client() as client:
        response = await client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert "burnt" not in response.text


@pytest.mark.parametrize("path", FORMS)
async def test_forms_refuse_strangers_even_with_a_valid_token(site: Site, path: str) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    async with site.client() as client:
        csrf = await form_token(client)
        data = {"csrf": csrf, "action": "oos", "format": "csv", "what": "queries"}
        response = await client.post(path, data=data)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert await site.store.get_review(query_id) is None


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("sent", [None, "forged"])
async def test_forms_without_this_sessions_token_are_refused(
    site: Site, path: str, sent: str | None
) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    async with site.signed_in() as client:
        data = {"action": "oos", "format": "csv", "what": "queries", "confirm": "yes"}
        if sent is not None:
            data["csrf"] = sent
        response = await client.post(path.replace("/1", f"/{query_id}"), data=data)
    assert response.status_code == 403
    assert await site.store.get_review(query_id) is None


async def test_a_link_signs_in_once(site: Site) -> None:
    link = site.link(MOD_A)
    async with site.client() as client:
        page = await client.get(link)
        assert page.status_code == 200 and 'id="sign-in"' in page.text
        pressed = await sign_in(client, link)
        assert pressed.status_code == 303 and pressed.headers["location"] == "/"
        assert (await client.get("/")).status_code == 200
    async with site.client() as other:
        assert (await other.get(link)).status_code == 403
        again = await sign_in(other, link)
        assert again.status_code == 403
        assert (await other.get("/")).status_code == 303


async def test_an_expired_link_is_refused(site: Site) -> None:
    link = site.link(MOD_A)
    links = site.app.state.console.links
    real = links.clock
    links.clock = lambda: real() + LINK_TTL_S + 1
    async with site.client() as client:
        assert (await client.get(link)).status_code == 403
        assert (await sign_in(client, link)).status_code == 403
        assert (await client.get("/")).status_code == 303


async def test_a_tampered_link_is_refused(site: Site) -> None:
    link = site.link(MOD_A)
    async with site.client() as client:
        response = await sign_in(client, link[:-3] + ("abc" if link[-3:] != "abc" else "xyz"))
        assert response.status_code == 403
        assert (await client.get("/")).status_code == 303


async def test_a_link_for_someone_not_listed_is_refused(site: Site) -> None:
    async with site.client() as client:
        assert (await sign_in(client, site.link(OUTSIDER))).status_code == 403
        assert (await client.get("/inbox")).status_code == 303


@pytest.mark.parametrize(
    ("method", "path"), [("GET", p) for p in PAGES] + [("POST", p) for p in FORMS]
)
async def test_a_moderator_taken_off_the_list_is_refused_on_the_next_request(
    site: Site, method: str, path: str
) -> None:
    query_id = await log_query(site.store, "my hand is burnt")
    path = path.replace("/1", f"/{query_id}")
    async with site.signed_in(MOD_B) as client:
        page = await client.get("/inbox")
        assert page.status_code == 200
        site.moderators.discard(MOD_B)
        data = {"csrf": csrf_of(page.text), "action": "oos", "format": "csv", "what": "queries"}
        if method == "POST":
            refused = await client.post(path, data=data)
        else:
            refused = await client.get(path)
        assert refused.status_code == 303 and refused.headers["location"] == "/login"
        site.moderators.add(MOD_B)
        # The session was ended, not just paused.
        assert (await client.get("/inbox")).status_code == 303
    assert await site.store.get_review(query_id) is None


async def test_sign_in_and_out_forms_need_the_token_too(site: Site) -> None:
    link = site.link(MOD_A)
    token = link.split("token=", 1)[1]
    async with site.client() as client:
        await client.get(link)
        assert (await client.post("/sign-in", data={"token": token})).status_code == 403
        data = {"name": "alice", "password": "correct horse battery"}
        assert (await client.post("/login", data=data)).status_code == 403
        # The refused press did not spend the link.
        assert (await sign_in(client, link)).status_code == 303
        assert (await client.post("/logout", data={"csrf": "forged"})).status_code == 403
        assert (await client.get("/")).status_code == 200


async def test_session_cookie_is_secure_httponly_and_strict(site: Site) -> None:
    async with site.client() as client:
        response = await sign_in(client, site.link(MOD_A))
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie


async def test_pages_forbid_scripts_framing_and_referrers(site: Site) -> None:
    async with site.client() as client:
        response = await client.get("/login")
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "<script" not in response.text and "http://" not in response.text


def _account(settings: Settings, site: Site, moderator: int = MOD_A) -> None:
    hashed = site.store.hasher.hash(moderator)
    Accounts(settings.data_dir).add("alice", "correct horse battery", hashed)


async def _login(site: Site, client_password: str) -> int:
    async with site.client() as client:
        csrf = await form_token(client)
        data = {"csrf": csrf, "name": "alice", "password": client_password}
        response = await client.post("/login", data=data)
        return response.status_code


async def test_a_password_account_signs_in(site: Site, settings: Settings) -> None:
    _account(settings, site)
    assert await _login(site, "correct horse battery") == 303
    assert await _login(site, "wrong horse battery") == 401


async def test_logins_are_throttled_after_repeated_failures(site: Site, settings: Settings) -> None:
    _account(settings, site)
    for _ in range(MAX_FAILURES):
        assert await _login(site, "guess") == 401
    # Now even the right password is refused from this client for a while.
    assert await _login(site, "correct horse battery") == 429


async def test_an_account_of_someone_no_longer_listed_is_refused(
    site: Site, settings: Settings
) -> None:
    _account(settings, site, moderator=MOD_B)
    site.moderators.discard(MOD_B)
    assert await _login(site, "correct horse battery") == 401


async def test_a_removed_account_ends_its_sessions(site: Site, settings: Settings) -> None:
    _account(settings, site)
    async with site.client() as client:
        csrf = await form_token(client)
        data = {"csrf": csrf, "name": "alice", "password": "correct horse battery"}
        assert (await client.post("/login", data=data)).status_code == 303
        assert (await client.get("/inbox")).status_code == 200
        Accounts(settings.data_dir).remove("alice")
        assert (await client.get("/inbox")).status_code == 303


async def test_logout_ends_the_session(site: Site) -> None:
    async with site.signed_in() as client:
        page = await client.get("/")
        response = await client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert response.status_code == 303
        assert (await client.get("/")).status_code == 303


async def test_tokens_and_messages_never_reach_the_logs(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    query_id = await log_query(site.store, "my hand is burnt near the stove")
    link = site.link(MOD_A)
    async with site.client() as client:
        await sign_in(client, link)
        await sign_in(client, link)  # refused, and logged as such
        page = await client.get(f"/inbox/{query_id}")
        await client.get("/inbox", params={"q": "stove"})
        await client.post(
            f"/inbox/{query_id}",
            data={"csrf": csrf_of(page.text), "action": "unsafe", "note": "cold water only"},
        )
    token = link.split("token=", 1)[1]
    # The console's own records and its server's (the test's HTTP client logs its URLs).
    ours = ("bot", "uvicorn", "fastapi", "starlette")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] in ours)
    assert "signed in with a link" in logged
    for secret in (token, "stove", "cold water", str(MOD_A)):
        assert secret not in logged


def test_throttling_forgets_clients_whose_window_passed() -> None:
    now = [0.0]
    throttle = Throttle(max_failures=2, window_s=60, clock=lambda: now[0])
    throttle.failed("a")
    throttle.failed("a")
    assert throttle.blocked("a") and not throttle.blocked("b")
    now[0] = 61
    assert not throttle.blocked("a")
    for n in range(MAX_CLIENTS + 1):
        throttle.failed(f"10.0.{n // 256}.{n % 256}")
    now[0] = 200
    throttle.failed("late")
    assert len(throttle._failures) == 1


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "http://127.0.0.1:8080"),
        ({"console_host": "0.0.0.0", "console_port": 9000}, "http://localhost:9000"),
        ({"console_host": "::1"}, "http://[::1]:8080"),
        ({"console_url": "https://mods.example.org/console/"}, "https://mods.example.org/console"),
    ],
)
def test_links_point_at_an_address_a_browser_can_open(
    settings: Settings, overrides: dict[str, object], expected: str
) -> None:
    assert console_url(settings.model_copy(update=overrides)) == expected
