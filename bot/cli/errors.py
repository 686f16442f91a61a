"""Errors of the command line itself (bad input errors are bot.errors.InputError)."""

from __future__ import annotations

from bot.errors import ColdShoulderError


class ConfigError(ColdShoulderError):
    """Settings from the environment or .env do not validate."""


class EngineFailure(ColdShoulderError):
    """The engine raised on one message of a batch."""
