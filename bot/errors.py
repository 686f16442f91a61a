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
    """The model gave no usable answer; `reason` is one line for the card.

    `permanent` marks configuration problems (bad key, unknown model) that retrying won't fix.
    """

    def __init__(self, reason: str, *, permanent: bool = False):
        self.reason = reason
        self.permanent = permanent
        super().__init__(reason)


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
    """A preference value was rejected; the message says why, and the old value stays."""
