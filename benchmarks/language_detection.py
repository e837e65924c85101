"""Language detection on short first-aid messages: py3langid against lingua.

    .venv/bin/python benchmarks/language_detection.py

English: the dev and independent sets; Spanish: the Spanish evaluation sets
(and the Spanish topics' examples, which no detector was trained on); other
languages: the multilingual samples in tests/data/languages.jsonl. Prints
accuracy per language and per length (words), and the time per message.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matcher.corpus import eval_dir, load_corpus, load_eval  # noqa: E402
from matcher.language import OTHER_LANGUAGES, LanguageDetector  # noqa: E402


def samples() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name in ("dev", "independent"):
        out += [(i.text, "en") for i in load_eval(eval_dir() / f"{name}.jsonl")]
    es_sets = sorted(eval_dir(lang="es").glob("*.jsonl")) if eval_dir(lang="es").exists() else []
    for path in es_sets:
        out += [(i.text, "es") for i in load_eval(path)]
    if not es_sets:
        out += [(e, "es") for t in load_corpus(lang="es").topics for e in t.examples]
    extra = ROOT / "tests" / "data" / "languages.jsonl"
    if extra.exists():
        for line in extra.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out.append((row["text"], row["lang"]))
    return out


def bucket(text: str) -> str:
    n = len(text.split())
    return "1-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def run(name: str, detect: Callable[[str], str], data: list[tuple[str, str]]) -> None:
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    started = time.perf_counter()
    for text, lang in data:
        got = detect(text)
        for key in (lang if lang in ("en", "es") else "other", bucket(text)):
            right[key][0] += got == lang
            right[key][1] += 1
    ms = (time.perf_counter() - started) * 1000 / len(data)
    cells = ", ".join(f"{k} {r / n:.3f} (n={n})" for k, (r, n) in sorted(right.items()))
    print(f"{name:22s} {ms:6.2f} ms/msg  {cells}")


def main() -> None:
    data = samples()
    print(f"{len(data)} messages")
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    # lingua has no Uzbek.
    known = ("en", "es", *OTHER_LANGUAGES)
    codes = [getattr(IsoCode639_1, c.upper()) for c in known if hasattr(IsoCode639_1, c.upper())]
    lingua = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def lingua_detect(text: str) -> str:
        found = lingua.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "en"

    import py3langid

    py3langid.set_languages(["en", "es", *OTHER_LANGUAGES])

    def langid_detect(text: str) -> str:
        return str(py3langid.classify(text)[0])

    ours = LanguageDetector()
    run("lingua (21, no uz)", lingua_detect, data)
    run("py3langid (22)", langid_detect, data)
    run("ours (py3langid+rules)", lambda t: ours.detect(t).lang, data)


if __name__ == "__main__":
    main()
