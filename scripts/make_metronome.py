"""Write the CPR metronome (110 a minute, OGG/Opus) that the bot sends as a voice message.

The bot writes it itself on first use (bot/metronome.py); this script is for
listening to it or shipping it with an image: ``python scripts/make_metronome.py [PATH]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot import metronome


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(metronome.FILE_NAME)
    path = metronome.write(target)
    print(f"{path}: {path.stat().st_size} bytes, {metronome.SECONDS} s at {metronome.BPM}/min")  # noqa: T201


if __name__ == "__main__":
    main()
