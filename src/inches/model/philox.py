"""Philox4x32-10, a counter-based random number generator, vectorised over numpy arrays.

Philox (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011)
turns a 128-bit counter and a 64-bit key into 128 random bits with ten rounds of 32 x 32 -> 64
bit multiplies. The same (key, counter) always gives the same bits, whatever else is drawn, so
any random number can be addressed directly: deal sizes use the counter (deal pair, trial) and
the key (seed, component), see :mod:`.book`. Every word here is a 32-bit value held in uint64,
so the products fit. The known-answer vectors of Random123 (tests/kat_vectors in the
DEShawResearch/random123 repository) are checked in tests/model/test_philox.py.
"""

from __future__ import annotations

import numpy as np

M0, M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)  # round multipliers
W0, W1 = 0x9E3779B9, 0xBB67AE85  # Weyl key increments
_MASK, _32 = np.uint64(0xFFFFFFFF), np.uint64(32)
ROUNDS = 10


def key_of(seed: int, component: int) -> tuple[int, int]:
    """The 64-bit key (two 32-bit words) of a random component of runs with ``seed``."""
    words = np.random.SeedSequence(int(seed), spawn_key=(component,)).generate_state(2, np.uint32)
    return int(words[0]), int(words[1])


def philox4x32(counter: tuple, key: tuple[int, int], rounds: int = ROUNDS) -> list[np.ndarray]:
    """Random words for each counter: four uint64 arrays of 32-bit values.

    ``counter`` is four arrays (or ints, broadcast) of 32-bit words c0..c3; ``key`` two words.
    """
    n = max(np.size(c) for c in counter)
    x = [np.array(np.broadcast_to(np.asarray(c, np.uint64), (n,))) for c in counter]
    p0, p1 = np.empty(n, np.uint64), np.empty(n, np.uint64)
    k0, k1 = key
    for r in range(rounds):
        if r:
            k0, k1 = (k0 + W0) & 0xFFFFFFFF, (k1 + W1) & 0xFFFFFFFF
        x0, x1, x2, x3 = x
        np.multiply(x0, M0, out=p0)
        np.multiply(x2, M1, out=p1)
        np.right_shift(p1, _32, out=x0)  # x0 = hi(M1 x2) ^ x1 ^ k0
        x0 ^= x1
        x0 ^= np.uint64(k0)
        np.right_shift(p0, _32, out=x2)  # x2 = hi(M0 x0) ^ x3 ^ k1
        x2 ^= x3
        x2 ^= np.uint64(k1)
        np.bitwise_and(p1, _MASK, out=x1)  # x1 = lo(M1 x2)
        np.bitwise_and(p0, _MASK, out=x3)  # x3 = lo(M0 x0)
    return x


def uniforms(hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """Uniforms strictly inside (0, 1) from 52 bits of two words: (m + 1/2) / 2^52, exactly.

    Every value is an odd multiple of 2^-53, so u and 1 - u are equally likely and the
    smallest, 2^-53, keeps its normal finite (about -8.3). ``hi`` and ``lo`` are overwritten.
    """
    hi <<= np.uint64(20)
    lo >>= np.uint64(12)
    hi |= lo
    u = np.multiply(hi, 2.0**-52, dtype=np.float64)
    u += 2.0**-53
    return u
