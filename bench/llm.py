"""LLM prompt size: the static, cacheable prefix against the per-case part of each request.

For every message of the data file the real LLMEngine builds the request it would send for a
fresh case (default preferences, as for a new user). Its OpenAI client is configured with a
dummy key and a 127.0.0.1 base URL, and its HTTP transport is an in-process httpx
MockTransport that records each request body and answers 400, so nothing leaves the process
and the engine falls back to its offline verdict. The figures therefore come from the exact
bytes the SDK would put on the wire; no prompt is rebuilt here. Token counts are an estimate
(characters / 4), not a tokenizer's. Prints figures and asserts nothing: `make bench`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

import httpx
from openai import AsyncOpenAI

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "dev_samples.jsonl"

if str(REPO_ROOT) not in sys.path:  # `python bench/llm.py` from a clone without install
    sys.path.insert(0, str(REPO_ROOT))

from bench.common import load_texts, percentile  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.engine import make_offline_engine  # noqa: E402
from bot.engine.llm import LLMEngine  # noqa: E402
from bot.models import Incoming, Preferences  # noqa: E402

DUMMY_KEY = "sk-bench-not-a-key"
DUMMY_URL = "http://127.0.0.1:9/v1"  # never contacted: the transport below answers in-process
CHARS_PER_TOKEN = 4


def tokens(chars: float) -> float:
    return chars / CHARS_PER_TOKEN


async def capture(texts: list[str]) -> list[dict]:
    """The chat completion bodies the engine sends for a fresh case of each text."""
    bodies: list[dict] = []

    def record(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        # A plain 400: the engine maps it to ModelUnavailable and answers offline; no retry.
        error = {"message": "captured by bench/llm.py", "type": "invalid_request_error"}
        return httpx.Response(400, json={"error": error})

    settings = Settings(_env_file=None, OPENAI_API_KEY=DUMMY_KEY, OPENAI_BASE_URL=DUMMY_URL)
    offline = make_offline_engine(settings)
    client = AsyncOpenAI(
        api_key=DUMMY_KEY,
        base_url=settings.openai_base_url,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(record)),
    )
    engine = LLMEngine(settings, offline.prompts, offline, client=client)
    try:
        for text in texts:
            await engine.verdict(Incoming(text=text, source="forward"), Preferences())
    finally:
        await engine.aclose()
    if len(bodies) != len(texts):
        raise SystemExit(f"captured {len(bodies)} requests for {len(texts)} messages")
    return bodies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL with a text field")
    args = parser.parse_args(argv)

    texts = load_texts(args.data)
    bodies = asyncio.run(capture(texts))

    systems = {b["messages"][0]["content"] for b in bodies}
    schemas = {json.dumps(b["response_format"], separators=(",", ":")) for b in bodies}
    static = next(iter(systems))
    schema = next(iter(schemas))
    user_parts = sorted(len(b["messages"][1]["content"]) for b in bodies)
    text_parts = sorted(len(t) for t in texts)
    shares = sorted(len(static) / (len(static) + n) for n in user_parts)
    total_static = len(static) * len(bodies)
    total_case = sum(user_parts)

    data = os.path.relpath(args.data) if args.data.is_absolute() else args.data
    print("LLM prompt size: the requests LLMEngine.verdict() sends (captured in-process)")
    print(f"data              {data} ({len(texts)} messages, default preferences)")
    print(
        f"tokens            estimated as characters / {CHARS_PER_TOKEN} (no tokenizer); "
        "real counts vary by model and language"
    )
    same = "identical in every request" if len(systems) == 1 else f"{len(systems)} variants!"
    print(
        f"static prefix     system message: {len(static):,} chars, ~{tokens(len(static)):,.0f} "
        f"tokens ({same})"
    )
    same = "identical in every request" if len(schemas) == 1 else f"{len(schemas)} variants!"
    print(
        f"response schema   response_format: {len(schema):,} chars, ~{tokens(len(schema)):,.0f} "
        f"tokens ({same})"
    )

    header = ["min", "p50", "p99", "max"]
    rows = [
        ("user message", user_parts),
        ("  of it the text", text_parts),
    ]
    print(f"{'per case':18}{'':8}" + "".join(h.rjust(10) for h in header))
    for name, values in rows:
        picks = [values[0], percentile(values, 50), percentile(values, 99), values[-1]]
        print(f"{name:18}{'chars':8}" + "".join(f"{v:>10,}" for v in picks))
        print(f"{'':18}{'~tokens':8}" + "".join(f"{tokens(v):>10,.0f}" for v in picks))
    picks = [shares[0], percentile(shares, 50), percentile(shares, 99), shares[-1]]
    print(f"{'prefix share':18}{'':8}" + "".join(f"{s:>10.0%}" for s in picks))
    print(
        f"{'whole data set':18}{total_static / (total_static + total_case):.0%} of all prompt "
        f"characters ({total_static + total_case:,}) are the static prefix"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
