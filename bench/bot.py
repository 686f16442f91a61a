"""Bot end-to-end benchmark: the real `coldshoulder run` process against the fake Bot API.

Every run sets up a fresh fake Telegram server (loopback only) and a fresh SQLite file and
starts the bot as a subprocess with long polling. Two scenarios:

Offline engine. --n forwarded messages (texts from the dev samples, spread over --users
allowed chats) are injected in one burst, with COLDSHOULDER_CONCURRENT_UPDATES at
--concurrency and at 1 (sequential), both with COLDSHOULDER_TELEGRAM_RATE_LIMIT=0 so the
figures are the bot's own; a third run keeps the default limit (30 requests/s) to show the
ceiling Telegram's flood limit puts on a real deployment. Each message's latency runs from
its injection to the fake recording the sendMessage of its case card, so it includes the
time spent queued behind the rest of the burst. Cards are matched to messages per chat in
FIFO order: exact when updates are handled one at a time, an approximation with concurrency
(two drafts of one chat may finish out of order).

LLM engine. A fake OpenAI server (loopback, tests/fakes/openai.py) answers every completion
with a valid assessment after --llm-delay seconds. After one untimed warm-up forward,
--llm-forwards forwards from as many different allowed users arrive at once, with concurrent
updates on (--concurrency, COLDSHOULDER_LLM_CONCURRENCY=--llm-concurrency) and off (1). The
fake reports the peak number of completions it served at once; a card that fell back to the
offline engine says "offline draft", so cards without it are the model's.

Before those, the SQL one card costs (bench/sql.py): statements and transactions from intake
to the card's message id.

Prints figures and asserts nothing: `make bench`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "dev_samples.jsonl"

if str(REPO_ROOT) not in sys.path:  # `python bench/bot.py`: bot/ and tests/ from the clone
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import load_texts, percentile  # noqa: E402
from bench.sql import sqlite_report  # noqa: E402
from bot.service import SPLIT_MIN_CHARS  # noqa: E402
from tests import databases  # noqa: E402
from tests.e2e.helpers import TOKEN, BotProcess, card_calls, wait_until  # noqa: E402
from tests.e2e.test_webhook import Replica  # noqa: E402
from tests.fakes.openai import FakeOpenAI  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402

FIRST_USER = 2001  # allowed user ids FIRST_USER .. FIRST_USER + users - 1; chat id = user id
WARM_USER = 1999  # the LLM scenario's warm-up chat, apart from the burst's users
POLL = 0.2  # seconds between looks at the fake's call log (card times come from the fake)
LLM_POLL = 0.02  # the LLM scenario's burst lasts seconds: look more often
FALLBACK_MARK = "offline draft"  # the note on a card the offline engine answered instead

# What the fake model answers to every completion: a valid ASSESSMENT_SCHEMA object whose
# draft passes the engine's checks (no links or contacts, no prompt echo).
ASSESSMENT = {
    "category": "sales_pitch",
    "confidence": 0.9,
    "signals": [{"signal": "pitches a product", "quote": None}],
    "sender_name": "Alex",
    "their_ask": "a call",
    "language": "en",
    "generic": True,
    "draft": "Hi Alex, thanks for thinking of me, but this is not something I need. All the best.",
}


def short_texts(path: Path) -> tuple[list[str], int]:
    """The texts, each cut below SPLIT_MIN_CHARS (at a space) so none waits for a split."""
    texts, cut = [], 0
    for text in load_texts(path):
        if len(text) >= SPLIT_MIN_CHARS:
            head = text[: SPLIT_MIN_CHARS - 1]
            text, cut = (head.rsplit(None, 1)[0] if " " in head else head), cut + 1
        texts.append(text)
    return texts, cut


def card_latencies(users, sent_at, arrived, warm, started: float) -> tuple[list[float], float]:
    """Per chat, the k-th card after the warm-up answers the k-th message injected there.

    Returns the latencies and the time of the last card."""
    latencies, last = [], started
    for uid in users:
        for t_sent, card in zip(sent_at[uid], arrived[uid][warm[uid] :], strict=False):
            latencies.append(card.time - t_sent)
            last = max(last, card.time)
    return latencies, last


def peak_mib(pid: int) -> float | None:
    """VmHWM (peak resident set) of a live process, from /proc; None where there is none."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kib = next((line.split()[1] for line in status.splitlines() if line[:6] == "VmHWM:"), None)
    return int(kib) / 1024 if kib else None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a live process has used so far, from /proc; None where none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def host_cpu() -> tuple[float, float]:
    """(busy, total) jiffies over all CPUs since boot, from /proc/stat; (0, 0) where none."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return float(sum(values) - idle), float(sum(values))


def cards(fake: FakeTelegram, chats: list[int]) -> dict[int, list]:
    """Card sendMessage calls so far, per chat, in the order the fake recorded them."""
    return {chat: card_calls(fake, chat) for chat in chats}


def wait_cards(
    fake: FakeTelegram, chats: list[int], count: int, deadline: float, poll: float = POLL
) -> dict[int, list]:
    """Wait until `count` cards were sent in all (or until `deadline`); return them per chat."""
    while True:
        found = cards(fake, chats)
        if sum(map(len, found.values())) >= count or time.time() >= deadline:
            return found
        time.sleep(poll)


@dataclass
class Result:
    concurrency: int
    rate_limit: float  # COLDSHOULDER_TELEGRAM_RATE_LIMIT; 0 = off
    sent: int
    latencies: list[float]  # seconds, one per card that arrived
    wall: float  # first injection to last card (or to the timeout)
    peak_mib: float | None
    timed_out: bool


def run_once(
    texts: list[str], args: argparse.Namespace, concurrency: int, rate_limit: float
) -> Result:
    users = [FIRST_USER + i for i in range(args.users)]
    with tempfile.TemporaryDirectory(prefix="coldshoulder-bench-") as tmp:
        fake = FakeTelegram(TOKEN).start_in_thread()
        bot = BotProcess(
            fake,
            Path(tmp) / "bench.db",
            Path(tmp) / "bot.log",
            COLDSHOULDER_ALLOWED_USERS=",".join(map(str, users)),
            COLDSHOULDER_CONCURRENT_UPDATES=str(concurrency),
            COLDSHOULDER_TELEGRAM_RATE_LIMIT=str(rate_limit),
        )
        try:
            bot.start()
            assert bot.proc is not None
            # Untimed warm-up: one message per chat (first-use paths, SQLite pages), then a
            # pause so the bot's flood-control bucket is empty again when the burst starts.
            for uid, text in zip(users, itertools.cycle(texts), strict=False):
                fake.forward(uid, text)
            wait_cards(fake, users, len(users), time.time() + args.timeout)
            time.sleep(1.5)
            warm = {uid: len(calls) for uid, calls in cards(fake, users).items()}

            chats = itertools.cycle(users)
            sent_at: dict[int, list[float]] = {uid: [] for uid in users}
            started = time.time()
            # Shuffled with a fixed seed, so every chat gets a spread of texts and runs repeat.
            burst = [texts[i % len(texts)] for i in range(args.n)]
            random.Random(0).shuffle(burst)
            for text in burst:
                uid = next(chats)
                fake.forward(uid, text)
                sent_at[uid].append(time.time())
            total = sum(warm.values()) + args.n
            arrived = wait_cards(fake, users, total, started + args.timeout)
            ended = time.time()
            peak = peak_mib(bot.proc.pid)  # before stopping: /proc/<pid> goes with the process
        finally:
            bot.stop()
            fake.stop()

    latencies, last = card_latencies(users, sent_at, arrived, warm, started)
    timed_out = len(latencies) < args.n
    wall = (ended if timed_out else last) - started
    return Result(concurrency, rate_limit, args.n, latencies, wall, peak, timed_out)


@dataclass
class LLMResult:
    concurrency: int
    sent: int
    latencies: list[float]  # seconds, one per card that arrived
    wall: float  # first injection to last card (or to the timeout)
    completions: int  # chat completion requests the fake received during the burst
    max_in_flight: int  # peak completions the fake served at once during the burst
    llm_cards: int  # cards without the offline-fallback note
    timed_out: bool


def run_llm(texts: list[str], args: argparse.Namespace, concurrency: int) -> LLMResult:
    users = [FIRST_USER + i for i in range(args.llm_forwards)]
    burst = random.Random(1).sample(texts, k=len(users)) if len(texts) >= len(users) else texts
    with tempfile.TemporaryDirectory(prefix="coldshoulder-bench-") as tmp:
        fake = FakeTelegram(TOKEN).start_in_thread()
        model = FakeOpenAI(api_key="sk-bench-fake").start_in_thread()
        model.default = lambda body: replace(
            model.completion(body, ASSESSMENT, None), delay=args.llm_delay
        )
        bot = BotProcess(
            fake,
            Path(tmp) / "bench.db",
            Path(tmp) / "bot.log",
            COLDSHOULDER_ALLOWED_USERS=",".join(map(str, [WARM_USER, *users])),
            COLDSHOULDER_CONCURRENT_UPDATES=str(concurrency),
            COLDSHOULDER_LLM_CONCURRENCY=str(args.llm_concurrency),
            COLDSHOULDER_TELEGRAM_RATE_LIMIT="0",
            OPENAI_API_KEY=model.api_key,
            OPENAI_BASE_URL=model.url,
        )
        try:
            bot.start()
            # Untimed warm-up from a chat of its own: imports, the SDK's connection, SQLite.
            fake.forward(WARM_USER, texts[0])
            wait_cards(fake, [WARM_USER], 1, time.time() + args.timeout, LLM_POLL)
            warm_completions = len(model.completions)
            model.max_in_flight = 0  # nothing is in flight: the warm-up's card has been sent

            sent_at: dict[int, float] = {}
            started = time.time()
            for uid, text in zip(users, itertools.cycle(burst), strict=False):
                fake.forward(uid, text)
                sent_at[uid] = time.time()
            arrived = wait_cards(fake, users, len(users), started + args.timeout, LLM_POLL)
            ended = time.time()
            completions = len(model.completions) - warm_completions
            peak = model.max_in_flight
        finally:
            bot.stop()
            model.stop()
            fake.stop()

    # One forward per chat: its first card answers it, exactly.
    got = [calls[0] for calls in arrived.values() if calls]
    latencies = [card.time - sent_at[card.params["chat_id"]] for card in got]
    llm_cards = sum(FALLBACK_MARK not in card.params.get("text", "") for card in got)
    timed_out = len(got) < len(users)
    wall = (ended if timed_out else max((c.time for c in got), default=started)) - started
    return LLMResult(
        concurrency, len(users), latencies, wall, completions, peak, llm_cards, timed_out
    )


@dataclass
class HostedResult:
    label: str
    sent: int
    latencies: list[float]  # seconds, one per card that arrived
    wall: float  # first injection to last card (or to the timeout)
    delivered: float | None  # first injection to the burst's last 2xx webhook answer
    failed_posts: int  # webhook attempts during the burst without a 2xx answer
    peaks: list[float | None]  # VmHWM per replica, MiB
    busy: list[float | None]  # CPU seconds per replica during the burst / wall
    host_busy: float | None  # CPUs the whole machine kept busy during the burst, on average
    timed_out: bool


def postgres_problem() -> str | None:
    """Why the PostgreSQL rows cannot run (None: they can): make and drop one database."""
    with tempfile.TemporaryDirectory(prefix="coldshoulder-bench-") as tmp:
        try:
            with databases.fresh_database("postgres", Path(tmp)):
                pass
        except pytest.fail.Exception as exc:  # how fresh_database reports it
            return str(exc).splitlines()[0]
    return None


def run_hosted(
    texts: list[str], args: argparse.Namespace, kind: str, replicas: int, label: str
) -> HostedResult:
    users = [FIRST_USER + i for i in range(args.users)]
    with (
        tempfile.TemporaryDirectory(prefix="coldshoulder-bench-") as tmp,
        databases.fresh_database(kind, Path(tmp)) as url,
    ):
        fake = FakeTelegram(TOKEN).start_in_thread()
        bots: list[Replica] = []
        try:
            for i in range(replicas):
                replica = Replica(fake, url, Path(tmp), f"replica{i + 1}")
                replica.env.pop("COLDSHOULDER_STALE_AFTER")  # the default, not the tests' 2 s
                replica.env.update(
                    COLDSHOULDER_ALLOWED_USERS=",".join(map(str, users)),
                    COLDSHOULDER_TELEGRAM_RATE_LIMIT="0",
                )
                bots.append(replica.start())
            wait_until(lambda: fake.webhook_url, timeout=10)
            fake.webhook_targets = [b.target for b in bots]
            # Untimed warm-up: one forward per chat (spread over the replicas round-robin).
            for uid, text in zip(users, itertools.cycle(texts), strict=False):
                fake.forward(uid, text)
            wait_cards(fake, users, len(users), time.time() + args.timeout)
            time.sleep(0.5)
            warm = {uid: len(calls) for uid, calls in cards(fake, users).items()}
            attempts_before = len(fake.deliveries)
            cpu_before = [cpu_seconds(b.proc.pid) if b.proc else None for b in bots]
            host_before = host_cpu()

            chats = itertools.cycle(users)
            sent_at: dict[int, list[float]] = {uid: [] for uid in users}
            update_ids: set[int] = set()
            burst = [texts[i % len(texts)] for i in range(args.hosted_n)]
            random.Random(0).shuffle(burst)
            started = time.time()
            for text in burst:
                uid = next(chats)
                update_ids.add(fake.forward(uid, text)["update_id"])
                sent_at[uid].append(time.time())
            total = sum(warm.values()) + args.hosted_n
            arrived = wait_cards(fake, users, total, started + args.timeout)
            ended = time.time()
            peaks = [peak_mib(b.proc.pid) if b.proc else None for b in bots]
            cpu_after = [cpu_seconds(b.proc.pid) if b.proc else None for b in bots]
            host_after = host_cpu()
            posts = [d for d in fake.deliveries[attempts_before:] if d.update_id in update_ids]
        finally:
            for b in bots:
                b.stop()
            fake.stop()

    latencies, last = card_latencies(users, sent_at, arrived, warm, started)
    ok = [d.time for d in posts if d.ok]
    delivered = max(ok) - started if len(ok) == args.hosted_n else None
    timed_out = len(latencies) < args.hosted_n
    wall = (ended if timed_out else last) - started
    failed = sum(not d.ok for d in posts)
    busy = [
        (after - before) / (ended - started) if before is not None and after is not None else None
        for before, after in zip(cpu_before, cpu_after, strict=True)
    ]
    jiffies = host_after[1] - host_before[1]
    cpus = os.cpu_count() or 1
    host_busy = (host_after[0] - host_before[0]) / jiffies * cpus if jiffies else None
    return HostedResult(
        label, args.hosted_n, latencies, wall, delivered, failed, peaks, busy, host_busy, timed_out
    )


def fmt_ms(values: list[float], q: float | None) -> str:
    if not values:
        return "-"
    ms = sorted(v * 1000 for v in values)
    return f"{(ms[-1] if q is None else percentile(ms, q)):,.0f} ms"


def table(header: list[str], rows: list[tuple[str, list[str]]]) -> None:
    width = max(len(h) for h in header) + 2
    print(f"{'':18}" + "".join(h.ljust(width) for h in header).rstrip())
    for name, cells in rows:
        print(f"{name:18}" + "".join(c.ljust(width) for c in cells).rstrip())


def print_hosted(
    hosted: list[HostedResult], polling: list[Result], args: argparse.Namespace, problem: str | None
) -> None:
    print()
    print(
        f"hosted mode       webhook, offline engine, {args.hosted_n:,} forwards in one burst over "
        f"{args.users} chats after an untimed warm-up of one per chat; "
        "COLDSHOULDER_TELEGRAM_RATE_LIMIT=0"
    )
    print(
        "delivery          the fake posts one update at a time and waits for the 200 "
        "(the replica stores it in the inbox first), round-robin over the replicas"
    )
    print(
        "CPU               a replica's CPU time during the burst / its wall; host: all "
        "processes (bot, fake, PostgreSQL, anything else running)"
    )
    table(
        [r.label.replace(" x", ", replicas=") for r in hosted],
        [
            ("cards", [f"{len(r.latencies):,} / {r.sent:,}" for r in hosted]),
            ("cards/s", [f"{len(r.latencies) / r.wall:,.1f}" if r.wall else "-" for r in hosted]),
            (
                "wall",
                [f"{r.wall:,.1f} s" + (" (timed out)" if r.timed_out else "") for r in hosted],
            ),
            ("latency p50", [fmt_ms(r.latencies, 50) for r in hosted]),
            ("latency p99", [fmt_ms(r.latencies, 99) for r in hosted]),
            ("latency max", [fmt_ms(r.latencies, None) for r in hosted]),
            (
                "burst delivered",
                [
                    f"{r.delivered:,.1f} s ({r.sent / r.delivered:,.0f}/s)" if r.delivered else "-"
                    for r in hosted
                ],
            ),
            ("failed posts", [f"{r.failed_posts:,}" for r in hosted]),
            (
                "CPU/replica",
                [" + ".join(f"{b:.0%}" if b is not None else "?" for b in r.busy) for r in hosted],
            ),
            (
                "host CPUs busy",
                [
                    f"{r.host_busy:.1f} of {os.cpu_count()}" if r.host_busy is not None else "?"
                    for r in hosted
                ],
            ),
            (
                "peak RSS/replica",
                [" + ".join(f"{m:.0f}" if m else "?" for m in r.peaks) + " MiB" for r in hosted],
            ),
        ],
    )
    if problem:
        # The problem names the server and how to point COLDSHOULDER_TEST_POSTGRES_URL elsewhere.
        print(f"PostgreSQL rows skipped: {problem}")
    # What held each run back: a replica's CPU (the 200 waits for its busy event loop, so
    # delivery slows down with it), the whole machine, or else the serial delivery itself.
    cpus = os.cpu_count() or 1
    verdicts = []
    for r in hosted:
        busiest = max((b for b in r.busy if b is not None), default=0.0)
        if busiest >= 0.8:
            why = f"replica CPU ({busiest:.0%} of a core)"
        elif r.host_busy is not None and r.host_busy >= 0.9 * cpus:
            why = f"the machine ({r.host_busy:.1f} of {cpus} CPUs busy)"
        else:
            per_post = f", {1000 * r.delivered / r.sent:.0f} ms per POST" if r.delivered else ""
            why = f"webhook delivery (one POST at a time{per_post}; replicas {busiest:.0%} busy)"
        verdicts.append(f"{r.label}: {why}")
    best = max((len(r.latencies) / r.wall for r in polling if r.rate_limit == 0), default=None)
    versus = f"; long polling (SQLite, 1 process) made {best:,.1f} cards/s" if best else ""
    print(f"limited by        {'; '.join(verdicts)}{versus}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL with a text field")
    parser.add_argument("--n", type=int, default=500, help="forwarded messages per offline run")
    parser.add_argument(
        "--concurrency", type=int, default=32, help="COLDSHOULDER_CONCURRENT_UPDATES when on"
    )
    parser.add_argument(
        "--users", type=int, default=20, help="allowed users (= chats): offline, hosted"
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait per run")
    parser.add_argument(
        "--llm-forwards", type=int, default=50, help="LLM scenario: forwards (= users) at once"
    )
    parser.add_argument(
        "--llm-delay", type=float, default=0.3, help="LLM scenario: the fake model's seconds"
    )
    parser.add_argument(
        "--llm-concurrency", type=int, default=8, help="COLDSHOULDER_LLM_CONCURRENCY"
    )
    parser.add_argument(
        "--hosted-n", type=int, default=300, help="hosted scenario: forwards per run"
    )
    parser.add_argument(
        "--scenarios",
        default="offline,llm,hosted",
        help="comma-separated subset of offline, llm, hosted (default: all three)",
    )
    args = parser.parse_args(argv)
    chosen = {name.strip() for name in args.scenarios.split(",") if name.strip()}
    if unknown := chosen - {"offline", "llm", "hosted"}:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")

    texts, cut = short_texts(args.data)
    mean_chars = statistics.fmean(len(t) for t in texts)
    runs = []
    if "offline" in chosen:
        runs = [
            run_once(texts, args, args.concurrency, 0),
            run_once(texts, args, 1, 0),
            run_once(texts, args, args.concurrency, 30),
        ]
    llm_runs = [run_llm(texts, args, c) for c in (args.concurrency, 1)] if "llm" in chosen else []
    hosted_runs: list[HostedResult] = []
    pg_problem = None
    if "hosted" in chosen:
        hosted_runs.append(run_hosted(texts, args, "sqlite", 1, "SQLite x1"))
        pg_problem = postgres_problem()
        if pg_problem is None:
            hosted_runs.append(run_hosted(texts, args, "postgres", 1, "PostgreSQL x1"))
            hosted_runs.append(run_hosted(texts, args, "postgres", 2, "PostgreSQL x2"))

    print(
        f"bot end to end: `python -m bot run` vs fake Bot API on loopback, "
        f"{platform.python_implementation()} {platform.python_version()}, SQLite"
    )
    cut_note = f", {cut} cut below {SPLIT_MIN_CHARS:,}" if cut else ""
    data = os.path.relpath(args.data) if args.data.is_absolute() else args.data
    print(f"data              {data} ({len(texts)} texts, mean {mean_chars:.0f} chars{cut_note})")
    print("latency           injection -> card's sendMessage at the fake (includes queueing)")
    print(sqlite_report(texts))
    if runs:
        print()
        print(
            f"offline engine    {args.n:,} forwards in one burst over {args.users} chats, after an "
            f"untimed warm-up of one per chat"
        )
        print(
            "flood control     COLDSHOULDER_TELEGRAM_RATE_LIMIT: off, or the default 30 requests/s "
            "(a card costs 2: sendChatAction, sendMessage)"
        )
        header = [
            f"updates={r.concurrency} limit={f'{r.rate_limit:g}/s' if r.rate_limit else 'off'}"
            for r in runs
        ]
        table(
            header,
            [
                ("cards", [f"{len(r.latencies):,} / {r.sent:,}" for r in runs]),
                ("cards/s", [f"{len(r.latencies) / r.wall:,.1f}" if r.wall else "-" for r in runs]),
                (
                    "wall",
                    [f"{r.wall:,.1f} s" + (" (timed out)" if r.timed_out else "") for r in runs],
                ),
                ("latency p50", [fmt_ms(r.latencies, 50) for r in runs]),
                ("latency p99", [fmt_ms(r.latencies, 99) for r in runs]),
                ("latency max", [fmt_ms(r.latencies, None) for r in runs]),
                ("bot peak RSS", [f"{r.peak_mib:.1f} MiB" if r.peak_mib else "-" for r in runs]),
            ],
        )
    if llm_runs:
        print()
        print(
            f"LLM engine        {args.llm_forwards} forwards from {args.llm_forwards} users "
            f"at once, after one untimed warm-up; fake OpenAI on loopback answers in "
            f"{args.llm_delay:g} s"
        )
        print(
            f"settings          COLDSHOULDER_LLM_CONCURRENCY={args.llm_concurrency}, "
            "COLDSHOULDER_TELEGRAM_RATE_LIMIT=0"
        )
        table(
            [f"concurrent updates = {r.concurrency}" for r in llm_runs],
            [
                ("cards", [f"{len(r.latencies):,} / {r.sent:,}" for r in llm_runs]),
                ("  from the model", [f"{r.llm_cards:,}" for r in llm_runs]),
                (
                    "wall",
                    [
                        f"{r.wall:,.2f} s" + (" (timed out)" if r.timed_out else "")
                        for r in llm_runs
                    ],
                ),
                ("latency p50", [fmt_ms(r.latencies, 50) for r in llm_runs]),
                ("latency p99", [fmt_ms(r.latencies, 99) for r in llm_runs]),
                ("LLM requests", [f"{r.completions:,}" for r in llm_runs]),
                ("LLM max in flight", [f"{r.max_in_flight}" for r in llm_runs]),
            ],
        )
    if hosted_runs:
        print_hosted(hosted_runs, runs, args, pg_problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
