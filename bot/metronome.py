"""The CPR metronome: clicks at 110 a minute, written as an OGG/Opus voice message.

Guidance asks for 100-120 compressions a minute; 110 sits in the middle, so a
rescuer who drifts a little either way stays in range. Telegram plays OGG/Opus
as a voice message with its own player, which keeps playing while the rescuer
has the phone on speaker. Made offline with numpy and libsndfile (soundfile);
``scripts/make_metronome.py`` writes the same file by hand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

BPM = 110
SECONDS = 150  # longer than the 2 minutes between rescuer swaps
RATE = 16_000  # a rate Opus accepts; a 1 kHz click needs no more
# libsndfile's strongest Opus compression: clicks and silence stay clear at a
# fraction of the default size, which matters on a weak mobile signal.
COMPRESSION = 1.0
CLICK_S = 0.03
CLICK_HZ = 1_000.0
FILE_NAME = f"cpr-metronome-{BPM}.ogg"


def clicks(*, bpm: int = BPM, seconds: float = SECONDS, rate: int = RATE) -> np.ndarray:
    """Mono samples in [-1, 1]: a short decaying tone at every beat."""
    total = int(seconds * rate)
    out = np.zeros(total, dtype=np.float32)
    n = int(CLICK_S * rate)
    t = np.arange(n, dtype=np.float32) / rate
    click = (np.sin(2 * np.pi * CLICK_HZ * t) * np.exp(-t / (CLICK_S / 4))).astype(np.float32)
    step = 60.0 / bpm * rate
    beat = 0
    while (start := round(beat * step)) + n <= total:
        out[start : start + n] = 0.9 * click
        beat += 1
    return out


def write(path: Path, *, bpm: int = BPM, seconds: float = SECONDS) -> Path:
    """Write the metronome to ``path`` (OGG/Opus) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    samples = clicks(bpm=bpm, seconds=seconds)
    with sf.SoundFile(
        path, "w", RATE, 1, format="OGG", subtype="OPUS", compression_level=COMPRESSION
    ) as out:
        out.write(samples)
    return path


def ensure(folder: Path) -> Path:
    """The metronome file in ``folder``, written on first use."""
    path = folder / FILE_NAME
    if not path.exists():
        tmp = path.with_suffix(".tmp.ogg")
        write(tmp)
        tmp.replace(path)
    return path
