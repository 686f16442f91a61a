"""Sender language detection, offline, and language names for replies.

Detection is py3langid's naive Bayes model over byte n-grams (its normalised probabilities
are length-calibrated; MIN_PROBABILITY is tuned to them), trimmed to the languages the bot
names and their neighbours and shipped as language_model.bin.gz (2 MB; rebuilt by
`python -m bot.learning.language`). It is read with the standard library alone, lazily, once
per process, on the first `detect` call, and holds about 12 MiB; py3langid with NumPy held
about 88. Nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import threading
import unicodedata
from array import array
from collections import Counter
from pathlib import Path

from bot.text import contacts

# A text needs this many letters (after dropping links, addresses and handles) to be judged.
MIN_LETTERS = 20
# Least normalised probability (after folding dialects, see _FOLD) to trust a verdict.
# Short English LinkedIn messages score >= 0.70; strings of German names alone reach ~0.56.
MIN_PROBABILITY = 0.65
# Longer texts add nothing but time.
_MAX_CHARS = 2000

MODEL_PATH = Path(__file__).with_name("language_model.bin.gz")

# Model labels that have no ISO 639-1 code of their own, folded into the language
# a reply would be written in. Their probability is added to the parent's.
_FOLD = {
    "pcm": "en",  # Nigerian Pidgin: plain short English often leaks here
    "ary": "ar",  # Moroccan Arabic
    "arz": "ar",  # Egyptian Arabic
    "wuu": "zh",  # Wu Chinese
    "yue": "zh",  # Cantonese
    "uzs": "uz",  # Southern Uzbek
    "ext": "es",  # Extremaduran
    "nn": "no",  # Nynorsk
}

# code: (English name, other names people type: native names, old codes, ISO 639-2 codes)
_LANGUAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": ("English", ("eng",)),
    "de": ("German", ("Deutsch", "deu", "ger")),
    "fr": ("French", ("Français", "fra", "fre")),
    "es": ("Spanish", ("Español", "Castellano", "Castilian", "spa")),
    "pt": ("Portuguese", ("Português", "Brazilian", "por")),
    "it": ("Italian", ("Italiano", "ita")),
    "nl": ("Dutch", ("Nederlands", "Flemish", "Vlaams", "nld", "dut")),
    "pl": ("Polish", ("Polski", "pol")),
    "ru": ("Russian", ("Русский", "rus")),
    "uk": ("Ukrainian", ("Українська", "ukr")),
    "ar": ("Arabic", ("العربية", "ara")),
    "zh": ("Chinese", ("中文", "汉语", "漢語", "Mandarin", "zho", "chi")),
    "ja": ("Japanese", ("日本語", "jpn")),
    "ko": ("Korean", ("한국어", "kor")),
    "hi": ("Hindi", ("हिन्दी", "हिंदी", "hin")),
    "tr": ("Turkish", ("Türkçe", "tur")),
    "sv": ("Swedish", ("Svenska", "swe")),
    "no": ("Norwegian", ("Norsk", "Bokmål", "Nynorsk", "nb", "nn", "nor", "nob")),
    "da": ("Danish", ("Dansk", "dan")),
    "fi": ("Finnish", ("Suomi", "fin")),
    "cs": ("Czech", ("Čeština", "ces", "cze")),
    "sk": ("Slovak", ("Slovenčina", "slk", "slo")),
    "hu": ("Hungarian", ("Magyar", "hun")),
    "ro": ("Romanian", ("Română", "ron", "rum")),
    "el": ("Greek", ("Ελληνικά", "ell", "gre")),
    "he": ("Hebrew", ("עברית", "iw", "heb")),
    "id": ("Indonesian", ("Bahasa Indonesia", "ind")),
    "ms": ("Malay", ("Bahasa Melayu", "msa", "may")),
    "vi": ("Vietnamese", ("Tiếng Việt", "vie")),
    "th": ("Thai", ("ไทย", "tha")),
    "bg": ("Bulgarian", ("Български", "bul")),
    "hr": ("Croatian", ("Hrvatski", "hrv")),
    "sr": ("Serbian", ("Српски", "Srpski", "srp")),
    "ca": ("Catalan", ("Català", "cat")),
    "fa": ("Persian", ("Farsi", "فارسی", "fas", "per")),
    "ur": ("Urdu", ("اردو", "urd")),
    "bn": ("Bengali", ("Bangla", "বাংলা", "ben")),
    "et": ("Estonian", ("Eesti", "est")),
    "lv": ("Latvian", ("Latviešu", "lav")),
    "lt": ("Lithuanian", ("Lietuvių", "lit")),
    "sl": ("Slovenian", ("Slovene", "Slovenščina", "slv")),
    "tl": ("Filipino", ("Tagalog", "fil", "tgl")),
}

_TAG = re.compile(r"(?<!\w)[@#]\w+")  # @handles and #hashtags are not words either

_lock = threading.Lock()
_identifier: _Model | None = None


def _fold_key(value: str) -> str:
    """Casefolded, without accents or punctuation: "Français" -> "francais"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", kept).split())


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for code, (english, others) in _LANGUAGES.items():
        for alias in (code, english, *others):
            aliases[_fold_key(alias)] = code
    return aliases


_ALIASES = _build_aliases()


class _Model:
    """The trimmed py3langid model (see bot/learning/language.py for how it is made)."""

    def __init__(self, data: bytes):
        newline = data.index(b"\n")
        header = json.loads(data[:newline])
        if header.get("format") != 1:
            raise ValueError(f"{MODEL_PATH.name}: unknown format {header.get('format')!r}")
        self.labels: list[str] = header["labels"]
        self.priors: list[float] = header["priors"]
        self.step: float = header["step"]
        self.width = len(self.labels)
        count = header["grams"]
        at = newline + 1
        lengths = data[at : at + count]
        at += count
        text_end = at + sum(lengths)
        row_numbers = array("i")
        row_numbers.frombytes(data[text_end : text_end + 4 * count])
        if sys.byteorder != "little":
            row_numbers.byteswap()
        self.rows = data[text_end + 4 * count :]
        if len(self.rows) != header["rows"] * self.width:
            raise ValueError(f"{MODEL_PATH.name}: truncated")
        # n-gram -> byte offset of its row in self.rows, or -1 (a prefix with no feature)
        grams: dict[bytes, int] = {}
        for length, row in zip(lengths, row_numbers, strict=True):
            grams[data[at : at + length]] = row * self.width if row >= 0 else -1
            at += length
        self.grams = grams
        self.longest = max(lengths)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> _Model:
        return cls(gzip.decompress(path.read_bytes()))

    def _features(self, data: bytes) -> Counter[int]:
        """Row offsets of the n-grams counted in `data`: at each byte, the longest one of the
        vocabulary that ends there (what py3langid's DFA finds; the vocabulary holds every
        prefix of its n-grams, so it is at most one byte longer than the last)."""
        get = self.grams.get
        found: list[int] = []
        n = 0
        longest = self.longest
        for end in range(1, len(data) + 1):
            n = n + 1 if n < longest else longest
            while n:
                row = get(data[end - n : end])
                if row is not None:
                    if row >= 0:
                        found.append(row)
                    break
                n -= 1
        return Counter(found)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every label with its normalised probability, as py3langid's `rank`, best first."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")
        counts = self._features(data)
        width = self.width
        if counts:
            # Sum the rows of features seen equally often as big integers with 32-bit
            # fields, one per label: a few hundred additions instead of a Python loop per
            # label per feature.
            sums: dict[int, int] = {}
            spaced = bytearray(4 * width)
            low = 0 if sys.byteorder == "little" else 3
            rows = self.rows
            for offset, times in counts.items():
                spaced[low::4] = rows[offset : offset + width]
                sums[times] = sums.get(times, 0) + int.from_bytes(spaced, sys.byteorder)
            below = [0.0] * width  # log-probability below each feature's best label, summed
            for times, packed in sums.items():
                fields = memoryview(packed.to_bytes(4 * width, sys.byteorder)).cast("I")
                weight = math.log1p(times)
                below = [b + weight * f for b, f in zip(below, fields, strict=True)]
            scale = 1 / math.sqrt(len(data))  # py3langid's temperature: sqrt(bytes)
            step = self.step
            scores = [(p - step * b) * scale for p, b in zip(self.priors, below, strict=True)]
        else:
            scores = [0.0] * width
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        merged: dict[str, float] = {}
        for label, w in zip(self.labels, weights, strict=True):
            merged[label] = merged.get(label, 0.0) + w / total
        return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def _get_identifier() -> _Model:
    """The language model, loaded once."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _Model.load()
    return _identifier


def _clean(text: str) -> str:
    return _TAG.sub(" ", contacts.replace(text[:_MAX_CHARS], " "))


def probabilities(text: str) -> list[tuple[str, float]]:
    """Every candidate language with its probability, dialects folded, best first."""
    scores: dict[str, float] = {}
    for label, probability in _get_identifier().rank(_clean(text)):
        code = _FOLD.get(label, label)
        scores[code] = scores.get(code, 0.0) + probability
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when unsure.

    None for texts with fewer than MIN_LETTERS letters (emoji, "Hi!", a link), for a best
    guess below MIN_PROBABILITY, and for guesses with no two-letter code ("zxx": no language).
    """
    if not text:
        return None
    cleaned = _clean(text)
    if sum(c.isalpha() for c in cleaned) < MIN_LETTERS:
        return None
    ranked = probabilities(cleaned)
    if not ranked:
        return None
    code, probability = ranked[0]
    if probability < MIN_PROBABILITY or len(code) != 2:
        return None
    return code


# Words common in English and rare elsewhere; a text where they are plentiful is English,
# and the statistical model (about 0.25 ms a message) need not be asked.
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "to",
        "of",
        "for",
        "is",
        "are",
        "with",
        "that",
        "this",
        "have",
        "we",
        "our",
        "i'm",
        "it",
        "be",
        "on",
        "at",
        "would",
        "will",
        "can",
        "if",
        "not",
        "my",
        "me",
    ]
)


def looks_english(text: str) -> bool:
    """A cheap, conservative check: at least one word in six is a common English word."""
    words = re.findall(r"[a-z']+", text[:4000].lower())
    return len(words) >= 8 and sum(w in _ENGLISH for w in words) * 6 >= len(words)


def detect_fast(text: str) -> str | None:
    """`detect`, skipped for text that plainly reads as English."""
    return "en" if looks_english(text) else detect(text)


# Scripts that name their language well enough for a text too short for the model.
_SCRIPTS = (
    ("CYRILLIC", "ru"), ("ARABIC", "ar"), ("HEBREW", "he"), ("GREEK", "el"),
    ("DEVANAGARI", "hi"), ("THAI", "th"), ("HANGUL", "ko"), ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"), ("CJK", "zh"),
)  # fmt: skip


def guess(text: str) -> str:
    """A language code for any text: `detect_fast`, else the main non-Latin script, else "en".

    For an assessment, which always names a language; "Привет!" is too short for the model
    but plainly not English.
    """
    return detect_fast(text) or _main_script(text[:3000]) or "en"


def _main_script(sample: str) -> str | None:
    """The language of the non-Latin script most letters are written in, if they outnumber
    the Latin ones."""
    if sample.isascii():
        return None
    scripts: dict[str, int] = {}
    latin = 0
    # Each distinct letter is named once: a text repeats few of them, and naming is the cost.
    for ch, count in Counter(ch for ch in sample if ch.isalpha()).items():
        char_name = unicodedata.name(ch, "")
        if ch.isascii() or char_name.startswith("LATIN"):
            latin += count
            continue
        for prefix, code in _SCRIPTS:
            if char_name.startswith(prefix):
                scripts[code] = scripts.get(code, 0) + count
                break
    if scripts and sum(scripts.values()) > latin:
        return max(scripts, key=lambda k: scripts[k])
    return None


def name(code: str) -> str:
    """English name of a language code ("de" -> "German"); the code itself when unknown."""
    key = code.strip().lower().replace("_", "-").split("-", 1)[0]
    known = _LANGUAGES.get(key)
    return known[0] if known else code


def normalise(value: str) -> str | None:
    """A language the user typed ("German", "de", "Deutsch", "pt-BR") as its code, or None."""
    if not value or not value.strip():
        return None
    key = _fold_key(value)
    if key in _ALIASES:
        return _ALIASES[key]
    # Locale tags: "pt-BR", "en_US", "zh-Hant-TW" -> the primary subtag.
    tag = value.strip().replace("_", "-")
    if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})+", tag):
        return _ALIASES.get(tag.split("-", 1)[0].lower())
    # "German language", "in Spanish", "Brazilian Portuguese": one word naming a language.
    words = [w for w in key.split() if w not in {"language", "in", "please", "brazilian"}]
    if len(words) == 1 and words[0] in _ALIASES and len(words[0]) > 3:
        return _ALIASES[words[0]]
    return None
