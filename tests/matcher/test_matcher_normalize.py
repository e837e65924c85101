"""Normalisation: encoding repair, Unicode, commands, mentions, length."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from matcher.serving.normalize import ELLIPSIS, MAX_CHARS, cap_length, normalize, tokens


def test_mojibake_is_repaired_and_the_curly_quote_kept() -> None:
    assert normalize("my childâ€™s arm is bleeding") == "my child’s arm is bleeding"


def test_nfkc_folds_full_width_and_ligatures() -> None:
    assert normalize("ＨＥＬＰ ﬁre") == "HELP fire"


def test_control_and_zero_width_characters_go_newlines_become_spaces() -> None:
    assert normalize("he is\u200b not\x00 breathing\nplease\r\nhelp") == (
        "he is not breathing please help"
    )


def test_bot_commands_are_stripped_but_slashes_in_text_survive() -> None:
    assert normalize("/start") == ""
    assert normalize("/help@FirstAidBot my son burned his hand") == "my son burned his hand"
    assert normalize("open 24/7 and/or at https://x.org/a") == "open 24/7 and/or at https://x.org/a"


def test_mentions_are_stripped_but_email_addresses_survive() -> None:
    assert normalize("@FirstAidBot nose bleeding @someone_else") == "nose bleeding"
    assert normalize("write to help@example.org") == "write to help@example.org"


def test_repeats_and_whitespace_collapse_digits_stay() -> None:
    assert normalize("  heeeelp!!!!!   1000   ml  ") == "heelp!! 1000 ml"


def test_long_stories_keep_the_head_and_the_ending() -> None:
    story = "We were at the park with the kids. " + "Then we walked on. " * 200
    text = story + "Now my dad collapsed and is not breathing"
    out = normalize(text)
    assert len(out) <= MAX_CHARS
    assert out.startswith("We were at the park")
    assert out.endswith("Now my dad collapsed and is not breathing")
    assert ELLIPSIS in out


def test_cap_cuts_at_word_boundaries() -> None:
    out = cap_length("alpha " * 50 + "omega", 60)
    assert len(out) <= 60
    assert all(word in {"alpha", "omega", "—"} for word in out.split())


@given(st.text(max_size=3000))
@example("\u00b8\u00c2\x9a")  # ftfy repairs a second layer only on the second pass
def test_normalize_is_idempotent_and_bounded(text: str) -> None:
    once = normalize(text)
    assert len(once) <= MAX_CHARS
    assert normalize(once) == once


def test_tokens_drop_apostrophes_and_lowercase() -> None:
    assert tokens("He ISN'T breathing, can’t wake him") == [
        "he",
        "isnt",
        "breathing",
        "cant",
        "wake",
        "him",
    ]
