"""Learning from edits (bot/engine/offline/voice.py): what is kept of an approved edit, and
when the offline engine may reuse it."""

from __future__ import annotations

from bot.engine.offline import voice
from bot.models import Assessment, Category, Preferences, Tone

MESSAGE = (
    "Hi Sam, thanks for connecting! I'm Priya Kapoor from GrowthLab. We help agencies like "
    "yours book 30+ qualified leads a month. Quick call on Thursday?"
)
PITCH = Assessment(
    category=Category.sales_pitch,
    confidence=0.9,
    sender_name="Priya Kapoor",
    offer="qualified leads",
    language="en",
)


def learn(text: str, signature: str | None = None, assessment: Assessment = PITCH):
    return voice.example(text, assessment, MESSAGE, tone=Tone.pointed, signature=signature)


def test_an_edit_keeps_its_greeting_and_general_lines_and_drops_the_senders_specifics():
    example = learn(
        "Hi Priya, I won't be needing GrowthLab's services. Thank you for my interest, but "
        "connecting here is not an invitation to sell. All the best.\n\nSam",
        signature="Sam",
    )
    assert example is not None
    assert example.text == (
        "Hi Priya, Thank you for my interest, but connecting here is not an invitation to "
        "sell. All the best."
    )
    assert (example.tone, example.language, example.category) == (
        Tone.pointed,
        "en",
        Category.sales_pitch,
    )


def test_offer_phrases_surnames_and_links_are_the_earlier_senders_alone():
    example = learn(
        "Hi Priya, I have all the qualified leads I need. Say hi to the Kapoor family. "
        "See https://example.com for what I do. Thanks, and good luck with your search."
    )
    assert example is not None
    assert example.text == "Hi Priya, Thanks, and good luck with your search."


def test_an_edit_with_nothing_general_left_teaches_nothing():
    assert learn("Hi Priya, GrowthLab is not for me.") is None
    assert learn("Hi Priya!") is None


def prefs_with(text: str, **fields) -> Preferences:
    example = learn(text)
    assert example is not None
    return Preferences(examples=[example.model_copy(update=fields)])


def test_reused_only_for_the_same_category_tone_and_language_greeting_the_new_sender():
    prefs = prefs_with("Hi Priya, thank you for my interest, but I will pass on this one.")
    leo = PITCH.model_copy(update={"sender_name": "Leo Grant", "offer": None})

    assert voice.own_wording(prefs, leo, Tone.pointed) == [
        "Hi Leo, thank you for my interest, but I will pass on this one."
    ]
    nameless = leo.model_copy(update={"sender_name": None})
    assert voice.own_wording(prefs, nameless, Tone.pointed) == [
        "Hi there, thank you for my interest, but I will pass on this one."
    ]
    assert voice.own_wording(prefs, leo, Tone.firm) == []
    german = leo.model_copy(update={"language": "de"})
    assert voice.own_wording(prefs, german, Tone.pointed) == []
    meeting = leo.model_copy(update={"category": Category.meeting_request})
    assert voice.own_wording(prefs, meeting, Tone.pointed) == []


def test_genuine_messages_and_examples_from_before_tones_were_kept_are_not_reused():
    prefs = prefs_with("Hi Priya, thank you for my interest, but I will pass on this one.")
    genuine = PITCH.model_copy(update={"category": Category.genuine})
    genuine_prefs = prefs_with(
        "Hi Priya, lovely to hear from you and thanks for asking.", category=Category.genuine
    )
    assert voice.own_wording(genuine_prefs, genuine, Tone.warm) == []
    old = prefs.model_copy(
        update={"examples": [prefs.examples[0].model_copy(update={"tone": None})]}
    )
    assert voice.own_wording(old, PITCH, Tone.pointed) == []


def test_a_signature_inside_an_old_example_is_not_added_twice():
    prefs = prefs_with("Hi Priya, thank you for my interest, but I will pass.\n\nBest,\nSam")
    prefs = prefs.model_copy(update={"signature": "Best, Sam"})
    assert voice.own_wording(prefs, PITCH, Tone.pointed) == [
        "Hi Priya, thank you for my interest, but I will pass."
    ]
