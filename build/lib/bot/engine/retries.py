"""When to retry a model call, and how long to wait: the server's Retry-After first."""

from __future__ import annotations

from typing import Any

import openai
from tenacity import wait_random_exponential

MAX_RETRY_AFTER = 20.0  # a server asking for a longer pause gets the offline answer instead


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, then retry-after), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue  # an HTTP date: rare; fall back to our own backoff
    return None


def transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.RateLimitError):
        hinted = retry_after(exc)
        return hinted is None or hinted <= MAX_RETRY_AFTER
    return isinstance(
        exc, openai.APITimeoutError | openai.APIConnectionError | openai.InternalServerError
    )


_backoff = wait_random_exponential(multiplier=0.5, max=8)


def wait(state: Any) -> float:
    """Honour the server's Retry-After; otherwise exponential backoff with jitter."""
    exc = state.outcome.exception() if state.outcome else None
    hinted = retry_after(exc) if exc else None
    return hinted if hinted is not None else _backoff(state)
