"""One replica for ``test_reliability_replicas``: ``firstaid run``'s own path, settings
from the environment, with the hashing encoder instead of the model (none is trained
in the test suite)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import bot.bootstrap
from bot.settings import Settings
from bot.telegram import runner
from matcher import Matcher
from matcher.serving.matcher import load_matcher
from tests.fakes.encoder import HashingEncoder


def main() -> None:
    matcher = load_matcher(
        model="base", models_dir=Path(tempfile.mkdtemp()), cache_dir=None, encoder=HashingEncoder()
    )

    def build(settings: Settings, **_: Any) -> Matcher:
        return matcher

    bot.bootstrap.build_matcher = build
    runner.run(Settings(_env_file=None))  # type: ignore[call-arg]


if __name__ == "__main__":
    main()
