"""Offline classifier: weigh the evidence, apply the README's precedence rules, calibrate.

A rule adds weight to one or more categories; relationship evidence (met in person, former
colleague, a named mutual introduction, a thank-you note, a customer's question) adds weight
to `genuine`. `genuine` starts with a baseline, so a message with no evidence is read as
genuine: calling a real person a spammer is the worst mistake this product can make. The
category is the argmax; confidence is a softmax over the scores, damped when there is little
evidence.

Pure and deterministic; every regex is linear and the analysed text is capped, so any str,
even 100 KB of junk, is assessed in a few milliseconds and never raises.
"""

from __future__ import annotations

import math

from bot.engine.offline import evidence, slots
from bot.engine.offline.evidence import Hit
from bot.engine.offline.rule import FR, GE, MR, RC, SC, SP
from bot.models import Assessment, Category
from bot.text import language

MAX_CHARS = 6000  # cold messages are short; what follows a 6 KB prefix never changes a verdict
GENUINE_BASELINE = 1.5  # the bar a cold category must clear: one weak cue is not enough
# Softmax temperature. 0.9 left the engine underconfident (100% right at a mean confidence of
# 0.45-0.57 on the dev and fresh files); 0.5 puts multi-cue verdicts above 0.9 while the caps in
# _confidence keep "nothing cold found" (where unseen-data errors concentrate) near 0.6.
TEMPERATURE = 0.5

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
RELATIONSHIP_COLD_CAP = 0.6  # a cold verdict against relationship evidence is never sure
CLOSING_ASK_BAR = 2.0  # this much pitch or job evidence makes a closing call request secondary


def assess(text: str) -> Assessment:
    """Classify one message. Pure, deterministic, never raises for any str."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    body = text[:MAX_CHARS]
    stripped = body.strip()
    if len(stripped) < 2:
        return Assessment(category=GE, confidence=0.2, language="en")

    hits = evidence.find(body)
    scores, related = _scores(hits)
    cold = [c for c in Category if c is not GE]
    best_cold = max(cold, key=lambda c: scores[c])  # ties: enum order (sales first)
    top = best_cold if scores[best_cold] > scores[GE] else GE
    weight = sum(w for h in hits for c, w in h.rule.weights.items() if c is top and w > 0)

    merge = evidence.MERGE_FIELD.search(body)
    generic = False
    if top.is_cold:
        generic = (
            bool(merge)
            or any(h.rule.generic for h in hits)
            or not evidence.PERSONAL_DETAIL.search(body)
        )
    return Assessment(
        category=top,
        confidence=_confidence(scores, top, weight, len(stripped), related),
        signals=evidence.signals(body, hits, top, merge),
        generic=generic,
        sender_name=slots.sender_name(body),
        offer=slots.offer(body, top),
        ask=slots.ask(body, top),
        language=language.guess(body),
    )


def _scores(hits: list[Hit]) -> tuple[dict[Category, float], bool]:
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


def _confidence(
    scores: dict[Category, float],
    top: Category,
    weight: float,
    length: int,
    related: bool = False,
) -> float:
    """Softmax probability of the winner, shrunk toward chance when evidence or text is thin."""
    exps = {c: math.exp(s / TEMPERATURE) for c, s in scores.items()}
    p = exps[top] / sum(exps.values())
    if length < 15:
        p = min(p, 0.45)
    if top is GE and weight == 0:
        p = min(p, 0.6)  # "nothing cold found" is weaker than "relationship found"
    if top is not GE and related:
        p = min(p, RELATIONSHIP_COLD_CAP)
    return round(max(0.05, min(p, 0.97)), 3)
