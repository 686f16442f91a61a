"""Process-wide counters and one histogram, rendered as Prometheus text for /metrics.

Small on purpose: a handful of named series, labels as sorted tuples, no client library.
"""

from __future__ import annotations

import threading
from collections import defaultdict

LLM_BUCKETS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)

HELP = {
    "coldshoulder_updates_total": ("counter", "Telegram updates received"),
    "coldshoulder_webhook_rejected_total": ("counter", "Webhook requests refused (bad secret)"),
    "coldshoulder_webhook_duplicates_total": ("counter", "Redelivered updates dropped"),
    "coldshoulder_cases_total": ("counter", "Cases assessed, by category"),
    "coldshoulder_verdicts_total": ("counter", "Verdicts by the engine that made them"),
    "coldshoulder_llm_fallbacks_total": ("counter", "Cases the offline engine answered instead"),
    "coldshoulder_errors_total": ("counter", "Errors while handling updates"),
    "coldshoulder_llm_seconds": ("histogram", "Model call latency, retries included"),
}


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[tuple[str, tuple[tuple[str, str], ...]], float] = defaultdict(float)
        self._hist_counts: dict[str, list[int]] = {}
        self._hist_sum: dict[str, float] = defaultdict(float)

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        key = (name, tuple(sorted(labels.items())))
        with self._lock:
            self._counters[key] += amount

    def observe(self, name: str, seconds: float) -> None:
        with self._lock:
            counts = self._hist_counts.setdefault(name, [0] * (len(LLM_BUCKETS) + 1))
            for i, bound in enumerate(LLM_BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            counts[-1] += 1  # +Inf
            self._hist_sum[name] += seconds

    def value(self, name: str, **labels: str) -> float:
        with self._lock:
            return self._counters.get((name, tuple(sorted(labels.items()))), 0.0)

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for name, (kind, text) in HELP.items():
                lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
                if kind == "histogram":
                    counts = self._hist_counts.get(name, [0] * (len(LLM_BUCKETS) + 1))
                    for bound, count in zip(LLM_BUCKETS, counts, strict=False):
                        lines.append(f'{name}_bucket{{le="{bound}"}} {count}')
                    lines.append(f'{name}_bucket{{le="+Inf"}} {counts[-1]}')
                    lines.append(f"{name}_sum {self._hist_sum.get(name, 0.0)}")
                    lines.append(f"{name}_count {counts[-1]}")
                    continue
                series = [(k, v) for k, v in self._counters.items() if k[0] == name]
                if not series:
                    lines.append(f"{name} 0")
                for (_, labels), value in sorted(series):
                    shown = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
                    lines.append(f"{name}{{{shown}}} {value:g}" if shown else f"{name} {value:g}")
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


METRICS = Metrics()
