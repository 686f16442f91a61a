"""An in-process Bot API: a transport for PTB's Bot that records every call and answers it.

It takes the place of PTB's HTTPXRequest (`ApplicationBuilder.request()`), as
python-telegram-bot's own tests/auxil/networking.py `OfflineRequest` does, but instead of
refusing it answers the way Telegram would, so the real Application runs unchanged:

    transport = RecordingRequest()
    app = Application.builder().token(TOKEN).request(transport).build()
    ...
    assert transport.methods() == ["sendChatAction", "sendMessage"]

It also serves files (`add_file`: getFile, then the download PTB makes through this same
transport) and fails on request (`fail_next`: a 429 with retry_after, a 400, a 500), as
Telegram does.

No network, no thread, no event loop of its own: `tests/fakes/telegram.py` is the real HTTP
server, for the bot running as a process.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from tests.fakes.html import EntityError, plain_text

BOT_ID = 123456
TOKEN = f"{BOT_ID}:TEST-token-never-real"
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Cold Shoulder",
    "username": "coldshoulder_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

# Methods whose result is plain `true`.
_TRUE_METHODS = {
    "answerCallbackQuery",
    "deleteMessage",
    "deleteWebhook",
    "readBusinessMessage",
    "sendChatAction",
    "setMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "setWebhook",
}
# Methods whose result is the Message sent or edited.
_MESSAGE_METHODS = {
    "sendMessage",
    "sendDocument",
    "sendPhoto",
    "editMessageText",
    "editMessageReplyMarkup",
}
DOWNLOAD = "download"  # the method name a file download is recorded under


@dataclass
class Call:
    """One Bot API request: its method, its parameters as Telegram receives them (JSON values;
    an upload as {"filename", "content", "mimetype"}), the `result` it was answered with,
    the HTTP `status` (not 200: a scripted failure, and `result` is None) and its time."""

    method: str
    params: dict[str, Any]
    result: Any
    status: int = 200
    at: float = field(default_factory=time.monotonic)  # when the bot made it

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard's buttons, row after row."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    @property
    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


@dataclass
class _Fault:
    method: str
    status: int
    description: str
    retry_after: int | None
    when: Callable[[dict[str, Any]], bool] | None


class RecordingRequest(BaseRequest):
    """Records every request in `calls` and answers it with a canned Bot API response."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self._faults: list[_Fault] = []
        self._time_outs: list[str] = []
        self._message_ids = itertools.count(1000)
        # getBusinessConnection answers from here: connection id -> BusinessConnection JSON.
        self.business_connections: dict[str, dict[str, Any]] = {}

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return None

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def add_file(self, file_id: str, content: bytes, file_path: str) -> None:
        """Serve `content` for `file_id`: getFile names `file_path`, the download returns it."""
        self.files[file_id] = (file_path, content)

    def fail_next(
        self,
        method: str,
        status: int,
        description: str = "",
        retry_after: int | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Answer the next call of `method` (whose params satisfy `when`) with an error."""
        description = description or (
            f"Too Many Requests: retry after {retry_after}" if status == 429 else "Error"
        )
        self._faults.append(_Fault(method, status, description, retry_after, when))

    def time_out_next(self, method: str) -> None:
        """The next call of `method` takes effect, then times out: the bot never learns that
        Telegram has it."""
        self._time_outs.append(method)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method == "GET":  # PTB downloads a file through the bot's request object too
            return self._download(url)
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        for name, (filename, content, mimetype) in (
            request_data.multipart_data if request_data else {}
        ).items():
            params[name] = {"filename": filename, "content": content, "mimetype": mimetype}
        fault = self._fault(api_method, params)
        if fault is not None:
            return self._error(
                api_method, params, fault.status, fault.description, fault.retry_after
            )
        if api_method == "getMe":
            result: Any = BOT_USER
        elif api_method == "getFile" and params["file_id"] in self.files:
            file_path, content = self.files[params["file_id"]]
            result = {
                "file_id": params["file_id"],
                "file_unique_id": f"u{params['file_id']}",
                "file_size": len(content),
                "file_path": file_path,
            }
        elif api_method == "getBusinessConnection":
            if params["business_connection_id"] not in self.business_connections:
                return self._error(
                    api_method, params, 400, "Bad Request: BUSINESS_CONNECTION_INVALID"
                )
            result = self.business_connections[params["business_connection_id"]]
        elif api_method in _TRUE_METHODS:
            result = True
        elif api_method in _MESSAGE_METHODS:
            refused = _refused_markup(params)
            if refused:
                return self._error(api_method, params, 400, refused)
            result = self._message(api_method, params)
        else:
            # Loud, so a handler calling something new shows up as a failed call, not a hang.
            return self._error(api_method, params, 400, f"not faked: {api_method}")
        self.calls.append(Call(api_method, params, result))
        if api_method in self._time_outs:
            self._time_outs.remove(api_method)
            raise TimedOut("the answer never came")
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _fault(self, api_method: str, params: dict[str, Any]) -> _Fault | None:
        for fault in self._faults:
            if fault.method == api_method and (fault.when is None or fault.when(params)):
                self._faults.remove(fault)
                return fault
        return None

    def _error(
        self,
        api_method: str,
        params: dict[str, Any],
        status: int,
        description: str,
        retry_after: int | None = None,
    ) -> tuple[int, bytes]:
        self.calls.append(Call(api_method, params, None, status))
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return status, json.dumps(body).encode()

    def _download(self, url: str) -> tuple[int, bytes]:
        """A file's bytes, by the path getFile gave (the URL ends /file/bot<token>/<path>)."""
        file_path = unquote(url).split(f"/file/bot{TOKEN}/", 1)[-1]  # PTB quotes the ":"
        self.calls.append(Call(DOWNLOAD, {"file_path": file_path}, None))
        by_path = dict(self.files.values())
        if file_path not in by_path:
            return 404, b'{"ok": false, "error_code": 404, "description": "Not Found"}'
        return 200, by_path[file_path]

    def _message(self, api_method: str, params: dict[str, Any]) -> dict[str, Any]:
        """The Message Telegram answers with: a fresh id for a new one, the same id for an edit."""
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": (
                int(params["message_id"])
                if api_method.startswith("edit")
                else next(self._message_ids)
            ),
            "date": int(time.time()),
            "chat": chat(chat_id),
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = params["text"]
        if "business_connection_id" in params:  # sent as the owner of a connected account
            message["business_connection_id"] = params["business_connection_id"]
        if api_method == "sendDocument":
            message["document"] = {
                "file_id": f"sent{message['message_id']}",
                "file_unique_id": f"usent{message['message_id']}",
                "file_name": params["document"]["filename"],
            }
        if api_method == "sendPhoto":
            message["photo"] = [
                {
                    "file_id": f"sent{message['message_id']}",
                    "file_unique_id": f"usent{message['message_id']}",
                    "width": 640,
                    "height": 480,
                }
            ]
        # Telegram echoes inline keyboards only (not reply keyboards or ForceReply).
        markup = params.get("reply_markup") or {}
        if "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message


def chat(chat_id: int) -> dict[str, Any]:
    """A chat as Telegram describes it: negative ids are groups."""
    if chat_id < 0:
        return {"id": chat_id, "type": "group", "title": "A group"}
    return {"id": chat_id, "type": "private", "first_name": "Sam"}


def _refused_markup(params: dict[str, Any]) -> str | None:
    """Telegram's 400 description for HTML it would not parse (tests/fakes/html.py)."""
    if str(params.get("parse_mode", "")).lower() != "html":
        return None
    for key in ("text", "caption"):
        try:
            plain_text(str(params.get(key) or ""))
        except EntityError as exc:
            return str(exc)
    return None
