"""Offline classifier: rule evidence plus learned weights, calibrated, honest when unsure.

The rules (bot/engine/offline/rules/) find evidence and quote it for the card; their
hand-weighted category scores, after the README's precedence rules, are features of the
learned model (model.py) next to the message's words. The model's calibrated probabilities
decide. When the probability that the message is genuine falls in the model's "cannot
tell" band, the verdict is `uncertain`: the card asks the user rather than guess, because
calling a real person a spammer is the worst mistake this product can make. Clear
deception (phishing, advance fee, fake jobs with fees) still overrides as a rule.

Pure and deterministic; every regex is linear and the analysed text is capped, so any str,
even 100 KB of junk, is assessed in a few milliseconds and never raises.
"""

from __future__ import annotations

from bot.engine.offline import evidence, features, slots
from bot.engine.offline.evidence import Hit
from bot.engine.offline.model import Model, shipped
from bot.engine.offline.rule import FR, GE, MR, RC, SC, SP
from bot.models import Assessment, Category
from bot.text import language

MAX_CHARS = 6000  # cold messages are short; what follows a 6 KB prefix never changes a verdict
GENUINE_BASELINE = 1.5  # in the rule scores: the bar one weak cold cue does not clear
COLD = tuple(c for c in Category if c.is_cold)
DECEPTION_CONFIDENCE = 0.8  # the least a verdict the deception rules force carries
# Fewer features than this ("Hi", "ok?", "Quick call?") is too little to call anyone cold:
# the card asks. Counted as words, word pairs, stems and rules together.
MIN_WORDS = 6

# Rule ids the precedence rules below look for.
FEEDBACK_RULES = frozenset(
    {
        "free_feedback",
        "feedback_on_my_work",
        "feedback_non_english",
        "answer_questions",
        "thesis_questions",
        "customer_discovery",
    }
)
SCAM_DECISIVE = 3.0  # this much deception evidence outranks any other cold reading
# README rule 2: evidence of a real relationship (worked or studied together, met in person, a
# neighbour, a named mutual introduction) makes a reasonable ask genuine even when it is worded
# like a favour, a job search or a meeting request.
RELATIONSHIP_RULES = frozenset(
    {
        "former_colleague",
        "shared_past",
        "studied_together",
        "relationship_non_english",
        "met_in_person",
        "met_and_spoke",
        "mutual_introduction",
        "named_referral_address",
        "named_referral_suggested",
        "neighbour",
    }
)
WRONG_NUMBER_RULES = frozenset(
    {"wrong_number_greeting", "wrong_number_is_this", "wrong_number_friend_gave"}
)
ASKS_A_RELATIONSHIP_EXCUSES = (FR, RC, MR)
CLOSING_ASK_BAR = 2.0  # this much pitch or job evidence makes a closing call request secondary


def assess(text: str, model: Model | None = None) -> Assessment:
    """Classify one message. Pure, deterministic, never raises for any str."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    body = text[:MAX_CHARS]
    stripped = body.strip()
    if len(stripped) < 2:
        return Assessment(category=GE, confidence=0.2, language="en", uncertain=True)

    hits = evidence.find(body)
    scores, _ = rule_scores(hits)
    counts = features.extract(body, [h.rule.id for h in hits])
    model = model or shipped()
    probs = model.probabilities(counts, scores)
    top, uncertain, alternative = decide(model, probs, too_short=sum(counts.values()) < MIN_WORDS)
    confidence = probs[top]
    if deceptive(scores):
        top, uncertain, alternative = SC, False, None
        confidence = max(probs[SC], DECEPTION_CONFIDENCE)

    merge = evidence.MERGE_FIELD.search(body)
    generic = False
    if top.is_cold:
        generic = (
            bool(merge)
            or any(h.rule.generic for h in hits)
            or not evidence.PERSONAL_DETAIL.search(body)
        )
    signals = evidence.signals(body, hits, top, merge)
    if len(signals) < 2:
        telling = model.telling(counts, top, limit=evidence.TELLING)
        signals += evidence.wording(body, telling, top)
    return Assessment(
        category=top,
        confidence=round(confidence, 3),
        signals=signals[: evidence.MAX_SIGNALS],
        generic=generic,
        sender_name=slots.sender_name(body),
        offer=slots.offer(body, top),
        ask=slots.ask(body, top),
        language=language.guess(body),
        uncertain=uncertain,
        alternative=alternative,
    )


def decide(
    model: Model, probs: dict[Category, float], too_short: bool = False
) -> tuple[Category, bool, Category | None]:
    """The verdict, whether it is uncertain, and the other likely reading when it is."""
    best_cold = max(COLD, key=lambda c: probs[c])  # ties: enum order (sales first)
    genuine = probs[GE]
    if genuine >= model.uncertain_high:
        return GE, False, None
    if genuine < model.uncertain_low and not too_short:
        return best_cold, False, None
    if genuine >= probs[best_cold]:
        return GE, True, best_cold
    return best_cold, True, GE


def deceptive(scores: dict[Category, float]) -> bool:
    """README rule 1: clear deception is a scam whatever else the message looks like."""
    return scores[SC] >= SCAM_DECISIVE and scores[SC] > scores[GE]


def rule_scores(hits: list[Hit]) -> tuple[dict[Category, float], bool]:
    """Each category's score after the README's precedence rules; and whether a real
    relationship shows."""
    scores = dict.fromkeys(Category, 0.0)
    scores[GE] = GENUINE_BASELINE
    seen: set[str] = set()
    for rule, _ in hits:
        if rule.signal in seen and rule.weights.keys() == {SC}:
            # The same idea matched twice (two phrasings): count it, but not twice as much.
            for cat, w in rule.weights.items():
                scores[cat] += w / 2
            continue
        seen.add(rule.signal)
        for cat, w in rule.weights.items():
            scores[cat] += w

    ids = {h.rule.id for h in hits}
    # README rule 4: asking for free feedback on the sender's product is a favour, even when
    # the message also describes the product or wants the feedback on a call.
    if not ids.isdisjoint(FEEDBACK_RULES):
        lead = max(scores[SP], scores[MR])
        if lead > scores[FR]:
            scores[FR] = lead + 0.5

    # README rules 3 and 5: a call request that closes a product description is a pitch, and
    # one that closes job outreach is recruiting; the meeting is not the main ask there.
    best_cold = max((SP, FR, MR, RC, SC), key=lambda c: scores[c])
    if best_cold is MR:
        for cat in (RC, SP):
            if scores[cat] >= CLOSING_ASK_BAR:
                scores[cat] = max(scores[cat], scores[MR] + 0.3)
                break

    # README rule 1 beats rule 2: a "wrong number" opener that claims a past meeting is a fake
    # persona, so its relationship claims count for nothing.
    fake_persona = not ids.isdisjoint(WRONG_NUMBER_RULES) and scores[SC] >= 2.0
    related = not fake_persona and not ids.isdisjoint(RELATIONSHIP_RULES)
    if fake_persona:
        scores[SC] = max(scores[SC], scores[GE] + 0.5)
    elif related and scores[SC] < SCAM_DECISIVE:
        ask = max(scores[c] for c in ASKS_A_RELATIONSHIP_EXCUSES)
        if ask >= scores[GE] and ask >= scores[SP]:
            scores[GE] = ask + 0.3

    # README rule 1: clear deception (phishing, advance fee, fake job with fees) is a scam
    # even when it is dressed up as a job offer or a chat request.
    if scores[SC] >= SCAM_DECISIVE and scores[SC] > scores[GE]:
        scores[SC] = max(scores[SC], max(scores[c] for c in (SP, FR, MR, RC)) + 0.5)
    return scores, related
