"""Offline reply drafting: replies composed from parts in prompts/offline, filled from the message.

A reply is a *shape* (the order of its parts, and any fixed words) filled with one variant of
each part it names. Cold replies: an opening, the reason for the no, one of the product's
lines (thank you for my interest; reading my profile would have saved you the effort;
connecting is not permission to sell; we would not do this at a networking event) and a
closing that wishes them success. Genuine replies answer the kind of message it is (thanks,
a question, an introduction, a reference request, an invitation, a catch-up, something
shared, "no need to reply") with what the message says: their question, what they asked
for, the mutual contact who sent them, the event where they met. Only a message that asks to
meet gets an offer to meet. Genuine replies read warm whatever the tone.

Every combination of shape and part variants is one wording. For one case they are walked
in a fixed order that starts and strides by a hash of the message, so the first draft
differs from sender to sender, Regenerate (the press counter arrives as `variant`) never
shows a wording twice until all have been shown, and the same case and press always give the
same draft.

A part variant is eligible when every $slot it uses has a value for this message. Slots
about the user's situation ($notlooking, $paidwork, $notbuying,
$nomeetings) render as nothing and have a value only when the user's profile says so:
without one, a reply declines without a reason about the user.

Slot values come from the message, which is untrusted text, so they are cleaned before they
reach a draft: whitespace collapsed, links, e-mail addresses, phone numbers and handles
removed, length capped.

Layout of prompts/offline/:
    greetings/<tone>.txt             "Hi $name," lines; variants without $name for nameless senders
    closings/<tone>.txt              cold replies' good wishes ($closing)
    cold/shapes/<tone>.txt           cold replies: $greeting $opening $reason $line $closing
    cold/openings/<tone>.txt         first sentence of a cold reply
    cold/lines/<tone>.txt            the product's lines in this tone
    <category>/<tone>.txt            the reason for the no (cold categories); $ask $offer $profile
    scam/shapes/<tone>.txt           scam replies: $greeting $reason, never engaging
    scam/<tone>.txt                  scam refusals; no slots at all
    genuine/shapes.txt               $greeting $opening $response $meeting $closing
    genuine/shapes/no_reply.txt      the short shape for "no need to reply"
    genuine/openings.txt             $event $contact
    genuine/<kind>.txt               the answer to each kind; $question $request $event $contact
    genuine/meeting.txt              an offer to find a time, only when they asked to meet
    genuine/closings.txt             warm sign-off lines
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from string import Template

from bot.engine.offline import slots as extract
from bot.engine.offline.slots import GenuineKind
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
MIN_WORDINGS = 20  # per category x tone (per kind for genuine), with no optional slot filled
MIN_PART_VARIANTS = 3

# The parts a shape may name, and the value slots each kind of file may use.
COLD_PARTS = frozenset({"greeting", "opening", "reason", "line", "closing"})
SCAM_PARTS = frozenset({"greeting", "reason", "end"})
GENUINE_PARTS = frozenset({"greeting", "opening", "response", "meeting", "closing"})
PROFILE_FACTS = ("notlooking", "paidwork", "notbuying", "nomeetings")
COLD_SLOTS = frozenset({"name", "offer", "ask", "profile", *PROFILE_FACTS})
GENUINE_SLOTS = frozenset({"name", "question", "request", "event", "contact"})
GREETING_SLOTS = frozenset({"name"})
# Slots that make a genuine opening worth preferring: it says where they met, who sent them.
MET_SLOTS = frozenset({"event", "contact"})

# What the user's profile must say before a reply may say it about them.
_FACTS: dict[str, re.Pattern[str]] = {
    "notlooking": re.compile(
        r"\bnot\s+(?:currently\s+)?(?:looking|job[- ]?hunting|seeking|open\s+to\s+(?:new\s+)?"
        r"(?:roles|jobs|opportunities|offers))|\bhappy\s+(?:where\s+I\s+am|in\s+my\s+(?:role|job))"
        r"|\bno\s+recruiters\b",
        re.IGNORECASE,
    ),
    "paidwork": re.compile(
        r"\b(?:consult\w*|advis\w*|freelanc\w*|for\s+hire|paid|clients?|my\s+rates?|coach\w*"
        r"|fee)\b",
        re.IGNORECASE,
    ),
    "notbuying": re.compile(
        r"\bno\s+(?:sales|pitch\w*|vendors|solicitation|cold\s+outreach)\b|\bnot\s+buying\b"
        r"|\bdon['’]?t\s+(?:buy|take\s+pitches)\b",
        re.IGNORECASE,
    ),
    "nomeetings": re.compile(
        r"\bno\s+(?:cold\s+|sales\s+|intro\w*\s+)?(?:calls|meetings)\b"
        r"|\bdon['’]?t\s+take\s+(?:cold\s+|sales\s+)?(?:calls|meetings)\b",
        re.IGNORECASE,
    ),
}


# --------------------------------------------------------------------------- files


def cold_categories() -> list[Category]:
    return [c for c in Category if c.is_cold and c is not Category.scam]


def body_file(category: Category, tone: Tone) -> str:
    """The reasons (cold) or refusals (scam) for one category and tone."""
    return f"{OFFLINE_DIR}/{category.value}/{tone.value}.txt"


def greeting_file(tone: Tone) -> str:
    return f"{OFFLINE_DIR}/greetings/{tone.value}.txt"


def closing_file(tone: Tone) -> str:
    return f"{OFFLINE_DIR}/closings/{tone.value}.txt"


def cold_file(part: str, tone: Tone) -> str:
    """cold/shapes, cold/openings, cold/lines for one tone."""
    return f"{OFFLINE_DIR}/cold/{part}/{tone.value}.txt"


def scam_shape_file(tone: Tone) -> str:
    return f"{OFFLINE_DIR}/scam/shapes/{tone.value}.txt"


def scam_file(part: str) -> str:
    """scam/ends: the last words of a refusal, the same in every tone."""
    return f"{OFFLINE_DIR}/scam/{part}.txt"


def genuine_file(part: str) -> str:
    """genuine/shapes, openings, meeting, closings, or the responses of one kind."""
    return f"{OFFLINE_DIR}/genuine/{part}.txt"


def genuine_shape_file(prompts: Prompts, kind: GenuineKind) -> str:
    own = f"{OFFLINE_DIR}/genuine/shapes/{kind.value}.txt"
    return own if prompts.exists(own) else genuine_file("shapes")


def required_files() -> list[str]:
    files = [greeting_file(t) for t in Tone] + [closing_file(t) for t in Tone]
    for tone in Tone:
        files += [cold_file(p, tone) for p in ("shapes", "openings", "lines")]
        files += [body_file(c, tone) for c in cold_categories()]
        files += [body_file(Category.scam, tone), scam_shape_file(tone)]
    files.append(scam_file("ends"))
    files += [genuine_file(p) for p in ("shapes", "openings", "meeting", "closings")]
    files += [genuine_file(k.value) for k in GenuineKind]
    return files


# --------------------------------------------------------------------------- the wordings


@dataclass(frozen=True)
class Space:
    """Every wording of one reply: (shape, {part: variants}) tiers, walked tier by tier."""

    tiers: tuple[tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...], ...]

    @staticmethod
    def _size(shape: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]) -> int:
        return math.prod(len(v) for _, v in shape[1])

    def tier_sizes(self) -> list[int]:
        return [sum(self._size(s) for s in tier) for tier in self.tiers]

    @property
    def size(self) -> int:
        return sum(self.tier_sizes())

    def pick(self, press: int, seed: int) -> tuple[str, dict[str, str]]:
        """The wording for this press: a permutation of each tier, tiers in order."""
        for tier, n in zip(self.tiers, self.tier_sizes(), strict=True):
            if press >= n:
                press -= n
                continue
            index = (seed + _stride(n, seed) * press) % n
            for shape, parts in tier:
                size = self._size((shape, parts))
                if index >= size:
                    index -= size
                    continue
                chosen = {}
                for part, variants in parts:
                    index, digit = divmod(index, len(variants))
                    chosen[part] = variants[digit]
                return shape, chosen
        raise IndexError(press)


def _stride(n: int, seed: int) -> int:
    """A step coprime to n near n/phi, so consecutive presses differ in most parts."""
    if n <= 2:
        return 1
    step = max(1, int(n * 0.6180339887) + seed % 7)
    while math.gcd(step, n) != 1:
        step += 1
    return step % n or 1


def _space(
    prompts: Prompts,
    shape_file: str,
    part_files: dict[str, list[str]],
    values: dict[str, str | None],
    prefer: tuple[str, frozenset[str]] | None = None,
) -> Space:
    """The wordings the shapes allow with the variants this message can fill. With `prefer`
    (a part and slots), the variants of that part using one of those slots form a first
    tier: the user's profile, or the event where they met, speaks first."""
    have = {k for k, v in values.items() if v is not None}
    eligible = {
        part: tuple(v for v in variants if slots(v) <= have)
        for part, variants in part_files.items()
    }
    tiers = []
    for first in (True, False) if prefer else (False,):
        tier = []
        for shape in prompts.variants(shape_file):
            used = [p for p in _ordered_slots(shape) if p in eligible]
            if not slots(shape) - set(used) <= have:
                continue
            parts = []
            for part in used:
                options = eligible[part]
                if prefer and part == prefer[0]:
                    options = tuple(v for v in options if bool(slots(v) & prefer[1]) == first)
                parts.append((part, options))
            if prefer and first and prefer[0] not in used:
                continue
            if all(options for _, options in parts):
                tier.append((shape, tuple(parts)))
        if tier:
            tiers.append(tuple(tier))
    return Space(tuple(tiers))


def _ordered_slots(template: str) -> list[str]:
    seen: list[str] = []
    for name in Template(template).get_identifiers():
        if name not in seen:
            seen.append(name)
    return seen


_SENTENCE_START = re.compile(r"([.!?]\s+)([a-z])")


def _fill(shape: str, chosen: dict[str, str], values: dict[str, str | None], file: str) -> str:
    parts = {part: render(text, file, **values) for part, text in chosen.items()}
    filled = render(shape, file, **{**values, **parts})
    lines = [" ".join(line.split()) for line in filled.splitlines()]
    text = "\n".join(lines).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r" ([.,;:!?])", r"\1", text)
    # A part written to follow a greeting's comma ("Hi Anna, thanks") may follow a sentence.
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


# --------------------------------------------------------------------------- start-up checks


def check_templates(prompts: Prompts) -> None:
    """Fail at start-up, not in front of a user, when a template file is missing or broken,
    or a category and tone would have too few wordings for Regenerate."""
    prompts.require(required_files())
    problems: list[str] = []
    for tone in Tone:
        problems += _check_file(prompts, cold_file("shapes", tone), COLD_PARTS, 2)
        problems += _check_file(prompts, cold_file("openings", tone), GREETING_SLOTS, 2)
        problems += _check_file(prompts, cold_file("lines", tone), frozenset(), 2)
        problems += _check_file(prompts, closing_file(tone), frozenset(), 2)
        problems += _check_file(prompts, scam_shape_file(tone), SCAM_PARTS, 2)
        problems += _check_file(prompts, body_file(Category.scam, tone), frozenset(), 2)
        for category in cold_categories():
            name = body_file(category, tone)
            problems += _check_file(prompts, name, COLD_SLOTS, MIN_PART_VARIANTS)
            bare = [v for v in prompts.variants(name) if not slots(v) - {"name"}]
            if len(bare) < 2:
                problems.append(f"{name}: needs at least 2 variants that use no slot but $name")
        problems += _check_greetings(prompts, tone)
    problems += _check_file(prompts, scam_file("ends"), frozenset(), 2)
    problems += _check_file(prompts, genuine_file("shapes"), GENUINE_PARTS, 1)
    problems += _check_file(prompts, genuine_file("openings"), GENUINE_SLOTS, 2)
    problems += _check_file(prompts, genuine_file("meeting"), GENUINE_SLOTS, 2)
    problems += _check_file(prompts, genuine_file("closings"), frozenset(), 2)
    for kind in GenuineKind:
        name = genuine_file(kind.value)
        problems += _check_file(prompts, name, GENUINE_SLOTS, MIN_PART_VARIANTS)
        if sum(1 for v in prompts.variants(name) if not slots(v) - {"name"}) < 2:
            problems.append(f"{name}: needs at least 2 variants that use no slot but $name")
        shapes = genuine_shape_file(prompts, kind)
        if shapes != genuine_file("shapes"):
            problems += _check_file(prompts, shapes, GENUINE_PARTS, 1)
    if not problems:
        problems += _check_counts(prompts)
    if problems:
        raise PromptError("offline templates: " + "; ".join(problems))


def _check_greetings(prompts: Prompts, tone: Tone) -> list[str]:
    name = greeting_file(tone)
    problems = _check_file(prompts, name, GREETING_SLOTS, 2)
    variants = prompts.variants(name)
    if not any("name" in slots(v) for v in variants):
        problems.append(f"{name}: needs a variant with $name")
    if not any(not slots(v) for v in variants):
        problems.append(f"{name}: needs a variant without $name for nameless senders")
    problems += [f"{name}: a greeting is one line" for v in variants if "\n" in v]
    return problems


def _check_counts(prompts: Prompts) -> list[str]:
    """Each category x tone (each genuine kind) has MIN_WORDINGS wordings for a bare message."""
    problems = []
    bare: dict[str, str | None] = {"greeting": "Hello,", "name": None}
    for tone in Tone:
        for category in Category:
            if category is Category.genuine:
                continue
            n = _parts(prompts, category, tone, bare, GenuineKind.note)[0].size
            if n < MIN_WORDINGS:
                problems.append(f"{body_file(category, tone)}: {n} wordings, need {MIN_WORDINGS}")
    for kind in GenuineKind:
        n = _parts(prompts, Category.genuine, Tone.warm, bare, kind)[0].size
        if n < MIN_WORDINGS:
            problems.append(f"{genuine_file(kind.value)}: {n} wordings, need {MIN_WORDINGS}")
    return problems


def _check_file(
    prompts: Prompts, name: str, allowed: frozenset[str], min_variants: int
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

    `variant` is the Regenerate press (None or 0: the first draft). The user's own approved
    wording for this category comes first once there is some; then the composed wordings, a
    reason that can quote the user's profile before one that can't. Genuine messages get
    the warm reply whatever the tone asked for.
    """
    category = assessment.category
    tone = Tone.warm if category is Category.genuine else tone
    values, space, file = _case(prompts, text, assessment, tone, prefs)
    own = own_wording(prefs, assessment, tone)
    total = len(own) + space.size
    if not total:  # check_templates guarantees wordings; this is a broken prompts dir
        raise PromptError(f"{file}: no wording can be filled for this message")
    press = variant or 0
    index = press % total  # past the last wording, Regenerate starts the round again
    if index < len(own):
        body = own[index]
    else:
        seed = _seed(text, f"{category.value}|{tone.value}")
        shape, chosen = space.pick(index - len(own), seed)
        body = _fill(shape, chosen, values, file)
    signature = (prefs.signature or "").strip()
    reply = f"{body}\n\n{signature}" if signature else body
    learned = index < len(own)
    return Draft(tone=tone, text=reply, engine=ENGINE_NAME, variant=press, learned=learned)


def wordings(
    prompts: Prompts, *, text: str, assessment: Assessment, tone: Tone, prefs: Preferences
) -> int:
    """How many composed wordings this case has: Regenerate shows them all before repeating."""
    tone = Tone.warm if assessment.category is Category.genuine else tone
    return _case(prompts, text, assessment, tone, prefs)[1].size


def _case(
    prompts: Prompts, text: str, assessment: Assessment, tone: Tone, prefs: Preferences
) -> tuple[dict[str, str | None], Space, str]:
    """The slot values, the wordings and the file a failure names, for one case and tone."""
    genuine = assessment.category is Category.genuine
    kind = extract.genuine_kind(text) if genuine else GenuineKind.note
    values = slot_values(prompts, text=text, assessment=assessment, tone=tone)
    values.update(profile_values(prefs))
    space, file = _parts(prompts, assessment.category, tone, values, kind)
    return values, space, file


def _parts(
    prompts: Prompts,
    category: Category,
    tone: Tone,
    values: dict[str, str | None],
    kind: GenuineKind,
) -> tuple[Space, str]:
    """The space of wordings for this reply, and the file a failure should name."""
    if category is Category.genuine:
        file, meeting = genuine_file(kind.value), genuine_file("meeting")
        parts = {
            "opening": prompts.variants(genuine_file("openings")),
            "response": prompts.variants(file),
            # only a message that asks to meet gets an offer to meet
            "meeting": [""] if values.get("meet") is None else prompts.variants(meeting),
            "closing": prompts.variants(genuine_file("closings")),
        }
        shapes = genuine_shape_file(prompts, kind)
        return _space(prompts, shapes, parts, values, ("opening", MET_SLOTS)), file
    file = body_file(category, tone)
    if category is Category.scam:
        ends = ["", *prompts.variants(scam_file("ends"))]
        parts = {"reason": prompts.variants(file), "end": ends}
        return _space(prompts, scam_shape_file(tone), parts, values), file
    parts = {
        "opening": prompts.variants(cold_file("openings", tone)),
        "reason": prompts.variants(file),
        "line": prompts.variants(cold_file("lines", tone)),
        "closing": prompts.variants(closing_file(tone)),
    }
    # A fact the profile states answers best; else the profile quoted; else any reason.
    facts = {f for f in PROFILE_FACTS if values.get(f) is not None}
    prefer = ("reason", frozenset(facts or {"profile"}))
    return _space(prompts, cold_file("shapes", tone), parts, values, prefer), file


def profile_values(prefs: Preferences) -> dict[str, str | None]:
    """$profile (its first sentence) and the facts about the user the profile states."""
    profile = prefs.profile or ""
    values: dict[str, str | None] = {"profile": clean_profile(profile_line(prefs))}
    for slot, rx in _FACTS.items():
        values[slot] = "" if rx.search(profile) else None
    return values


def clean_profile(line: str | None) -> str | None:
    """The profile sentence with links and contacts removed (offline drafts carry none)."""
    if not line:
        return None
    cleaned = " ".join(contacts.replace(line).split()).strip(" ,;:-")
    return cleaned or None


def slot_values(
    prompts: Prompts, *, text: str, assessment: Assessment, tone: Tone
) -> dict[str, str | None]:
    """Every value slot a part may use; None where this message gives no value."""
    name = names.first_name(assessment.sender_name)
    category = assessment.category
    values: dict[str, str | None] = {
        "greeting": greeting(prompts, tone=tone, name=name, text=text),
        "name": name,
    }
    if category is Category.genuine:
        values.update(
            # already cut to a short phrase with no contacts, and turned to the reply's side
            question=extract.question(text),
            request=extract.request(text),
            event=extract.event(text) if extract.met_in_person(text) else None,
            contact=names.first_name(extract.mutual_contact(text)),
            meet="" if extract.asks_to_meet(text) else None,
        )
    elif category is not Category.scam:  # never echo a scam's bait
        values.update(offer=clean_phrase(assessment.offer), ask=clean_phrase(assessment.ask))
    return values


def greeting(prompts: Prompts, *, tone: Tone, name: str | None, text: str) -> str:
    """ "Hi Anna," when we know a first name, else a nameless line such as "Hello,"."""
    file = greeting_file(tone)
    options = [g for g in prompts.variants(file) if ("name" in slots(g)) == (name is not None)]
    if not options:
        raise PromptError(f"{file}: no greeting for a {'named' if name else 'nameless'} sender")
    chosen = options[_pick(text, f"greeting|{tone.value}", len(options))]
    return render(chosen, file, name=name)


def _seed(text: str, salt: str) -> int:
    """A stable number for this message: hashlib, never the per-process hash()."""
    normal = " ".join(text.split()).casefold()
    digest = hashlib.sha256(f"{salt}\x00{normal}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _pick(text: str, salt: str, n: int) -> int:
    """A stable index in range(n) for this message."""
    return _seed(text, salt) % n


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
