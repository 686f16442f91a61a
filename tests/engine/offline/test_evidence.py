"""Evidence: the quotes that show each signal are the message's own words, kept short."""

from __future__ import annotations

from bot.engine.offline import classify


def test_signal_quotes_are_verbatim_even_with_curly_quotes() -> None:
    text = "Hi! I’m not trying to sell anything, I’d just love a quick 15-minute call."
    a = classify.assess(text)
    names = {s.signal: s.quote for s in a.signals}
    assert "not trying to sell anything" in names
    assert all(q in text for q in names.values() if q)


def test_long_match_quote_is_trimmed() -> None:
    text = "Your account " + "x" * 30 + " will be terminated unless you verify your account."
    for s in classify.assess(text).signals:
        assert s.quote is not None and len(s.quote) <= 80 and s.quote in text
