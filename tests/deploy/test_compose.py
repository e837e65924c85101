"""deploy/compose.yaml: two webhook replicas behind one proxy, sharing what must be shared."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return data


def test_two_replicas_share_the_database_the_key_and_the_webhook_secret() -> None:
    services = compose()["services"]
    bots = [services[name] for name in ("bot1", "bot2")]
    envs = [bot["environment"] for bot in bots]
    assert envs[0] == envs[1]
    env = envs[0]
    assert env["RUN_MODE"] == "webhook"
    for shared in ("DATABASE_URL", "HASH_SECRET", "WEBHOOK_SECRET", "WEBHOOK_URL"):
        assert shared in env, shared
    assert env["DATABASE_URL"].startswith("postgresql://") and "@db/" in env["DATABASE_URL"]
    # Each replica has its own data folder (heartbeat, caches): never one volume for both.
    assert bots[0]["volumes"] != bots[1]["volumes"]
    known = {name.upper() for name in Settings.model_fields}
    assert set(env) <= known, set(env) - known


def test_the_proxy_spreads_updates_over_both_replicas_on_their_webhook_port() -> None:
    env = compose()["services"]["bot1"]["environment"]
    upstreams = re.findall(r"server (\w+):(\d+)", (DEPLOY / "nginx.conf").read_text())
    assert upstreams == [("bot1", env["WEBHOOK_PORT"]), ("bot2", env["WEBHOOK_PORT"])]
    assert compose()["services"]["db"]["image"].startswith("postgres:")
