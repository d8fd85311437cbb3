"""The one place settings read the environment. Every variable is listed in .env.example."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ImproperlyConfiguredEnv(RuntimeError):
    pass


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Env:
    """Typed view of the environment; defaults give the embedded single-machine setup."""

    source: dict = field(default_factory=lambda: dict(os.environ))

    def str(self, name: str, default: str = "") -> str:
        """The variable, or `default` when it is unset or empty (as in .env.example)."""
        return self.source.get(name) or default

    def required(self, name: str) -> str:
        value = self.source.get(name, "")
        if not value:
            raise ImproperlyConfiguredEnv(f"Environment variable {name} is required in production.")
        return value

    def bool(self, name: str, default: bool = False) -> bool:
        raw = self.source.get(name)
        return default if raw is None or raw == "" else _bool(raw)

    def int(self, name: str, default: int) -> int:
        raw = self.source.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError as exc:
            raise ImproperlyConfiguredEnv(f"{name} must be an integer, got {raw!r}.") from exc

    def float(self, name: str, default: float) -> float:
        raw = self.source.get(name)
        if raw is None or raw == "":
            return default
        try:
            return float(raw)
        except ValueError as exc:
            raise ImproperlyConfiguredEnv(f"{name} must be a number, got {raw!r}.") from exc

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        raw = self.source.get(name)
        if not raw:
            return list(default or [])
        return [part.strip() for part in raw.split(",") if part.strip()]


env = Env()
