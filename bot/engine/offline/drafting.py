"""Offline reply drafting: pick a template from prompts/offline/<category>/<tone>.txt and fill it.

Each template file holds several variants separated by lines of `---`. A variant is eligible
when every $slot it uses has a value for this message (a variant mentioning $offer is skipped
when we do not know what they offered). Among the eligible variants the choice is
deterministic: a stable hash of the message text when the caller gives no variant, and
`eligible[variant % len(eligible)]` when it does, so Regenerate (previous + 1) always moves on.

Slot values come from the classifier, which reads untrusted text, so they are cleaned before
they reach a draft: whitespace collapsed, links, e-mail addresses, phone numbers and handles
removed, length capped. The phrases are expected from the reply's point of view, as the
classifiers write them ("feedback on your product"), and are quoted as they are.

Layout of prompts/offline/:
    <category>/<tone>.txt   reply bodies; slots: $greeting $name $offer $ask $closing
    greetings/<tone>.txt    "Hi $name," style lines; variants without $name serve nameless senders
    closings/<tone>.txt     one-sentence good wishes used by cold, non-scam, bodies via $closing
"""

from __future__ import annotations

import hashlib
import re
from string import Template

from bot.engine.offline.voice import own_wording
from bot.errors import PromptError
from bot.models import Assessment, Category, Draft, Preferences, Tone
from bot.preferences import profile_line
from bot.prompts import Prompts, render, slots
from bot.text import contacts, names

ENGINE_NAME = "offline"
OFFLINE_DIR = "offline"

MAX_DRAFT_WORDS = 90  # body including greeting, excluding the user's signature
MAX_SLOT_CHARS = 60  # an offer or ask longer than this is cut at a clause or dropped
MIN_VARIANTS = 3  # per category x tone file
MIN_FALLBACK_VARIANTS = 2  # variants that need nothing but $greeting (and $closing)

# Which slots each kind of file may use. Scam replies never echo what was asked or offered,
# and genuine replies do not get the cold closings ("good luck with the rest of your list").
COLD_SLOTS = frozenset({"greeting", "name", "offer", "ask", "closing", "profile"})
GENUINE_SLOTS = frozenset({"greeting", "name", "offer", "ask"})
SCAM_SLOTS = frozenset({"greeting"})
# Slots that always have a value where they are allowed: a variant using nothing else can
# be filled for any message, so each file needs a few of them.
FALLBACK_SLOTS = frozenset({"greeting", "closing"})
GREETING_SLOTS = frozenset({"name"})


def body_file(category: Category, tone: Tone) -> str:
    return f"{OFFLINE_DIR}/{category.value}/{tone.value}.txt"


def greeting_file(tone: Tone) -> str:
    return f"{OFFLINE_DIR}/greetings/{tone.value}.txt"


def closing_file(tone: Tone) -> str:
    return f"{OFFLINE_DIR}/closings/{tone.value}.txt"


def allowed_slots(category: Category) -> frozenset[str]:
    if category is Category.scam:
        return SCAM_SLOTS
    if category is Category.genuine:
        return GENUINE_SLOTS
    return COLD_SLOTS


def required_files() -> list[str]:
    names = [body_file(c, t) for c in Category for t in Tone]
    names += [greeting_file(t) for t in Tone]
    names += [closing_file(t) for t in Tone]
    return names


# --------------------------------------------------------------------------- start-up checks


def check_templates(prompts: Prompts) -> None:
    """Fail at start-up, not in front of a user, when a template file is missing or broken."""
    prompts.require(required_files())
    problems: list[str] = []
    for category in Category:
        for tone in Tone:
            name = body_file(category, tone)
            problems += _check_file(
                prompts, name, allowed_slots(category), min_variants=MIN_VARIANTS
            )
            fallbacks = [v for v in prompts.variants(name) if slots(v) <= FALLBACK_SLOTS]
            if len(fallbacks) < MIN_FALLBACK_VARIANTS:
                problems.append(
                    f"{name}: needs at least {MIN_FALLBACK_VARIANTS} variants that use only "
                    f"$greeting/$closing, has {len(fallbacks)}"
                )
    for tone in Tone:
        name = greeting_file(tone)
        problems += _check_file(prompts, name, GREETING_SLOTS, min_variants=2)
        variants = prompts.variants(name)
        if not any("name" in slots(v) for v in variants):
            problems.append(f"{name}: needs a variant with $name")
        if not any(not slots(v) for v in variants):
            problems.append(f"{name}: needs a variant without $name for nameless senders")
        problems += [f"{name}: a greeting is one line" for v in variants if "\n" in v]
        problems += _check_file(prompts, closing_file(tone), frozenset(), min_variants=1)
    if problems:
        raise PromptError("offline templates: " + "; ".join(problems))


def _check_file(
    prompts: Prompts, name: str, allowed: frozenset[str], *, min_variants: int
) -> list[str]:
    variants = prompts.variants(name)
    problems: list[str] = []
    if len(variants) < min_variants:
        problems.append(f"{name}: {len(variants)} variants, need at least {min_variants}")
    if len(set(variants)) != len(variants):
        problems.append(f"{name}: duplicate variants")
    for i, variant in enumerate(variants):
        template = Template(variant)
        if not template.is_valid():
            problems.append(f"{name} variant {i}: invalid $ placeholder (write $$ for a dollar)")
            continue
        unknown = slots(variant) - allowed
        if unknown:
            problems.append(
                f"{name} variant {i}: unknown slots {', '.join(sorted('$' + s for s in unknown))}"
            )
        if contacts.contains(variant):
            problems.append(f"{name} variant {i}: contains a link, e-mail address or phone")
    return problems


# --------------------------------------------------------------------------- drafting


def draft(
    prompts: Prompts,
    *,
    text: str,
    assessment: Assessment,
    tone: Tone,
    prefs: Preferences,
    variant: int | None,
) -> Draft:
    """The offline reply for one message in one tone. Same inputs, same draft.

    The user's own approved wording for this category comes first once there is some; a
    template that can quote the user's profile comes before one that can't.
    """
    category = assessment.category
    values = slot_values(prompts, text=text, assessment=assessment, tone=tone)
    values["profile"] = clean_profile(profile_line(prefs))
    name = body_file(category, tone)
    eligible = eligible_variants(prompts.variants(name), values)
    if not eligible:  # check_templates guarantees fallbacks; this is a broken prompts dir
        raise PromptError(f"{name}: no variant can be filled for this message")
    quoting = [v for v in eligible if "profile" in slots(v)]
    eligible = quoting or eligible
    own = own_wording(prefs, assessment, tone)
    if variant is None and own:
        index = 0
    elif variant is None:
        index = len(own) + _pick(text, f"body|{category.value}|{tone.value}", len(eligible))
    else:
        index = variant % (len(own) + len(eligible))
    body = own[index] if index < len(own) else render(eligible[index - len(own)], name, **values)
    signature = (prefs.signature or "").strip()
    reply = f"{body}\n\n{signature}" if signature else body
    learned = index < len(own)
    return Draft(tone=tone, text=reply, engine=ENGINE_NAME, variant=index, learned=learned)


def clean_profile(line: str | None) -> str | None:
    """The profile sentence with links and contacts removed (offline drafts carry none)."""
    if not line:
        return None
    cleaned = " ".join(contacts.replace(line).split()).strip(" ,;:-")
    return cleaned or None


def eligible_variants(variants: list[str], values: dict[str, str | None]) -> list[str]:
    """The variants whose every slot has a value, in file order."""
    have = {k for k, v in values.items() if v is not None}
    return [v for v in variants if slots(v) <= have]


def slot_values(
    prompts: Prompts, *, text: str, assessment: Assessment, tone: Tone
) -> dict[str, str | None]:
    """Every slot a body may use; None where this message gives no value."""
    name = names.first_name(assessment.sender_name)
    category = assessment.category
    closing: str | None = None
    if category.is_cold and category is not Category.scam:
        closings = prompts.variants(closing_file(tone))
        closing = closings[_pick(text, f"closing|{tone.value}", len(closings))]
    return {
        "greeting": greeting(prompts, tone=tone, name=name, text=text),
        "name": name,
        "offer": clean_phrase(assessment.offer),
        "ask": clean_phrase(assessment.ask),
        "closing": closing,
    }


def greeting(prompts: Prompts, *, tone: Tone, name: str | None, text: str) -> str:
    """ "Hi Anna," when we know a first name, else a nameless line such as "Hello,"."""
    file = greeting_file(tone)
    options = [g for g in prompts.variants(file) if ("name" in slots(g)) == (name is not None)]
    if not options:
        raise PromptError(f"{file}: no greeting for a {'named' if name else 'nameless'} sender")
    chosen = options[_pick(text, f"greeting|{tone.value}", len(options))]
    return render(chosen, file, name=name)


def _pick(text: str, salt: str, n: int) -> int:
    """A stable index in range(n) for this message: hashlib, never the per-process hash()."""
    normal = " ".join(text.split()).casefold()
    digest = hashlib.sha256(f"{salt}\x00{normal}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % n


# --------------------------------------------------------------------------- slot hygiene

_CUT = "\x00"
# Always the end of a phrase: a sentence stop or a spaced dash. A leading run of spaces is
# taken only from where the run starts (the lookbehind), so a long run that ends in no
# break is read once rather than once per space.
_SENTENCE_BREAK = re.compile(r"[.!?;]+(?:\s|$)|\s[-–—]+\s|(?:(?<!\s)\s+)?[–—]\s*")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CLAUSE_BREAK = re.compile(
    r"(?:(?<!\s)\s+)?(?:[,;:!?()\[\]]|\s[-–—]\s|\.\s|\b(?:that|which|who|so|to help|and then)\b)\s*"
)
_STRAY = re.compile(r"[^\w\s'’&+/.,%-]")
_EDGE_WORDS = frozenset(
    "a an the and or of for to with at on in "  # noqa: SIM905
    "by from via about into your my our their this that these those".split()
)
# Offer and ask arrive already phrased for the reply ("I'll pass on feedback on your
# product"), so words are kept as they are; only a leading function word is lower-cased
# because the phrase is quoted mid-sentence ("A quick call" -> "a quick call").
_LOWER_FIRST = _EDGE_WORDS | {"some", "quick", "free", "any", "new", "more", "another"}


def clean_phrase(value: str | None, limit: int = MAX_SLOT_CHARS) -> str | None:
    """A classifier's phrase made safe to quote back: one short line, no links.

    Returns None when nothing usable is left, so the caller falls back to a variant that
    does not need the slot rather than print a stub or an essay.
    """
    if not value:
        return None
    text = _ASIDE.sub(" ", value)
    # Whatever surrounded a link or an address is split there: "a demo at <link>" -> "a demo".
    text = contacts.replace(text, _CUT)
    text = contacts.HANDLE.sub(" ", text)
    for segment in text.split(_CUT):
        cleaned = _clean_segment(segment, limit)
        if cleaned:
            return _lower_first(cleaned)
    return None


def _clean_segment(text: str, limit: int) -> str | None:
    text = " ".join(text.split())
    text = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    if len(text) > limit:
        text = _first_clause(text, limit)
    text = " ".join(_STRAY.sub(" ", text).split())
    text = _trim_edges(text)
    if not text or len(text) > limit or not re.search(r"[^\W\d_]{2}", text):
        return None
    return text


def _first_clause(text: str, limit: int) -> str:
    """The longest leading clause that fits, or "" when even the first one is too long."""
    best = ""
    for match in _CLAUSE_BREAK.finditer(text):
        head = text[: match.start()].strip()
        if len(head) > limit:
            break
        best = head
    return best


def _trim_edges(text: str) -> str:
    words = text.strip(" .,;:-–—'’\"").split()
    while words and words[-1].casefold().strip(".,") in _EDGE_WORDS:
        words.pop()
    while words and words[0].casefold() in {"and", "or"}:
        words.pop(0)
    return " ".join(words).strip(" .,;:-–—'’\"")


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.casefold() in _LOWER_FIRST:
        first = first.lower()
    return f"{first} {rest}".strip()
