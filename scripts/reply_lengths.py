"""Reply length per topic: the first message and the full reply, as JSON lines.

Run on any commit (where ``matcher.first`` is missing, the first message is the
whole first Telegram message, as the bot sent it then):

    python scripts/reply_lengths.py [--country GB]

Lengths are in UTF-16 code units, as Telegram counts them, of the HTML text
with its tags removed (what the reader sees).
"""

from __future__ import annotations

import argparse
import html
import json
import re

from matcher.compose import compose_topic, utf16_len
from matcher.corpus import load_corpus

_TAG = re.compile(r"<[^>]+>")


def visible(text: str) -> int:
    return utf16_len(html.unescape(_TAG.sub("", text)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--country", default=None)
    country = parser.parse_args().country
    corpus = load_corpus()
    try:
        from matcher.first import topic_first
    except ImportError:
        topic_first = None
    for topic in corpus.topics:
        chunks = compose_topic(topic.id, corpus=corpus, country=country, fmt="html")
        if topic_first is None:
            first = chunks[0]
        else:
            first = topic_first(
                topic,
                contact=corpus.contact(country),
                audience="adult",
                urgent=topic.level == "call",
                fmt="html",
            )
        row = {
            "topic": topic.id,
            "level": topic.level,
            "first": visible(first),
            "full": sum(visible(c) for c in chunks),
            "messages": len(chunks),
        }
        print(json.dumps(row))  # noqa: T201


if __name__ == "__main__":
    main()
