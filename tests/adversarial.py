"""Input shaped to make text code slow: shared by tests/test_regex_linear.py and
bench/adversarial.py (issue 16: no input can stall the bot)."""

from __future__ import annotations

# Repeated to the length asked for. Runs of one character, the joints of links and addresses,
# words without spaces, scripts that case-fold oddly, and brackets that open and never close.
SHAPES = {
    "at_signs": "@",
    "dots": ".",
    "hyphens": "-",
    "spaces": " ",
    "newlines": "\n",
    "letter_lines": "a\n",
    "short_lines": "x.\n",
    "tabs": "\t",
    "letter": "a",
    "capital": "A",
    "digits": "7",
    "digits_spaced": "1 ",
    "digits_dashed": "1-",
    "long_word": "abcdefghijklmnopqrstuvwxyz",
    "capitalised_word": "Abcdefghij",
    "words": "Anna ",
    "letter_space": "a ",
    "letter_dot": "a.",
    "letter_hyphen": "a-",
    "mixed_scripts": "aБ中ا ü",
    "mixed_scripts_no_spaces": "aБ中اü",
    "addresses": "a@a.a@",
    "address_like": "x@y ",
    "handles": "@a",
    "domains": "a.com",
    "urls": "http://",
    "www": "www.",
    "square_brackets": "[",
    "closing_brackets": "]",
    "braces": "{",
    "parentheses": "(",
    "apostrophes": "'",
    "dotted_capital_i": "İ",
    "dotted_i_words": "İstanbul ",
    "introductions": "I'm ",
    "sign_offs": "Best,\n",
    "question_marks": "?",
    "colons": ":",
    "pipes": "|",
    "bullets": "•",
    "emoji": "🙂",
    "spaced_dashes": " – ",
    "sentence_no_spaces": "Thanksforconnecting!Ihelpcompanieslikeyoursgrow.Quickcallnextweek?",
    "sentence": "Thanks for connecting! I help companies like yours grow. Quick call next week? ",
    "german": "Guten Tag, ich helfe Unternehmen wie Ihrem beim Wachstum. Kurzer Anruf? ",
    "russian": "Здравствуйте! Мы помогаем компаниям расти. Созвонимся на неделе? ",
    "thread": "Anna Smith  10:42 AM\nHi there, quick question\nView Anna's profile\n",
}


def repeat(unit: str, size: int) -> str:
    """unit repeated to exactly size characters."""
    return (unit * (size // len(unit) + 1))[:size]
