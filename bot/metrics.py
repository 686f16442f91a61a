"""Every metric the bot exposes on /metrics, in one registry of its own (prometheus_client).

Its own registry, not the library's global one: /metrics shows exactly these, and tests can
build any number of apps in one process. Labels take only small fixed sets of values (a
category, an engine, an outcome, an outbox kind): never a user, a chat or any text.
Counters are named without `_total`; prometheus_client adds it.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
)

REGISTRY = CollectorRegistry()
# A `_created` timestamp next to every series doubles the page for nothing a dashboard reads.
disable_created_metrics()
# Memory, CPU and open files of the process, and the Python version, as operators expect.
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)

# --- updates and the webhook ---------------------------------------------------------------

UPDATES = Counter("coldshoulder_updates", "Telegram updates received", registry=REGISTRY)
ERRORS = Counter("coldshoulder_errors", "Errors while handling updates", registry=REGISTRY)
WEBHOOK_REJECTED = Counter(
    "coldshoulder_webhook_rejected", "Webhook requests refused (bad secret)", registry=REGISTRY
)
# Redeliveries, both ways they come back: Telegram sending an update again, and the recovery
# loop replaying one that was acknowledged but never finished.
WEBHOOK_DUPLICATES = Counter(
    "coldshoulder_webhook_duplicates", "Redelivered updates dropped", registry=REGISTRY
)
UPDATES_REPLAYED = Counter(
    "coldshoulder_updates_replayed",
    "Updates replayed from the inbox by the recovery loop (acknowledged, never finished)",
    registry=REGISTRY,
)

# --- cases and the engine ------------------------------------------------------------------

CASES = Counter(
    "coldshoulder_cases", "Cases assessed, by category", ["category"], registry=REGISTRY
)
VERDICTS = Counter(
    "coldshoulder_verdicts", "Verdicts by the engine that made them", ["engine"], registry=REGISTRY
)
LLM_FALLBACKS = Counter(
    "coldshoulder_llm_fallbacks", "Cases the offline engine answered instead", registry=REGISTRY
)
LLM_SECONDS = Histogram(
    "coldshoulder_llm_seconds",
    "Model call latency, retries included",
    buckets=(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0),
    registry=REGISTRY,
)
LLM_CALLS = Counter(
    "coldshoulder_llm_calls",
    "Model calls by outcome: ok, rejected (the answer failed our checks), a ModelUnavailable "
    "kind (rate_limited, timed_out, unreachable, server_failed, ...), cancelled (over the "
    "case's time budget), or error",
    ["outcome"],
    registry=REGISTRY,
)
LLM_RETRIES = Counter(
    "coldshoulder_llm_retries",
    "Transient model failures retried within a call (429, 5xx, timeouts, connection errors)",
    registry=REGISTRY,
)
CARD_SECONDS = Histogram(
    "coldshoulder_card_seconds",
    "From the handler receiving a message to its card being sent",
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0),
    registry=REGISTRY,
)

# --- the outbox ----------------------------------------------------------------------------

OUTBOX_RETRIES = Counter(
    "coldshoulder_outbox_retries",
    "Owed messages Telegram did not take, to be tried again",
    ["kind"],
    registry=REGISTRY,
)
OUTBOX_IN_DOUBT = Counter(
    "coldshoulder_outbox_in_doubt",
    "Replies whose earlier try may have reached the chat (a sender died or timed out), "
    "written into their card instead of sent again",
    registry=REGISTRY,
)
# The whole database's backlog, read when /metrics is scraped: every replica reports the same
# figure, so aggregate with max(), not sum().
OUTBOX_UNSENT = Gauge(
    "coldshoulder_outbox_unsent", "Owed messages not yet delivered", registry=REGISTRY
)
OUTBOX_OLDEST_SECONDS = Gauge(
    "coldshoulder_outbox_oldest_owed_seconds",
    "Age of the oldest owed message not yet delivered (0: none)",
    registry=REGISTRY,
)
