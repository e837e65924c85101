"""The first-aid corpus: one pydantic schema that every reader goes through.

Data lives in ``corpus/`` at the repository root (``matcher/_corpus`` inside an
installed wheel): one YAML file per topic under ``topics/``, the out-of-scope
bank, the emergency-contacts table and the development evaluation set.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["call", "urgent", "self"]
Audience = Literal["adult", "child", "baby", "pregnant", "older"]
KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MIN_EXAMPLES = 25


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    org: str = Field(min_length=2)
    title: str = Field(min_length=3)
    url: str = Field(pattern=r"^https://\S+$")
    year: int = Field(ge=2000, le=2100)


class Variant(_Strict):
    """Steps that differ for one audience (e.g. CPR on a baby)."""

    audience: str = Field(min_length=3)
    steps: list[str] = Field(min_length=1)


class First(_Strict):
    """The few actions that matter most in the first minute, for one audience.

    ``{number}`` in a step is the chat's emergency number. ``countries`` limits
    the block to those countries (local guidance differs, e.g. box jellyfish
    waters); empty means everywhere.
    """

    audience: Audience = "adult"
    countries: list[str] = Field(default_factory=list)
    steps: list[str] = Field(min_length=1, max_length=4)

    @field_validator("steps")
    @classmethod
    def _only_the_number_field(cls, items: list[str]) -> list[str]:
        cleaned = [" ".join(item.split()) for item in items]
        for item in cleaned:
            if (
                not item
                or "{" in item.replace("{number}", "")
                or "}" in item.replace("{number}", "")
            ):
                raise ValueError(
                    f"a first step is blank or has a field other than {{number}}: {item!r}"
                )
        return cleaned

    @field_validator("countries")
    @classmethod
    def _country_codes(cls, codes: list[str]) -> list[str]:
        if any(len(c) != 2 or not c.isalpha() or not c.isupper() for c in codes):
            raise ValueError(f"countries are ISO 3166-1 alpha-2 codes: {codes}")
        return codes


class Topic(_Strict):
    id: str = Field(pattern=KEBAB)
    title: str = Field(min_length=3)
    level: Level
    summary: str = Field(min_length=10)
    steps: list[str] = Field(min_length=1)
    variants: list[Variant] = Field(default_factory=list)
    # The first message: per audience (and country), else the first steps.
    first: list[First] = Field(default_factory=list)
    # Replaces "Call <number> now" where guidance says when to call instead
    # (a short seizure in someone with known epilepsy needs no ambulance).
    call_line: str | None = None
    do_not: list[str] = Field(default_factory=list)
    get_help: list[str] = Field(min_length=1)
    red_flags: list[str] = Field(default_factory=list)
    examples: list[str] = Field(min_length=MIN_EXAMPLES)
    sources: list[Source] = Field(min_length=1)

    @field_validator("steps", "do_not", "get_help", "red_flags", "examples")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        cleaned = [" ".join(item.split()) for item in items]
        if any(not item for item in cleaned):
            raise ValueError("items must not be blank")
        return cleaned

    @model_validator(mode="after")
    def _call_topics_cite_two_sources(self) -> Topic:
        if self.level == "call" and len(self.sources) < 2:
            raise ValueError(f"{self.id}: 'call' topics cite at least two sources")
        return self

    def document(self) -> str:
        """Title, summary and steps as one text."""
        return " ".join([f"{self.title}.", self.summary, *self.steps])

    def summary_document(self) -> str:
        """Title and summary: the positive side of training pairs (short, so cheap)."""
        return f"{self.title}. {self.summary}"


class Contact(_Strict):
    """Emergency numbers for one country (ISO 3166-1 alpha-2 code)."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    emergency: list[str] = Field(min_length=1)
    ambulance: str | None = None
    poison: str | None = None
    crisis: str | None = None
    crisis_name: str | None = None
    sources: list[str] = Field(min_length=1)


class OutOfScopeGroup(_Strict):
    category: str
    examples: list[str] = Field(min_length=1)


class EvalItem(_Strict):
    """One line of ``corpus/eval/*.jsonl``."""

    text: str = Field(min_length=1)
    topics: list[str] = Field(default_factory=list)
    emergency: bool
    oos: bool
    # How the message is written (long_story, run_on, typos, ...): figures per style.
    style: str | None = None

    @model_validator(mode="after")
    def _topics_iff_in_scope(self) -> EvalItem:
        if self.oos == bool(self.topics):
            raise ValueError(f"out-of-scope items have no topics, others need one: {self.text!r}")
        return self


class Corpus(_Strict):
    topics: list[Topic]
    out_of_scope: list[OutOfScopeGroup]
    contacts: list[Contact]
    content_hash: str
    # The language of the topics and the bank (the contacts are shared).
    lang: str = "en"

    @model_validator(mode="after")
    def _unique_ids(self) -> Corpus:
        ids = [t.id for t in self.topics]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate topic ids: {dupes}")
        return self

    def topic(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)

    @property
    def by_id(self) -> dict[str, Topic]:
        # Built once per topic list: answering reads it several times per message.
        # Keyed by the list itself because ``model_copy(update=...)`` copies the
        # cache along with the fields (a plain cached_property would go stale).
        cached = self.__dict__.get("_by_id")
        if cached is None or cached[0] is not self.topics:
            cached = (self.topics, {t.id: t for t in self.topics})
            self.__dict__["_by_id"] = cached
        mapping: dict[str, Topic] = cached[1]
        return mapping

    def oos_examples(self) -> list[str]:
        return [e for g in self.out_of_scope for e in g.examples]

    def contact(self, country: str | None) -> Contact:
        """The contacts for ``country``; the 112 fallback when unknown."""
        code = (country or "").upper()
        for c in self.contacts:
            if c.country == code:
                return c
        return FALLBACK_CONTACT


FALLBACK_CONTACT = Contact(
    country="ZZ",
    name="your country",
    emergency=["112"],
    sources=["https://digital-strategy.ec.europa.eu/en/policies/112"],
)


def default_corpus_dir() -> Path:
    """The repository's ``corpus/`` in a checkout, else ``matcher/_corpus`` in a wheel."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "corpus"
    return checkout if (checkout / "topics").is_dir() else here / "_corpus"


# LibYAML's parser where PyYAML was built with it: several times faster, and the
# corpus is a large part of `firstaid ask`'s start. Same safe
# constructors, same results (tests/test_corpus.py compares the two).
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=YAML_LOADER)  # noqa: S506 - a safe loader


def _hash_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(str(p.relative_to(root)).encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


def topics_dir(root: Path, lang: str = "en") -> Path:
    """English topics in ``topics/``, another language's in ``topics/<lang>/``."""
    return root / "topics" if lang == "en" else root / "topics" / lang


def languages(corpus_dir: Path | None = None) -> tuple[str, ...]:
    """English and every language with a topics folder, sorted."""
    root = corpus_dir or default_corpus_dir()
    found = {p.name for p in (root / "topics").iterdir() if p.is_dir() and any(p.glob("*.yaml"))}
    return tuple(sorted(found | {"en"}))


@cache
def load_corpus(corpus_dir: Path | None = None, lang: str = "en") -> Corpus:
    """Load and validate every corpus file of ``lang``; raises ``ValueError`` naming the bad file.

    Another language has its topics in ``topics/<lang>/`` (the same ids and
    schema) and its bank in ``out_of_scope.<lang>.yaml``; contacts are shared.
    """
    root = corpus_dir or default_corpus_dir()
    if not lang.isalpha():
        raise ValueError(f"not a language code: {lang!r}")
    topic_files = sorted(topics_dir(root, lang).glob("*.yaml"))
    topics = []
    for path in topic_files:
        try:
            topic = Topic.model_validate(_read_yaml(path))
        except Exception as exc:  # re-raised with the file name, which pydantic omits
            raise ValueError(f"{path}: {exc}") from exc
        if topic.id != path.stem:
            raise ValueError(f"{path}: id {topic.id!r} must match the file name")
        topics.append(topic)
    oos_path = root / ("out_of_scope.yaml" if lang == "en" else f"out_of_scope.{lang}.yaml")
    contacts_path = root / "contacts.yaml"
    oos_raw = _read_yaml(oos_path) if oos_path.exists() else []
    contacts_raw = _read_yaml(contacts_path) if contacts_path.exists() else []
    hashed = [p for p in [*topic_files, oos_path, contacts_path] if p.exists()]
    return Corpus(
        topics=topics,
        out_of_scope=[OutOfScopeGroup.model_validate(g) for g in oos_raw or []],
        contacts=[Contact.model_validate(c) for c in contacts_raw or []],
        content_hash=_hash_files(hashed, root),
        lang=lang,
    )


def load_eval(path: Path) -> list[EvalItem]:
    """Read an evaluation file in the dev-set format (one JSON object per line)."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(EvalItem.model_validate(json.loads(line)))
            except Exception as exc:
                raise ValueError(f"{path}:{n}: {exc}") from exc
    return items


def eval_dir(corpus_dir: Path | None = None, lang: str = "en") -> Path:
    """The evaluation sets of ``lang``: ``eval/`` for English, ``eval/<lang>/`` otherwise."""
    base = (corpus_dir or default_corpus_dir()) / "eval"
    return base if lang == "en" else base / lang


def dev_set_path(corpus_dir: Path | None = None, lang: str = "en") -> Path:
    return eval_dir(corpus_dir, lang) / "dev.jsonl"
