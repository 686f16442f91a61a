"""Soak test: kill -9 at random moments and a 429/500 storm; is anything lost or doubled?

The real `coldshoulder run` process polls a fake Bot API (loopback) with a fresh SQLite file.
Each of --cycles cycles starts the bot, forwards --forwards messages (each from a sender with
a unique name, so every card and reply can be traced to its case), presses Approve on cards
it has seen, sprinkles 500s and 429s over sendMessage, editMessageText and
answerCallbackQuery, and kills the process with SIGKILL after a random delay. A last,
fault-free run then lets the bot finish what it owes. Then it counts, per case:

  forwards   messages forwarded; lost = no case, or a case that never got a card
  cards      card messages sent; duplicates = cards beyond one per case
  approvals  cases whose Approve was pressed; lost = never approved, or approved with the
             reply nowhere in the chat
  replies    approved replies sent as messages of their own; duplicates = beyond one per
             case. A reply in doubt (its sender died mid-send) is written into its card
             instead: counted apart, as "in cards".

Prints figures and asserts nothing. Not part of `make test` or `make bench` (several minutes):
run `python bench/soak.py --cycles 100`.
"""

from __future__ import annotations

import argparse
import html
import itertools
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `python bench/soak.py` from a clone
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import load_texts  # noqa: E402
from bot.telegram.texts import REPLY_IN_CARD  # noqa: E402
from tests.e2e.helpers import (  # noqa: E402
    OWNER,
    TOKEN,
    BotProcess,
    callback_data,
    card_calls,
    case_id_of,
    press,
)
from tests.fakes.html import plain_text  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402

DATA = REPO_ROOT / "data" / "dev_samples.jsonl"
SYLLABLES = ["Ba", "Ce", "Di", "Fo", "Gu", "Ha", "Je", "Ki", "Lo", "Mu", "Na", "Pe", "Ri"]


def names() -> list[str]:
    """Distinct first names made of three syllables: Bacedi, Bacefo, ..."""
    return [a + b.lower() + c.lower() for a, b, c in itertools.product(SYLLABLES, repeat=3)]


def storm(fake: FakeTelegram, rng: random.Random) -> None:
    """A few failures for the coming cycle."""
    if rng.random() < 0.5:
        fake.fail_next("sendMessage", 500, times=rng.randint(1, 2), description="Internal error")
    if rng.random() < 0.5:
        fake.fail_next("sendMessage", 429, retry_after=1, times=rng.randint(1, 4))
    if rng.random() < 0.3:
        fake.fail_next("editMessageText", 500, description="Internal error")
    if rng.random() < 0.3:
        fake.fail_next("answerCallbackQuery", 500, description="Internal error")
    if rng.random() < 0.2:
        fake.fail_next("sendChatAction", 500, description="Internal error")


def delivered_cards(fake: FakeTelegram) -> list:
    """Card messages Telegram accepted (a refused send put nothing in the chat)."""
    return [c for c in card_calls(fake, OWNER) if c.status == 200]


def text_of(call) -> str:
    return html.unescape(call.params.get("text", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=20, help="kill -9 cycles")
    parser.add_argument("--forwards", type=int, default=2, help="forwards per cycle")
    parser.add_argument("--max-life", type=float, default=6.0, help="seconds before the kill")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--stale-after",
        type=float,
        default=120.0,
        help="COLDSHOULDER_STALE_AFTER for the bot; below a 429's wait, a card whose handler "
        "is still waiting is sent again by the recovery loop",
    )
    parser.add_argument("--verbose", action="store_true", help="name each lost case")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    # A killed bot drops its connections mid-request: the fake's traceback for each is noise.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    texts = load_texts(DATA)
    senders = iter(names())
    forwarded: list[str] = []  # sender first names, one per forward
    pressed: set[int] = set()  # case ids whose Approve was pressed

    with tempfile.TemporaryDirectory() as tmp, FakeTelegram(token=TOKEN) as fake:
        db, log = Path(tmp) / "soak.db", Path(tmp) / "bot.log"
        env = {"COLDSHOULDER_STALE_AFTER": str(args.stale_after)}
        started = time.monotonic()
        for _ in range(args.cycles):
            bot = BotProcess(fake, db, log, **env).start(timeout=60)
            storm(fake, rng)
            for _ in range(args.forwards):
                name = next(senders)
                origin = {"type": "hidden_user", "sender_user_name": f"{name} Soak"}
                fake.forward(OWNER, rng.choice(texts), origin=origin | {"date": 0})
                forwarded.append(name)
            deadline = time.monotonic() + rng.uniform(0.2, args.max_life)
            while time.monotonic() < deadline:
                for card in delivered_cards(fake):
                    case = case_id_of(card)
                    if case not in pressed and rng.random() < 0.7:
                        pressed.add(case)
                        press(fake, OWNER, card, f"cs1:ap:{case}")
                time.sleep(0.1)
            bot.kill()

        # A last run with no faults: everything owed should arrive now.
        bot = BotProcess(fake, db, log, **env).start(timeout=60)
        try:
            quiet_since = time.monotonic()
            seen = len(fake.calls)
            while time.monotonic() - quiet_since < 8:
                time.sleep(0.5)
                if len(fake.calls) != seen:
                    seen, quiet_since = len(fake.calls), time.monotonic()
            rows = bot.rows("select id, sender_name, status, approved_text from cases")
            owed = {
                r[0]: r[1:]
                for r in bot.rows("select case_id, sent_at, attempts, last_error from outbox")
            }
        finally:
            bot.stop()
        wall = time.monotonic() - started

        cards = delivered_cards(fake)
        replies = [
            c
            for c in fake.calls_to("sendMessage")
            if c.status == 200
            and c.params.get("chat_id") == OWNER
            and not any(d.startswith("cs1:") for d in callback_data(c))
        ]
        by_sender = {
            (sender or "").split()[0]: (cid, status, text) for cid, sender, status, text in rows
        }
        lost_forwards = dup_cards = 0
        for name in forwarded:
            found = by_sender.get(name)
            shown = [c for c in cards if f"{name} Soak" in text_of(c)]
            if found is None or not shown:
                lost_forwards += 1
            dup_cards += max(0, len(shown) - 1)
        lost_approvals = dup_replies = approved = sent = in_cards = 0
        # Cases whose approved replies read the same (a draft with no name in it) share their
        # replies: each text is owed as many times as cases approved it.
        by_text: dict[str, list[int]] = {}
        for cid, status, text in by_sender.values():
            if cid not in pressed:
                continue
            if status != "approved" or not text:
                lost_approvals += 1
                continue
            approved += 1
            by_text.setdefault(text.strip(), []).append(cid)
        # Cards the bot wrote a reply into, as the chat shows them at the end.
        in_card = plain_text(REPLY_IN_CARD)
        held = [m["text"] for m in fake.messages(OWNER) if m["text"].startswith(in_card)]
        for text, cids in by_text.items():
            # A long reply comes as a <pre> block with a hint: look for the text inside.
            got = [c for c in replies if text in text_of(c)]
            sent += len(got)
            carded = sum(text in h for h in held)
            in_cards += carded
            missing = max(0, len(cids) - len(got) - carded)
            lost_approvals += missing
            if missing and args.verbose:
                print(f"cases {cids}: approved, {len(got)} replies; outbox {owed.get(cids[0])}")
            dup_replies += max(0, len(got) - len(cids))

    print(f"soak: {args.cycles} kill -9 cycles, seed {args.seed}, {wall:.0f} s")
    print(f"forwards        {len(forwarded)} (lost {lost_forwards})")
    print(f"cards           {len(cards)} (duplicates {dup_cards})")
    print(f"approvals       {len(pressed)} pressed, {approved} approved (lost {lost_approvals})")
    print(f"replies         {sent} (duplicates {dup_replies}), {in_cards} in cards")
    faults = sum(1 for c in fake.calls if c.status != 200)
    print(f"faults served   {faults} (500s and 429s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
