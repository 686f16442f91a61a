"""Build the compact language model bot/text/language.py reads, from py3langid's model.

    python -m bot.learning.language        # rewrites bot/text/language_model.bin.gz

py3langid (>= 0.4) is a naive Bayes model over byte n-grams (1 to 6 bytes), found by a DFA:
at each byte the state is the longest n-gram of its vocabulary that ends there, and that
state's feature is counted. Loaded, it costs about 75 MiB (NumPy, a 100,053 x 142 float
table, a 9.8 million entry transition table). This keeps the same n-grams and the same
arithmetic, and trims what the bot does not need:

- the classes: the languages bot/text/language.py has names for, the dialects it folds and
  what they fold into, "zxx" (no language), and close relatives that keep a neighbour honest
  (Luxembourgish for German, Afrikaans for Dutch, Galician for Portuguese...). Classes it
  drops no longer take a share of the probability: on the corpus that makes short English
  texts surer, and it changes no verdict to a wrong one (bench/language.py).
- the numbers: each feature's log-probabilities, less their maximum over the kept classes,
  in steps of 1/255 of the widest spread, one byte each; rows that come out equal are
  stored once. The shift is the same for every class, so softmax does not see it.
- the n-grams: the 50,000 that matter most with their prefixes, of 104,582. An n-gram
  matters by how much it moves the scores away from what the next shorter match (the one
  found at that byte without it) would say, weighted by how often the kept languages use
  it (py3langid's own P(n-gram | language)). Fewer n-grams and the verdicts on short texts
  grow unsure (40,000 lose a little, 20,000 clearly; bench/language.py).
- the DFA: replaced by a dict of the n-grams (and their prefixes), which gives the same
  longest match at every byte.

The file is gzip: one line of JSON (labels, priors, step, sizes), then the n-grams (one
length byte each, then their bytes), their row numbers (int32, -1 for a prefix with no
feature of its own) and the rows (one byte per class). Deterministic: the same py3langid
model gives the same file. Needs the train extra (NumPy) and py3langid, the bot neither.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from array import array
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

from bot.text import language

FORMAT = 1
# Kept beside the named languages: neighbours whose share would otherwise move to a
# language the bot names (names and short texts would read as German, Dutch, Spanish...).
NEIGHBOURS = (
    *("lb", "fy", "af", "gl", "an", "oc", "lij", "vec", "wa", "la", "eo"),  # Latin, west
    *("is", "fo", "ga", "gd", "cy", "mt", "sq", "bs", "mk", "be", "uz"),
)
NGRAMS = 50_000


def kept_labels(classes: list[str]) -> list[str]:
    """The py3langid classes the compact model keeps, in py3langid's order."""
    wanted = {*language._LANGUAGES, *language._FOLD, *language._FOLD.values(), "zxx"}
    wanted |= set(NEIGHBOURS)
    return [label for label in dict.fromkeys(classes) if label in wanted]


def _node_strings(nextmove: array, rowbase: list[int], states: int) -> list[bytes]:
    """The n-gram each DFA state stands for: its shortest path from the start state."""
    found: list[bytes | None] = [None] * states
    found[0] = b""
    queue = deque([0])
    while queue:
        state = queue.popleft()
        base = rowbase[state]
        prefix = found[state]
        assert prefix is not None
        for byte in range(256):
            target = nextmove[base + byte]
            if found[target] is None:
                found[target] = prefix + bytes((byte,))
                queue.append(target)
    if any(s is None for s in found):
        raise ValueError("py3langid model: a DFA state cannot be reached")
    return [s for s in found if s is not None]


def _kept_ngrams(strings: list[bytes], outputs: list[int], table: np.ndarray) -> set[bytes]:
    """The NGRAMS n-grams (prefixes included) that matter most, see the module docstring."""
    state_of = {s: i for i, s in enumerate(strings)}
    centred = table - table.mean(1, keepdims=True)
    frequency = np.exp(table)
    importance = np.zeros(len(strings))
    for state, string in enumerate(strings):
        feature = outputs[state]
        if not string or feature < 0:
            continue
        shorter = next(
            (state_of[string[k:]] for k in range(1, len(string)) if string[k:] in state_of), 0
        )
        fallback = outputs[shorter]
        moved = centred[feature] - (centred[fallback] if fallback >= 0 else 0.0)
        importance[state] = float((frequency[feature] * np.abs(moved)).sum())
    kept: set[bytes] = set()
    for state in np.argsort(-importance, kind="stable"):
        if len(kept) >= NGRAMS or importance[state] <= 0:
            break
        string = strings[state]
        kept.update(string[:n] for n in range(1, len(string) + 1))
    return kept


def build(identifier: Any) -> bytes:
    """The compact model file's bytes, from a loaded py3langid LanguageIdentifier."""
    classes: list[str] = list(identifier.nb_classes)
    labels = kept_labels(classes)
    columns = [i for i, label in enumerate(classes) if label in labels]
    strings = _node_strings(identifier.tk_nextmove, identifier._rowbase, len(identifier.tk_output))
    outputs = list(identifier.tk_output)

    table = np.asarray(identifier.nb_ptc, dtype=np.float32)[:, columns]
    kept = _kept_ngrams(strings, outputs, table)
    used = sorted({outputs[i] for i, s in enumerate(strings) if s in kept and outputs[i] >= 0})
    table = table[used]
    feature_row = {feature: k for k, feature in enumerate(used)}
    step = float((table.max(1) - table.min(1)).max()) / 255
    quantised = np.rint((table.max(1, keepdims=True) - table) / step)
    quantised = np.clip(quantised, 0, 255).astype(np.uint8)
    rows, row_of_feature = np.unique(quantised, axis=0, return_inverse=True)
    row_of_feature = row_of_feature.ravel()

    grams = sorted((s, i) for i, s in enumerate(strings) if s in kept)
    lengths = bytes(len(s) for s, _ in grams)
    row_numbers = array(
        "i",
        (int(row_of_feature[feature_row[outputs[i]]]) if outputs[i] >= 0 else -1 for _, i in grams),
    )
    if sys.byteorder != "little":
        row_numbers.byteswap()
    header = {
        "format": FORMAT,
        "source": "py3langid " + _version(),
        "labels": [classes[i] for i in columns],
        "priors": [round(float(identifier.nb_pc[i]), 6) for i in columns],
        "step": round(step, 9),
        "grams": len(grams),
        "rows": len(rows),
    }
    body = b"".join(
        [
            json.dumps(header, sort_keys=True).encode() + b"\n",
            lengths,
            b"".join(s for s, _ in grams),
            row_numbers.tobytes(),
            np.ascontiguousarray(rows).tobytes(),
        ]
    )
    return gzip.compress(body, compresslevel=9, mtime=0)


def _version() -> str:
    from importlib.metadata import version

    return version("py3langid")


def load_py3langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=language.MODEL_PATH)
    args = parser.parse_args(argv)
    data = build(load_py3langid())
    args.out.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()[:12]
    print(f"wrote {args.out} ({len(data) / 1024:.0f} KiB, sha256 {digest})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
