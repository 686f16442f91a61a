"""A fake OpenAI Chat Completions API: real HTTP on loopback, so the real `openai` SDK runs on it.

    async with FakeOpenAI() as fake:                     # on the test's event loop
        client = openai.AsyncOpenAI(api_key=fake.api_key, base_url=fake.url, max_retries=0)
    fake = FakeOpenAI().start_in_thread()                # own loop, for subprocess tests
    ...; fake.stop()

Script answers with a FIFO queue, one step per chat completion request (`reply`, `fail`, `hang`,
`malformed`); when it is empty `fake.default` answers (content "ok" unless set). Read back what
the client sent through `requests` / `completions` and `wait_for_requests`; `max_in_flight` is the
peak number of requests served at once. State is guarded by one lock: any thread may use it.

Two kinds of "malformed":
  * `fake.reply("not json {")` - a valid completion whose *message content* is not JSON: what a
    model that ignores the requested format produces. The SDK returns it; your parser must cope.
  * `fake.malformed()` - the HTTP body itself is not JSON (declared application/json). The SDK
    does not wrap this: `create()` raises `json.JSONDecodeError` (a `ValueError`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from tests.fakes.server import LoopbackServer

_ERROR_DEFAULTS: dict[int, tuple[str, str, str | None]] = {  # status -> (message, type, code)
    400: ("Invalid request", "invalid_request_error", None),
    401: ("Incorrect API key provided", "invalid_request_error", "invalid_api_key"),
    403: ("You are not allowed to access this resource", "invalid_request_error", None),
    404: ("Not found", "invalid_request_error", None),
    429: ("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request. Sorry about that!",
          "server_error", None),
    503: ("The engine is currently overloaded, please try again later", "server_error", None),
}  # fmt: skip


@dataclass
class Reply:
    """One HTTP answer. A dict/list `body` is sent as JSON; str/bytes are sent verbatim."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class RecordedRequest:
    """One request as received. `headers` never hold the Authorization value (see `has_auth`)."""

    method: str
    path: str
    time: float
    headers: dict[str, str]
    has_auth: bool
    body: Any  # parsed JSON, or the raw text if it was not JSON, or None
    status: int | None = None  # set once answered


def error_body(
    status: int, message: str | None = None, *, code: str | None = None, param: str | None = None
) -> dict:
    """An OpenAI-shaped error body for `status`."""
    default_message, kind, default_code = _ERROR_DEFAULTS.get(status, ("Error", "api_error", None))
    return {
        "error": {
            "message": message or default_message,
            "type": kind,
            "param": param,
            "code": code or default_code,
        }
    }


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


Responder = Callable[[dict], "Reply | str | dict"]


class FakeOpenAI(LoopbackServer):
    def __init__(
        self, api_key: str = "sk-test", models: tuple[str, ...] = ("gpt-4o-mini", "gpt-4o")
    ) -> None:
        self.api_key = api_key
        self.models = list(models)
        self.url = ""
        self.default: Responder | Reply | str | dict = "ok"
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._queue: list[Callable[[dict], Reply]] = []
        self._reject_json_schema: int | None = 0  # rejections left; None = until turned off
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._waiters: set[asyncio.Future] = set()
        self._closed: asyncio.Event | None = None

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeOpenAI:
        self._closed = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._handle)
        app.router.add_get("/v1/models", self._handle)
        self.url = f"http://127.0.0.1:{await self.serve(app)}/v1"
        return self

    async def close(self) -> None:
        if self._closed:
            self._closed.set()  # hanging and delayed requests answer at once
        if self._runner:
            await self._runner.cleanup()

    # --- scripting (each call queues steps, consumed one per chat completion) --------------

    def reply(
        self,
        content: str | dict,
        *,
        delay: float = 0.0,
        usage: tuple[int, int] | None = None,
    ) -> None:
        """A normal completion with this message content (a dict is JSON-encoded).

        `usage` is (prompt_tokens, completion_tokens); by default roughly len/4 of each."""
        self._push(lambda body: replace(self.completion(body, content, usage), delay=delay))

    def fail(
        self,
        status: int,
        *,
        retry_after: float | str | None = None,
        retry_after_ms: float | str | None = None,
        message: str | None = None,
        code: str | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` completions fail with `status` and an OpenAI-shaped error body."""
        headers = {}
        if retry_after is not None:
            headers["retry-after"] = str(retry_after)
        if retry_after_ms is not None:
            headers["retry-after-ms"] = str(retry_after_ms)
        error = Reply(status, error_body(status, message, code=code), headers)
        for _ in range(times):
            self._push(lambda body: error)

    def hang(self, seconds: float) -> None:
        """The next completion waits `seconds`, then answers as `default` would. Other requests
        are served meanwhile. Closing the fake cuts any wait short with a 503."""
        self._push(lambda body: replace(self._respond(self.default, body), delay=seconds))

    def malformed(self, body: str = '{"id": "chatcmpl-broken", "choices": [') -> None:
        """The next completion is HTTP 200 'application/json' whose body is not JSON."""
        self._push(lambda _: Reply(200, body))

    def reject_json_schema(self, times: int | None = None) -> None:
        """Answer 400 to `response_format: {"type": "json_schema"}` requests, as some local
        servers do: the next `times` of them, or all (None) until `reject_json_schema(0)`.
        Rejections do not consume the queue; `json_object` requests are unaffected."""
        with self._lock:
            self._reject_json_schema = times

    def _push(self, step: Callable[[dict], Reply]) -> None:
        with self._lock:
            self._queue.append(step)

    def completion(
        self, request: dict, content: str | dict, usage: tuple[int, int] | None
    ) -> Reply:
        """A realistic 200 chat.completion answer to `request` (a chat completion body)."""
        text = content if isinstance(content, str) else json.dumps(content)
        if usage is None:
            prompt = json.dumps(request.get("messages", []))
            usage = (_estimate_tokens(prompt), _estimate_tokens(text))
        with self._lock:
            number = next(self._ids)
        return Reply(
            body={
                "id": f"chatcmpl-fake{number:06d}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": request.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text, "refusal": None},
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": usage[0],
                    "completion_tokens": usage[1],
                    "total_tokens": usage[0] + usage[1],
                },
                "system_fingerprint": "fp_fake",
            }
        )

    def _respond(self, responder: Responder | Reply | str | dict, body: dict) -> Reply:
        result = responder(body) if callable(responder) else responder
        return result if isinstance(result, Reply) else self.completion(body, result, None)

    # --- reading what the client sent ------------------------------------------------------

    @property
    def completions(self) -> list[dict]:
        """The JSON bodies of all chat completion requests, in order of arrival."""
        with self._lock:
            return [r.body for r in self.requests if r.path.endswith("/chat/completions")]

    def _count(self, path: str | None) -> int:
        return sum(1 for r in self.requests if path is None or r.path.endswith(path))

    async def wait_for_requests(
        self, n: int, timeout: float = 10, path: str | None = None
    ) -> list[RecordedRequest]:
        """Wait until `n` requests (to paths ending in `path`, if given) have *arrived*."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if self._count(path) >= n:
                    return list(self.requests)
                fut = asyncio.get_running_loop().create_future()
                self._waiters.add(fut)
            try:
                await asyncio.wait_for(fut, max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                with self._lock:
                    self._waiters.discard(fut)
                    if self._count(path) < n:
                        self._timed_out(n, timeout)

    def wait_for_requests_sync(
        self, n: int, timeout: float = 10, path: str | None = None
    ) -> list[RecordedRequest]:
        with self._cond:
            if not self._cond.wait_for(lambda: self._count(path) >= n, timeout):
                self._timed_out(n, timeout)
            return list(self.requests)

    def _timed_out(self, n: int, timeout: float) -> None:
        seen = [(r.method, r.path, r.status) for r in self.requests]
        raise AssertionError(f"no {n} requests within {timeout}s; requests so far: {seen}")

    def _notify(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, set()
            self._cond.notify_all()
        for fut in waiters:
            with contextlib.suppress(RuntimeError):  # RuntimeError: that loop is closed
                fut.get_loop().call_soon_threadsafe(lambda f=fut: f.done() or f.set_result(None))

    # --- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        text = await request.text()
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = text
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        record = RecordedRequest(
            request.method, request.path, time.time(), headers, "Authorization" in request.headers,
            body,
        )  # fmt: skip
        with self._lock:
            self.requests.append(record)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self._notify()
        try:
            reply = self._route(request, body)
            if reply.delay > 0 and self._closed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closed.wait(), reply.delay)
                    reply = Reply(503, error_body(503, "The fake is shutting down"))
            record.status = reply.status
            return self._http(reply)
        finally:
            with self._lock:
                self.in_flight -= 1
            self._notify()

    def _route(self, request: web.Request, body: Any) -> Reply:
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return Reply(401, error_body(401))
        if request.method == "GET":
            return Reply(body={"object": "list", "data": [self._model(m) for m in self.models]})
        if not isinstance(body, dict):
            return Reply(400, error_body(400, "We could not parse the JSON body of your request."))
        if (model := body.get("model")) not in self.models:
            message = f"The model `{model}` does not exist"
            return Reply(404, error_body(404, message, code="model_not_found"))
        with self._lock:
            schema = (body.get("response_format") or {}).get("type") == "json_schema"
            if schema and self._reject_json_schema != 0:
                if self._reject_json_schema is not None:
                    self._reject_json_schema -= 1
                message = "response_format json_schema is not supported"
                return Reply(400, error_body(400, message, param="response_format"))
            step = self._queue.pop(0) if self._queue else None
        return step(body) if step else self._respond(self.default, body)

    @staticmethod
    def _model(model_id: str) -> dict:
        return {"id": model_id, "object": "model", "created": 1700000000, "owned_by": "openai"}

    def _http(self, reply: Reply) -> web.Response:
        headers = {"x-request-id": f"req_fake{next(self._ids):06d}"} | reply.headers
        if isinstance(reply.body, dict | list):
            data: str | bytes = json.dumps(reply.body)
        else:
            data = reply.body if reply.body is not None else ""
        return web.Response(
            status=reply.status,
            body=data.encode() if isinstance(data, str) else data,
            headers=headers,
            content_type=reply.content_type,
        )
