"""The bot keeps numpy's BLAS to one thread unless the operator says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = "import bot, os, numpy; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def _run(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    done = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_importing_the_bot_limits_openblas_to_one_thread() -> None:
    assert _run(None) == "1"


def test_an_explicit_setting_wins() -> None:
    assert _run("2") == "2"
