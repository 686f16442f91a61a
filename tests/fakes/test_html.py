"""The fakes' HTML check refuses what Telegram refuses, so a card that would not parse fails."""

from __future__ import annotations

import pytest

from tests.fakes.html import EntityError, plain_text


def test_telegrams_tags_parse_to_their_text() -> None:
    markup = (
        "<b>🧊 Sales pitch</b> · likely (80%)\n<blockquote>Hi &amp; bye &lt;3</blockquote>\n"
        '<blockquote expandable><b>Why</b>\n• “quote”</blockquote> <a href="https://x.y">x</a>'
        '<pre><code class="language-python">1 &lt; 2</code></pre>&#128075;'
    )
    assert plain_text(markup) == (
        "🧊 Sales pitch · likely (80%)\nHi & bye <3\nWhy\n• “quote” x1 < 2👋"
    )


@pytest.mark.parametrize(
    "markup",
    [
        "<p>para</p>",
        "<b>bold",
        "bold</b>",
        "<b><i>crossed</b></i>",
        "<blockquote>a<blockquote>b</blockquote></blockquote>",
        "<blockquote collapsed>a</blockquote>",
        "<code><b>x</b></code>",
        "<a>no href</a>",
        "a&nbsp;b",
        "1 < 2",
        "<br/>",
    ],
)
def test_what_telegram_refuses_is_refused(markup: str) -> None:
    with pytest.raises(EntityError, match="can't parse entities"):
        plain_text(markup)
