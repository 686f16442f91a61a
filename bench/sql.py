"""SQL per card: statements and transactions one forwarded message costs, from intake to the
card's message id, counted with SQLAlchemy event listeners on the real service and store.

Prints figures and asserts nothing: `python bench/sql.py` (also part of `bench/bot.py`).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # `python bench/sql.py`: bot/ from the clone
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import load_texts  # noqa: E402
from bot.config import DEFAULT_PROMPTS_DIR  # noqa: E402
from bot.engine.offline import OfflineEngine  # noqa: E402
from bot.models import Incoming  # noqa: E402
from bot.prompts import Prompts  # noqa: E402
from bot.service import SPLIT_MIN_CHARS, Service  # noqa: E402
from bot.store import Store  # noqa: E402

DEFAULT_DATA = REPO_ROOT / "data" / "dev_samples.jsonl"


@dataclass
class PerCard:
    statements: list[int]
    transactions: list[int]


async def count_per_card(url: str, texts: list[str]) -> PerCard:
    """Run each text as a forward (a fresh Telegram message id) through intake, draft and
    card-sent, counting what reaches the database for each."""
    store = await Store.open(url)
    service = Service(store, OfflineEngine(Prompts(DEFAULT_PROMPTS_DIR)))
    counts = {"statements": 0, "transactions": 0}

    def statement(*_args: object) -> None:
        counts["statements"] += 1

    def transaction(*_args: object) -> None:
        counts["transactions"] += 1

    sync = store.engine.sync_engine
    event.listen(sync, "before_cursor_execute", statement)
    event.listen(sync, "begin", transaction)
    result = PerCard([], [])
    try:
        for i, text in enumerate(texts, start=1):
            counts.update(statements=0, transactions=0)
            incoming = Incoming(text=text, sender_name="Sam Sender", message_id=i)
            pending = await service.intake(7, 7, incoming)
            case = await service.draft(pending)
            await service.card_sent(case, 10_000 + i)
            result.statements.append(counts["statements"])
            result.transactions.append(counts["transactions"])
    finally:
        await store.close()
    return result


def report(label: str, per: PerCard) -> str:
    return (
        f"{label:<18}statements {statistics.fmean(per.statements):.1f} mean, "
        f"{max(per.statements)} max; transactions {statistics.fmean(per.transactions):.1f} "
        f"mean, {max(per.transactions)} max ({len(per.statements)} cards)"
    )


def sqlite_report(texts: list[str]) -> str:
    short = [t for t in texts if len(t) < SPLIT_MIN_CHARS]  # a long paste waits for parts
    with tempfile.TemporaryDirectory() as tmp:
        per = asyncio.run(count_per_card(f"sqlite+aiosqlite:///{tmp}/cs.db", short))
    return report("SQL per card", per)


def main() -> int:
    print(sqlite_report(load_texts(DEFAULT_DATA)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
