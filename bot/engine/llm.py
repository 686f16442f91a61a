"""The LLM engine: one structured Chat Completions call per case, through the openai SDK.

The message is untrusted: it travels in a delimited block at the end of the prompt and the
answer is checked (schema, length, no invented links or contacts, no prompt echo) before
anyone sees it. Retries belong to tenacity, not the SDK; when the model cannot answer, the
offline engine does and the card says why in one line.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import time
from typing import Any

import openai
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
)

from bot import metrics
from bot.config import Settings
from bot.engine import injection, retries
from bot.engine.llm_output import (
    ASSESSMENT_SCHEMA,
    DRAFT_SCHEMA,
    MAX_SIGNALS,
    AssessmentOut,
    DraftOut,
)
from bot.engine.offline import OfflineEngine
from bot.errors import ModelUnavailable
from bot.models import (
    Assessment,
    Category,
    Draft,
    Incoming,
    Preferences,
    Signal,
    Tone,
    Usage,
    Verdict,
)
from bot.prompts import Prompts
from bot.text import contacts
from bot.text.language import name as language_name

log = logging.getLogger(__name__)

ENGINE_NAME = "llm"
MAX_ATTEMPTS = 3  # per call, transient failures only
MAX_TOTAL_WAIT = 60.0  # seconds of retrying before the offline engine takes over
MAX_EXAMPLES = 3  # learned replies shown to the model as "how I write"
OPEN, CLOSE = "<<<MESSAGE", "MESSAGE>>>"

STATIC_FILES = ["llm/system.md", *(f"tones/{t.value}.md" for t in Tone), "llm/examples.md"]
CASE_FILES = [
    "llm/user.md",
    "llm/redraft.md",
    "llm/correction.md",
    "llm/preferences.md",
    "notes.toml",
]


class InvalidOutput(Exception):
    """The model answered, but not with something we may show."""


class LLMEngine:
    name = ENGINE_NAME

    def __init__(
        self,
        settings: Settings,
        prompts: Prompts,
        offline: OfflineEngine,
        client: AsyncOpenAI | None = None,
    ):
        prompts.require(STATIC_FILES + CASE_FILES)
        self.prompts = prompts
        self.offline = offline
        self.model = settings.model
        self.vision = settings.vision
        self.client = client or AsyncOpenAI(
            api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else "",
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout,
            max_retries=0,  # tenacity owns retries
        )
        self.concurrency = settings.llm_concurrency
        self.budget = settings.case_budget
        self._slots = asyncio.Semaphore(self.concurrency)
        self.structured = True  # json_schema until a server says it can't
        # A configuration problem: stop calling the model. `broken` says it in words (health).
        self._broken: ModelUnavailable | None = None
        self.broken: str | None = None
        self._broken_reported = False
        self.static_prompt = "\n\n".join(prompts.text(name).strip() for name in STATIC_FILES)
        self._echo_probes = _probes(prompts.text("llm/system.md"))

    async def aclose(self) -> None:
        await self.client.close()
        await self.offline.aclose()

    # --- the engine interface -------------------------------------------------------------

    async def verdict(
        self, incoming: Incoming, prefs: Preferences, tone: Tone | None = None
    ) -> Verdict:
        """Assess and draft in one call; the offline verdict is the fallback and the check."""
        offline = await self.offline.verdict(incoming, prefs, tone)
        user = self.prompts.render(
            "llm/user.md",
            preferences=self._preferences(prefs, tone, None),
            avoid="none",
            message=_fence(incoming.text),
        )
        image = incoming.image if self.vision else None
        try:
            out, usage = await self._ask(
                user, ASSESSMENT_SCHEMA, AssessmentOut, incoming, prefs, image=image
            )
        except ModelUnavailable as exc:
            return self._fallback(offline, exc)
        assessment = self._assessment(out, incoming, offline.assessment)
        chosen = tone or prefs.tone_for(assessment.category)
        draft = Draft(
            tone=chosen,
            text=_sign(out.draft, prefs),
            engine=self.name,
            usage=usage,
        )
        return Verdict(
            assessment=assessment,
            draft=draft,
            engine=self.name,
            note=self._disagreement(assessment.category, offline.assessment.category),
        )

    async def redraft(
        self,
        incoming: Incoming,
        assessment: Assessment,
        tone: Tone,
        prefs: Preferences,
        variant: int | None = None,
        avoid: str | None = None,
    ) -> Draft:
        """A new draft for a fixed assessment: Regenerate (with `avoid`) or a tone change."""
        user = self.prompts.render(
            "llm/redraft.md",
            assessment=_assessment_block(assessment),
            tone=tone.value,
            preferences=self._preferences(prefs, tone, assessment.category),
            avoid=avoid or "none",
            message=_fence(incoming.text),
        )
        try:
            out, usage = await self._ask(user, DRAFT_SCHEMA, DraftOut, incoming, prefs)
        except ModelUnavailable as exc:
            fallback = await self.offline.redraft(incoming, assessment, tone, prefs, variant)
            return fallback.model_copy(update={"note": self._fallback_note(exc)})
        return Draft(tone=tone, text=_sign(out.draft, prefs), engine=self.name, usage=usage)

    # --- one checked call -----------------------------------------------------------------

    async def _ask(
        self,
        user: str,
        schema: dict[str, Any],
        parse: type[BaseModel],
        incoming: Incoming,
        prefs: Preferences,
        image: bytes | None = None,
    ) -> tuple[Any, Usage]:
        """Call, validate, and on a bad answer ask once more with the reason."""
        if self._broken:
            raise self._broken
        content: Any = user
        if image is not None:
            # The screenshot rides along in the same call; the OCR text in the block stays as
            # a reading to check against, and is what the offline fallback uses.
            content = [
                {"type": "text", "text": user},
                {"type": "image_url", "image_url": {"url": _data_uri(image)}},
            ]
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.static_prompt},
            {"role": "user", "content": content},
        ]
        try:
            # The case's whole time budget, waiting for a free slot included.
            async with asyncio.timeout(self.budget):
                return await self._ask_checked(messages, schema, parse, incoming, prefs)
        except TimeoutError:
            raise ModelUnavailable("over_budget", seconds=f"{self.budget:g}") from None

    async def _ask_checked(
        self,
        messages: list[dict[str, Any]],
        schema: dict[str, Any],
        parse: type[BaseModel],
        incoming: Incoming,
        prefs: Preferences,
    ) -> tuple[Any, Usage]:
        usage = Usage()
        async with self._slots:
            for attempt in range(2):
                started, outcome = time.monotonic(), "error"
                try:
                    content, spent = await self._complete(messages, schema)
                    usage = usage + spent
                    checked = self._check(content, parse, incoming, prefs)
                    outcome = "ok"
                    return checked, usage
                except ModelUnavailable as exc:
                    outcome = exc.kind
                    raise
                except asyncio.CancelledError:
                    outcome = "cancelled"  # over the case's budget, or shutting down
                    raise
                except InvalidOutput as exc:
                    outcome = "rejected"
                    log.warning("model output rejected (attempt %d): %s", attempt + 1, exc)
                    problem = str(exc)
                finally:
                    metrics.LLM_SECONDS.observe(time.monotonic() - started)
                    metrics.LLM_CALLS.labels(outcome=outcome).inc()
                messages += [
                    {"role": "assistant", "content": content},
                    {
                        "role": "user",
                        "content": self.prompts.render("llm/correction.md", problem=problem),
                    },
                ]
        raise ModelUnavailable("unsafe_answer")

    async def _complete(
        self, messages: list[dict[str, Any]], schema: dict[str, Any]
    ) -> tuple[str, Usage]:
        """One completion with retries; maps SDK errors to ModelUnavailable."""
        try:
            return await self._with_retries(messages, schema)
        except openai.BadRequestError as exc:
            if self.structured and _rejects_json_schema(exc):
                # Some local servers can't do json_schema; json_object plus our own
                # validation does the same job. Remember, so it costs one request once.
                log.warning("server rejected json_schema; using json_object from now on")
                self.structured = False
                return await self._complete(messages, schema)
            raise ModelUnavailable("rejected_request") from exc
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise self._break(ModelUnavailable("bad_key", permanent=True)) from exc
        except openai.NotFoundError as exc:
            raise self._break(
                ModelUnavailable("model_not_found", permanent=True, model=repr(self.model))
            ) from exc
        except openai.RateLimitError as exc:
            raise ModelUnavailable("rate_limited") from exc
        except openai.APITimeoutError as exc:
            raise ModelUnavailable("timed_out") from exc
        except openai.APIConnectionError as exc:
            raise ModelUnavailable("unreachable") from exc
        except openai.APIStatusError as exc:
            raise ModelUnavailable("server_failed", status=exc.status_code) from exc

    async def _with_retries(
        self, messages: list[dict[str, Any]], schema: dict[str, Any]
    ) -> tuple[str, Usage]:
        response_format = (
            {"type": "json_schema", "json_schema": schema}
            if self.structured
            else {"type": "json_object"}
        )
        retrying = AsyncRetrying(
            stop=stop_after_attempt(MAX_ATTEMPTS) | stop_after_delay(MAX_TOTAL_WAIT),
            wait=retries.wait,
            retry=retry_if_exception(retries.transient),
            before_sleep=lambda _state: metrics.LLM_RETRIES.inc(),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                response = await self.client.chat.completions.create(
                    model=self.model,
                    messages=messages,
                    response_format=response_format,
                )
        choice = response.choices[0] if response.choices else None
        content = (choice.message.content if choice else None) or ""
        spent = Usage(
            prompt_tokens=getattr(response.usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(response.usage, "completion_tokens", 0) or 0,
        )
        return content, spent

    def _check(
        self, content: str, parse: type[BaseModel], incoming: Incoming, prefs: Preferences
    ) -> Any:
        """Schema, length, contacts and echo; raises InvalidOutput with a reason to pass on."""
        try:
            out = parse.model_validate(json.loads(content))
        except json.JSONDecodeError:
            raise InvalidOutput("the answer was not valid JSON") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "answer"
            raise InvalidOutput(f"{where}: {first['msg']}") from None
        # Links the user lists in their profile are theirs to share, if they said so.
        allowed = (prefs.profile or "").lower() if prefs.share_links else ""
        for found in contacts.find_all(out.draft):
            if found.lower() not in allowed:
                raise InvalidOutput(
                    f"the draft contains {found!r}; drafts must not contain links, "
                    "e-mail addresses or phone numbers that are not in the user's profile"
                )
        lowered = out.draft.lower()
        if (
            OPEN.lower() in lowered
            or CLOSE.lower() in lowered
            or any(probe in lowered for probe in self._echo_probes)
        ):
            raise InvalidOutput("the draft repeats the instructions; write only the reply")
        return out

    # --- pieces ---------------------------------------------------------------------------

    def _assessment(
        self, out: AssessmentOut, incoming: Incoming, offline: Assessment
    ) -> Assessment:
        signals = [
            # A quote that is not the message's own words is no evidence: drop the quote.
            Signal(signal=s.signal.strip(), quote=_verbatim(s.quote, incoming.text))
            for s in out.signals
        ]
        category, confidence = out.category, out.confidence
        steering = injection.find(incoming.text)
        if steering is not None:
            if not any(s.signal == injection.SIGNAL_NAME for s in signals):
                signals = [steering, *signals][:MAX_SIGNALS]
            category, confidence = Category.scam, max(confidence, 0.75)
        first_name = (incoming.sender_name or out.sender_name or "").strip().split()
        return Assessment(
            category=category,
            confidence=confidence,
            signals=signals,
            generic=out.generic and category.is_cold,
            sender_name=first_name[0] if first_name else None,
            offer=offline.offer,
            ask=out.their_ask,
            language=out.language,
        )

    def _preferences(self, prefs: Preferences, tone: Tone | None, category: Category | None) -> str:
        if tone is not None:
            tone_rule = f"write the draft in the {tone.value} tone"
        else:
            overrides = "".join(
                f"; for {c.value} use {t.value}" for c, t in sorted(prefs.category_tones.items())
            )
            tone_rule = (
                f"for cold messages use the {prefs.cold_tone.value} tone{overrides}; "
                f"for genuine messages use {prefs.tone_for(Category.genuine).value}"
            )
        # The two or three most recent, preferring this category's when it is known.
        examples = (prefs.examples_for(category) if category else []) or prefs.examples
        shown = "\n".join(f"- ({e.category.value}) {e.text}" for e in examples[:MAX_EXAMPLES])
        return self.prompts.render(
            "llm/preferences.md",
            tone=tone_rule,
            style=prefs.style or "none",
            profile=prefs.profile or "none",
            language=language_name(prefs.language)
            if prefs.language
            else "the language of the message",
            links="allowed, but only ones in the profile" if prefs.share_links else "none",
            examples=shown or "none yet",
        )

    def _fallback(self, offline: Verdict, exc: ModelUnavailable) -> Verdict:
        return offline.model_copy(update={"note": self._fallback_note(exc)})

    def _fallback_note(self, exc: ModelUnavailable) -> str:
        if exc.permanent:
            # A bad key or model name is said once, plainly; after that, briefly.
            if self._broken_reported:
                return self.prompts.note("model.fallback_repeat")
            self._broken_reported = True
        return self.prompts.note("model.fallback", reason=self._reason(exc))

    def _reason(self, exc: ModelUnavailable) -> str:
        return self.prompts.note(f"model_unavailable.{exc.kind}", **exc.details)

    def _break(self, exc: ModelUnavailable) -> ModelUnavailable:
        """Remember a configuration problem, so no further call is made."""
        self._broken, self.broken = exc, self._reason(exc)
        return exc

    def _disagreement(self, model: Category, offline: Category) -> str | None:
        if model.is_cold == offline.is_cold:
            return None
        if offline.is_cold:
            reading = self.prompts.note("model.read_as_cold", label=offline.label)
        else:
            reading = self.prompts.note("model.read_as_genuine")
        return self.prompts.note("model.disagreement", reading=reading)


def _fence(text: str) -> str:
    """The message for the block between our markers (the templates hold the markers), with
    any copy of them removed so the message cannot close its own block."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def _data_uri(image: bytes) -> str:
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode()}"


def _verbatim(quote: str | None, text: str) -> str | None:
    return quote if quote and quote in text else None


def _sign(text: str, prefs: Preferences) -> str:
    signature = (prefs.signature or "").strip()
    return f"{text.strip()}\n\n{signature}" if signature else text.strip()


def _assessment_block(a: Assessment) -> str:
    return (
        f"category: {a.category.value}\n"
        f"sender first name: {a.sender_name or 'unknown'}\n"
        f"what they ask: {a.ask or 'unclear'}\n"
        f"language: {a.language}"
    )


def _probes(system: str) -> list[str]:
    """Sentences of the system prompt long enough that a draft would not contain them by luck."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", system)
    return [s.strip().lower() for s in sentences if len(s.strip()) >= 60]


def _rejects_json_schema(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "json_schema" in text or "response_format" in text
