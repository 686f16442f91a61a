"""Logging set-up that keeps secrets out of every log line."""

from __future__ import annotations

import logging


class RedactSecrets(logging.Filter):
    """Replaces each secret with `***` in the final message (HTTP client logs carry the token
    in request URLs)."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks are formatted later; scrub the exception text they will print.
            exc = record.exc_info[1]
            text = str(exc)
            if any(secret in text for secret in self.secrets):
                record.exc_text = None
                for secret in self.secrets:
                    text = text.replace(secret, "***")
                exc.args = (text,)
        return True


def setup_logging(secrets: list[str], level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Bot API URLs contain the token. The openai client
    # may use its successor, httpx2, which logs the same way.
    for name in ("httpx", "httpx2"):
        logging.getLogger(name).setLevel(logging.WARNING)
