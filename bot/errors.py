"""Domain errors. User-facing wording for them lives in one place: the caller's renderer."""


class ColdShoulderError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(ColdShoulderError):
    """The user's input cannot be used (empty, not UTF-8, malformed JSON line...)."""


class PromptError(ColdShoulderError):
    """A prompt or template file is missing or cannot be rendered."""


class MissingVariables(PromptError):
    """A template needs variables the caller did not give."""

    def __init__(self, template: str, missing: set[str]):
        self.template = template
        self.missing = missing
        super().__init__(f"{template}: missing variables {', '.join(sorted(missing))}")


class ModelUnavailable(ColdShoulderError):
    """The model gave no usable answer; `kind` says why, `details` fill the wording.

    Kinds: "bad_key", "model_not_found" (model), "rejected_request", "rate_limited",
    "timed_out", "over_budget" (seconds), "unreachable", "server_failed" (status),
    "unsafe_answer". `permanent` marks configuration problems (bad key, unknown model) that
    retrying won't fix. The words for each kind are in prompts/notes.toml [model_unavailable].
    """

    def __init__(self, kind: str, *, permanent: bool = False, **details: object):
        self.kind = kind
        self.permanent = permanent
        self.details = details
        super().__init__(kind)


class ScreenshotError(ColdShoulderError):
    """A screenshot cannot be read; `kind` says why, for the renderer's wording.

    Kinds: "too_large" (bytes or pixels over the cap), "not_an_image" (no image format we
    can decode), "no_text" (no readable message in it), "ocr_missing" (the `ocr` extra is
    not installed, or its bundled models are absent).
    """

    KINDS = frozenset({"too_large", "not_an_image", "no_text", "ocr_missing"})

    def __init__(self, kind: str, detail: str = ""):
        if kind not in self.KINDS:
            raise ValueError(f"unknown ScreenshotError kind: {kind!r}")
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


class SettingError(ColdShoulderError):
    """A preference value was rejected and the old value stays; the fields say why.

    reason: "unknown_field", "empty", "too_long" (length, limit), "unknown_language" (value),
    "link_in_signature" (value: the link found), "signature_has_link" (links can't be
    turned off). field: the setting.
    """

    def __init__(
        self,
        reason: str,
        field: str,
        *,
        value: str | None = None,
        length: int | None = None,
        limit: int | None = None,
    ):
        self.reason = reason
        self.field = field
        self.value = value
        self.length = length
        self.limit = limit
        super().__init__(f"{reason}: {field}")
