"""The OpenAI fake, driven by the real `openai` SDK over real HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import openai
import pytest

from tests.fakes.openai import FakeOpenAI, Reply

KEY = "sk-test-123"
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Hi, I have an exciting opportunity for you!"}]
SCHEMA = {
    "type": "json_schema",
    "json_schema": {
        "name": "verdict",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"cold": {"type": "boolean"}},
            "required": ["cold"],
            "additionalProperties": False,
        },
    },
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(api_key=KEY) as fake:
        yield fake


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[openai.AsyncOpenAI]:
    async with openai.AsyncOpenAI(
        api_key=KEY, base_url=fake.url, max_retries=0, timeout=5
    ) as client:
        yield client


async def chat(client: openai.AsyncOpenAI, **kwargs):
    return await client.chat.completions.create(**{"model": MODEL, "messages": MESSAGES} | kwargs)


async def test_scripted_replies_in_order_then_default(client, fake: FakeOpenAI) -> None:
    fake.reply({"cold": True}, usage=(120, 7))
    fake.reply("second")
    first, second, third = [await chat(client) for _ in range(3)]
    assert json.loads(first.choices[0].message.content) == {"cold": True}
    assert first.choices[0].message.role == "assistant"
    assert first.choices[0].finish_reason == "stop" and first.model == MODEL
    assert first.object == "chat.completion" and first.id.startswith("chatcmpl-")
    assert (first.usage.prompt_tokens, first.usage.completion_tokens) == (120, 7)
    assert first.usage.total_tokens == 127
    assert second.choices[0].message.content == "second"
    assert third.choices[0].message.content == "ok"  # queue empty: the default answers
    assert second.id != first.id

    fake.default = lambda body: f"echo {body['messages'][-1]['content']}"
    assert (await chat(client)).choices[0].message.content == f"echo {MESSAGES[0]['content']}"
    fake.default = Reply(503, {"error": {"message": "down", "type": "server_error"}})
    with pytest.raises(openai.InternalServerError, match="down"):
        await chat(client)


async def test_requests_are_recorded_without_the_key(client, fake: FakeOpenAI) -> None:
    await chat(client, response_format=SCHEMA, temperature=0.2)
    [record] = await fake.wait_for_requests(1)
    assert record.method == "POST" and record.path == "/v1/chat/completions"
    assert record.status == 200 and record.has_auth
    assert not {k.lower() for k in record.headers} & {"authorization"}
    assert KEY not in json.dumps(record.headers)
    assert fake.completions == [record.body]
    assert record.body["response_format"] == SCHEMA and record.body["temperature"] == 0.2
    assert record.body["messages"] == MESSAGES


async def test_rate_limit_carries_retry_after(client, fake: FakeOpenAI) -> None:
    fake.fail(429, retry_after=7, retry_after_ms=1500, times=2)
    for _ in range(2):
        with pytest.raises(openai.RateLimitError) as err:
            await chat(client)
        assert err.value.response.headers["retry-after"] == "7"
        assert err.value.response.headers["retry-after-ms"] == "1500"
        assert err.value.code == "rate_limit_exceeded" and err.value.status_code == 429
    assert (await chat(client)).choices[0].message.content == "ok"
    assert [r.status for r in fake.requests] == [429, 429, 200]


@pytest.mark.parametrize("status", [500, 503])
async def test_server_errors(client, fake: FakeOpenAI, status: int) -> None:
    fake.fail(status, message="boom")
    with pytest.raises(openai.InternalServerError, match="boom") as err:
        await chat(client)
    assert err.value.status_code == status and err.value.type == "server_error"
    assert err.value.request_id and err.value.request_id.startswith("req_")


async def test_sdk_retries_honour_retry_after_ms(fake: FakeOpenAI) -> None:
    fake.fail(429, retry_after_ms=50)
    fake.reply("after retry")
    async with openai.AsyncOpenAI(api_key=KEY, base_url=fake.url, max_retries=1) as retrying:
        resp = await chat(retrying)
    assert resp.choices[0].message.content == "after retry"
    assert len(fake.completions) == 2


async def test_hang_times_out_without_blocking_others(client, fake: FakeOpenAI) -> None:
    fake.hang(30)
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        await chat(client, timeout=0.3)
    assert time.monotonic() - started < 5
    assert (await chat(client)).choices[0].message.content == "ok"  # served meanwhile
    assert fake.in_flight == 1  # the hung request is still being "worked on"


async def test_close_ends_a_hang_promptly() -> None:
    fake = FakeOpenAI(api_key=KEY)
    await fake.start()
    fake.hang(60)
    async with openai.AsyncOpenAI(api_key=KEY, base_url=fake.url, max_retries=0) as client:
        pending = asyncio.ensure_future(chat(client))
        await fake.wait_for_requests(1)
        started = time.monotonic()
        await fake.close()
        assert time.monotonic() - started < 2
        with pytest.raises(openai.InternalServerError, match="shutting down"):
            await pending
    assert fake.in_flight == 0


async def test_wrong_key_is_rejected(fake: FakeOpenAI) -> None:
    fake.reply("not consumed")
    async with openai.AsyncOpenAI(api_key="sk-wrong", base_url=fake.url, max_retries=0) as bad:
        with pytest.raises(openai.AuthenticationError, match="Incorrect API key") as err:
            await chat(bad)
    assert err.value.code == "invalid_api_key"
    assert fake.requests[0].status == 401 and fake.requests[0].has_auth


async def test_unknown_model_and_model_list(client, fake: FakeOpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="The model `gpt-9` does not exist") as err:
        await chat(client, model="gpt-9")
    assert err.value.code == "model_not_found"
    models = [m.id async for m in client.models.list()]
    assert models == ["gpt-4o-mini", "gpt-4o"]
    assert fake.completions == [fake.requests[0].body]  # the models GET is not a completion


async def test_reject_json_schema_only(client, fake: FakeOpenAI) -> None:
    fake.reject_json_schema(times=1)
    fake.reply('{"cold": false}')
    with pytest.raises(openai.BadRequestError, match="json_schema is not supported") as err:
        await chat(client, response_format=SCHEMA)
    assert err.value.param == "response_format"
    resp = await chat(client, response_format={"type": "json_object"})
    assert resp.choices[0].message.content == '{"cold": false}'  # the queue was not consumed
    assert (await chat(client, response_format=SCHEMA)).choices[0].message.content == "ok"

    fake.reject_json_schema()  # until turned off
    for _ in range(2):
        with pytest.raises(openai.BadRequestError):
            await chat(client, response_format=SCHEMA)
    fake.reject_json_schema(0)
    await chat(client, response_format=SCHEMA)


async def test_malformed_content_and_malformed_body(client, fake: FakeOpenAI) -> None:
    fake.reply("not json {")
    resp = await chat(client, response_format={"type": "json_object"})
    with pytest.raises(json.JSONDecodeError):
        json.loads(resp.choices[0].message.content)
    fake.malformed()
    with pytest.raises(json.JSONDecodeError):
        await chat(client)


async def test_max_in_flight_counts_concurrent_requests(client, fake: FakeOpenAI) -> None:
    for i in range(5):
        fake.reply(f"r{i}", delay=0.3)
    results = await asyncio.gather(*(chat(client) for _ in range(5)))
    assert sorted(r.choices[0].message.content for r in results) == [f"r{i}" for i in range(5)]
    assert fake.max_in_flight == 5 and fake.in_flight == 0

    sem = asyncio.Semaphore(2)  # a client-side limit shows up as the peak

    async def limited() -> None:
        async with sem:
            await chat(client)

    fake.max_in_flight = 0
    for _ in range(6):
        fake.reply("x", delay=0.1)
    await asyncio.gather(*(limited() for _ in range(6)))
    assert fake.max_in_flight == 2


async def test_wait_for_requests_times_out(fake: FakeOpenAI) -> None:
    with pytest.raises(AssertionError, match="no 1 requests within"):
        await fake.wait_for_requests(1, timeout=0.1)


def test_thread_mode_with_sync_client() -> None:
    with FakeOpenAI(api_key=KEY) as fake:
        fake.reply({"cold": True})
        client = openai.OpenAI(api_key=KEY, base_url=fake.url, max_retries=0)
        resp = client.chat.completions.create(model=MODEL, messages=MESSAGES)
        assert json.loads(resp.choices[0].message.content) == {"cold": True}
        assert [r.path for r in fake.wait_for_requests_sync(1, timeout=2)] == [
            "/v1/chat/completions"
        ]
        client.close()
    idle = FakeOpenAI().start_in_thread()
    try:
        with pytest.raises(AssertionError, match="no 1 requests"):
            idle.wait_for_requests_sync(1, timeout=0.05)
    finally:
        idle.stop()
