"""An in-process Bot API: a transport for PTB's Bot that records every call and answers it.

It takes the place of PTB's HTTPXRequest (`ApplicationBuilder.request()`), as
python-telegram-bot's own tests/auxil/networking.py `OfflineRequest` does, but instead of
refusing it answers the way Telegram would, so the real Application runs unchanged:

    transport = RecordingRequest()
    app = Application.builder().token(TOKEN).request(transport).build()
    ...
    assert transport.methods() == ["sendChatAction", "sendMessage"]

No network, no thread, no event loop of its own: `tests/fakes/telegram.py` is the real HTTP
server, for the bot running as a process.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from telegram.request import BaseRequest, RequestData

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
    "sendChatAction",
    "setMyCommands",
    "setWebhook",
}
# Methods whose result is the Message sent or edited.
_MESSAGE_METHODS = {"sendMessage", "editMessageText", "editMessageReplyMarkup"}


@dataclass
class Call:
    """One Bot API request: its method, its parameters as Telegram receives them (JSON values)
    and the `result` it was answered with."""

    method: str
    params: dict[str, Any]
    result: Any

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard's buttons, row after row."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    @property
    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


class RecordingRequest(BaseRequest):
    """Records every request in `calls` and answers it with a canned Bot API response."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._message_ids = itertools.count(1000)

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
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        if api_method == "getMe":
            result: Any = BOT_USER
        elif api_method in _TRUE_METHODS:
            result = True
        elif api_method in _MESSAGE_METHODS:
            result = self._message(api_method, params)
        else:
            # Loud, so a handler calling something new shows up as a failed call, not a hang.
            self.calls.append(Call(api_method, params, None))
            body = {"ok": False, "error_code": 400, "description": f"not faked: {api_method}"}
            return 400, json.dumps(body).encode()
        self.calls.append(Call(api_method, params, result))
        return 200, json.dumps({"ok": True, "result": result}).encode()

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
