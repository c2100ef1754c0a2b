"""Duplicates and syndicated copies.

Exact copies share the content hash (:func:`storyline.model.content_hash`). Near-duplicates
(the same wire story under another headline or with another footer) are found by MinHash over
word 5-gram shingles with locality-sensitive hashing: the signature is cut into bands, and two
articles that share a band bucket are candidates, confirmed by their estimated Jaccard
similarity. Bands are stored in the database so that the search scales with the corpus.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from storyline.model import normalise_for_hash

NUM_PERM = 128
# 32 bands of 4 rows: pairs with Jaccard ≈ 0.4 collide in one band with probability ≈ 0.56,
# pairs at 0.6 with ≈ 0.98, so the threshold test below decides, not the banding.
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


@dataclass
class Fingerprint:
    """An article's MinHash signature and its LSH band keys."""

    signature: bytes
    buckets: list[str]


def shingles(text: str) -> set[str]:
    """Word 5-grams of the normalised text (the whole text when it is shorter)."""
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(text: str) -> Fingerprint:
    """MinHash signature and band buckets of a text."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    values = minhash.hashvalues.astype(np.uint64)
    buckets = [
        hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=10).hexdigest()
        for b in range(BANDS)
    ]
    return Fingerprint(values.tobytes(), buckets)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    va = np.frombuffer(a, dtype=np.uint64)
    vb = np.frombuffer(b, dtype=np.uint64)
    return float(np.count_nonzero(va == vb)) / len(va)
