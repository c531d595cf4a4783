"""One frozen, typed configuration: configs/default.toml, an optional file, TANDEM_* env.

Precedence, highest first: explicit overrides (the CLI's flags), environment
variables, the ``--config`` file, configs/default.toml.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "configs"
CONFIG_DIR = Path(os.environ.get("TANDEM_CONFIG_DIR", SHIPPED_DIR))
# a company's own config dir holds what it changes; the defaults, the models and the demo it leaves out are the shipped
DEFAULT_TOML = CONFIG_DIR / "default.toml" if (CONFIG_DIR / "default.toml").exists() else SHIPPED_DIR / "default.toml"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KnowledgeConfig(_Section):
    encoder: str = "use-m3"
    encoder_process: bool = True
    encoder_processes: int = Field(2, ge=1, le=16)
    in_scope_threshold: float = 0.55
    chunk_chars: int = 600
    max_batch: int = 64
    layer: bool = True
    layer_alpha: float = 0.6
    layer_in_scope_threshold: float = 0.46
    layer_wait_s: float = 10.0
    lexical_weight: float = 0.35


class DialogueConfig(_Section):
    clarify_threshold: float = 0.45
    max_sources: int = 3
    # Where the company is at home (ISO 3166): a place elsewhere is "abroad" to the knowledge ("" for none)
    home_country: str = "FR"
    # The company's own phrases over configs/tone.toml's (its app's screens, its fraud line: see
    # configs/demo/tone.toml, used for a store that holds the demo); none: the defaults, which name none
    house_words: Path | None = None
    # Card numbers and IBANs that customers and advisors type are masked before anything is stored
    # ("[card ****6467]", "[iban]"): no transcript, note, cache or backup holds them
    mask_stored: bool = True
    # Retention: a conversation untouched for this many days is deleted with its messages, turn records and
    # handoffs, as an erasure deletes them (checked hourly; one waiting for or held by an advisor stays); 0: kept
    keep_conversations_days: float = Field(default=0, ge=0, le=36500)


class SentimentConfig(_Section):
    # The encoder behind POST /v1/analyze (an agent's or an admin's call, off the chat's hot
    # path); "" = the turn's own embedding. Turns always reuse the embedding they computed.
    analysis_encoder: str = "e5-small+minilm-onnx"


class AuthConfig(_Section):
    assertion_max_age_s: int = 600
    # How long an issued role token lasts unless the request names its own ``ttl_s``; 0: for ever.
    token_ttl_days: float = Field(default=90, ge=0, le=3650)
    # The Rasa webhook's shared secret (Rasa's action_endpoint ``token``, sent as ``?token=``, or a
    # bearer header). Unset: /webhook is open, as rasa-sdk's own server is, for a network that only
    # the Rasa server reaches.
    rasa_token: str | None = None


class Config(BaseSettings):
    """Everything a running Tandem needs to know, fixed at start."""

    model_config = SettingsConfigDict(
        env_prefix="TANDEM_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = Path("./tandem-data")
    database_url: str | None = None
    redis_url: str | None = None
    admin_token: str | None = None
    # Signs conversation, resume and customer-assertion tokens; generated and stored if unset.
    secret: str | None = None
    demo: bool = True
    log_level: str = "info"
    log_json: bool | None = None
    log_file: Path | None = None  # the same JSON lines appended to this file too (stderr still gets them)
    max_body_bytes: int = 1_048_576
    executor_threads: int = 2
    config_dir: Path = CONFIG_DIR
    knowledge: KnowledgeConfig = Field(default_factory=KnowledgeConfig)
    dialogue: DialogueConfig = Field(default_factory=DialogueConfig)
    auth: AuthConfig = Field(default_factory=AuthConfig)
    sentiment: SentimentConfig = Field(default_factory=SentimentConfig)

    def config_file(self, name: str) -> Path:
        """``name`` in the config dir, or the shipped one when a company's own dir leaves it out (``models/``, the
        ``demo/``, ``tone.toml``'s and ``escalation.toml``'s defaults). Not for what is the demo bank's own
        (``coverage.toml``, ``events.toml``, ``actions.toml``): left out, a company has none of it."""
        own = self.config_dir / name
        return own if own.exists() else SHIPPED_DIR / name

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+asyncpg://" + url.split("://", 1)[1]
            return url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'tandem.db').resolve()}"


class ConfigError(ValueError):
    """A configuration that cannot be used as written: said in one line, naming the file."""


def _read_settings(path: Path) -> dict[str, Any]:
    """A settings file's tables, every key one Tandem knows: a misspelt ``deom = false`` would load the demo bank."""
    import tomllib

    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    for key, value in raw.items():
        field = Config.model_fields.get(key)
        if field is None:
            known = ", ".join(sorted(Config.model_fields))
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {known})")
        section = field.annotation if isinstance(value, dict) else None
        if isinstance(section, type) and issubclass(section, _Section):
            for inner in value:
                if inner not in section.model_fields:
                    known = ", ".join(sorted(section.model_fields))
                    raise ConfigError(f"{path}: unknown setting {key}.{inner} (known: {known})")
    return raw


def load_config(config_file: str | Path | None = None, **overrides: Any) -> Config:
    """Read the defaults, then ``config_file``, then the environment, then ``overrides``. A ``config_dir`` that the
    file names is the company's: its own ``default.toml``, if it has one, comes between the shipped one and the file."""
    files = [DEFAULT_TOML] if DEFAULT_TOML.exists() else []
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist")
        named = _read_settings(path).get("config_dir")
        if named is not None:
            company = Path(str(named))  # as the setting itself is read: from the working directory
            if not company.is_dir():
                raise ConfigError(f"{path}: config_dir {company} does not exist")
            own = company / "default.toml"
            if own.is_file() and own.resolve() != DEFAULT_TOML.resolve():
                _read_settings(own)
                files.append(own)
        files.append(path)
    if files:
        _read_settings(files[0])  # the defaults' (a company's own when TANDEM_CONFIG_DIR names one)

    class _FromFiles(Config):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=files))

    values = {k: v for k, v in overrides.items() if v is not None}
    from pydantic import ValidationError

    try:
        config = Config.model_validate(_FromFiles(**values).model_dump())
    except ValidationError as exc:  # port = "huit", TANDEM_PORT=huit: the setting and what it should be, in one line
        said = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']} (got {e.get('input')!r})"
                         for e in exc.errors()[:3])
        where = ", ".join(str(f) for f in files[1:] or files)
        raise ConfigError(f"{where} (or a TANDEM_* variable): {said}") from None
    if not config.config_dir.is_dir():  # TANDEM_CONFIG_DIR, or the file's, mistyped: not the shipped files unsaid
        raise ConfigError(f"config_dir {config.config_dir} does not exist")
    return config
