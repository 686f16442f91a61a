"""Every regex in the bot runs in linear time on any input (issue 16: no input can stall it).

The patterns are collected, not listed: every compiled `re.Pattern` a module of the `bot`
package holds at module level, alone or inside tuples, lists, sets, dicts and dataclasses (the
rule table's `Rule` rows, the slots' OFFERS and ASKS). A new pattern is audited without anyone
remembering to add it here.

Each one scans (`finditer`, which also covers `search`, `sub` and `split`) adversarial strings
of 2.5 KB and 10 KB of the same shape. Four times the input must cost well under sixteen times
the time (linear is 4x, quadratic 16x), and 10 KB must stay under an absolute ceiling, which
catches a linear pattern with a ruinous constant.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest

import bot
from tests.adversarial import SHAPES, repeat

SMALL, BIG = 2_500, 10_000
RATIO = 8.0  # linear is 4x, quadratic 16x
# Below this at 10 KB a busy machine's noise decides the ratio (linear patterns read 2 ms and
# measured 7x), and nothing super-linear is that fast: one scan per start position over a
# 10 KB run is some 50 million steps, tens of milliseconds.
FLOOR = 0.005
CEILING = 0.05  # seconds per pattern per 10 KB string
REPEATS = 5  # a first reading over a limit is taken again, best of this many


def _modules() -> Iterator[object]:
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if ".migrations" in info.name:  # Alembic scripts run on import; they hold no patterns
            continue
        try:
            yield importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # an extra not installed (train: scikit-learn)
            if (exc.name or "bot").split(".")[0] == "bot":
                raise


Found = dict[tuple[str, int], tuple[str, re.Pattern[str]]]


def _collect(value: object, name: str, found: Found, depth: int = 3) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), (name, value))
    elif depth == 0 or isinstance(value, str | bytes | type):
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{name}[{key!r}]", found, depth - 1)
    elif isinstance(value, tuple | list | set | frozenset):
        for index, item in enumerate(value):
            _collect(item, f"{name}[{index}]", found, depth - 1)
    elif dataclasses.is_dataclass(value):
        label = getattr(value, "id", None)  # a rule is known by its id
        for field in dataclasses.fields(value):
            inner = f"{type(value).__name__}({label})" if label else f"{name}.{field.name}"
            _collect(getattr(value, field.name), inner, found, depth - 1)


def _patterns() -> dict[str, re.Pattern[str]]:
    found: Found = {}
    for module in _modules():
        for attr, value in vars(module).items():
            _collect(value, f"{module.__name__}.{attr}", found)
    return dict(found.values())


PATTERNS = _patterns()


def _cost(pattern: re.Pattern[str], text: str, repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def _too_slow(small: float, big: float) -> bool:
    return big > CEILING or (big > FLOOR and big > RATIO * small)


def test_the_audit_sees_every_kind_of_holder() -> None:
    """Module constants, tuples of them, the rule table and the slots' (phrase, pattern) rows."""
    from bot import preferences
    from bot.engine import injection
    from bot.engine.offline import drafting, evidence, slots
    from bot.engine.offline.rules import RULES
    from bot.screens import vocabulary
    from bot.telegram import callbacks
    from bot.text import contacts, language

    held = {
        injection._PATTERNS,
        contacts.EMAIL,
        contacts.CONTACT,
        language._TAG,
        callbacks._DATA,
        preferences._CONTROL,
        vocabulary.VIEW_RE,
        drafting._CLAUSE_BREAK,
        evidence.MERGE_FIELD,
        *(rx for _, rx in slots.OFFERS + slots.ASKS),
        *(rule.pattern for rule in RULES),
    }
    audited = set(PATTERNS.values())
    assert [rx.pattern for rx in held if rx not in audited] == []
    assert len(PATTERNS) > len(RULES)


def test_the_timing_flags_a_quadratic_pattern() -> None:
    """The check can fail: a leading `\\s*` tried from every space of a long run is quadratic."""
    quadratic = re.compile(r"\s*x")
    small = _cost(quadratic, repeat(" ", SMALL))
    big = _cost(quadratic, repeat(" ", BIG))
    assert _too_slow(small, big), (small, big)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_input(name: str) -> None:
    pattern = PATTERNS[name]
    slow = []
    gc.disable()  # a collection mid-reading is not the pattern's cost
    try:
        for shape, unit in SHAPES.items():
            small_text, big_text = repeat(unit, SMALL), repeat(unit, BIG)
            small, big = _cost(pattern, small_text), _cost(pattern, big_text)
            if _too_slow(small, big):
                small = _cost(pattern, small_text, REPEATS)
                big = _cost(pattern, big_text, REPEATS)
                if _too_slow(small, big):
                    slow.append(
                        f"{shape}: {small * 1e3:.1f} ms at 2.5 KB, {big * 1e3:.1f} ms at 10 KB"
                    )
    finally:
        gc.enable()
    assert slow == [], f"{pattern.pattern!r}\n" + "\n".join(slow)
