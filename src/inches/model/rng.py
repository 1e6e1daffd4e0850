"""The random number generators behind every stream: one PCG64 per (component, block) key,
and the standard normals the streams draw from them."""

from __future__ import annotations

import numpy as np

BLOCK = 1000  # trials that share a generator: a chunk starts on a block boundary


def generator(seed: int, *key: int) -> np.random.Generator:
    """The generator of one stream: ``SeedSequence(seed, spawn_key=key)``, PCG64."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def normals(g: np.random.Generator, shape: tuple[int, ...], out: np.ndarray | None = None
            ) -> np.ndarray:
    """Standard normals (float32) by the Box-Muller transform of pairs of uniforms.

    Exact in law: for uniforms u1, u2 in (0, 1], ``sqrt(-2 ln u1) cos(2 pi u2)`` and the sine
    are two independent standard normals. The single-precision uniforms lie on a grid of
    2^-24, which keeps every |z| below 5.77 (a tail of probability 8e-9) and the CDF within
    1e-7 of the normal's; in single precision numpy vectorises log, cos and sin, which makes
    this twice as fast as its own normal generator here. Consecutive uniforms make a pair, so
    drawing rows in two calls gives the rows one call would (an even count per call).
    ``out``: a C-contiguous float32 array of ``shape`` (an even count) to fill.
    """
    count = int(np.prod(shape))
    u = (g.random(count + (count & 1), dtype=np.float32) if out is None else
         g.random(dtype=np.float32, out=out.reshape(-1)))
    pairs = u.view(np.complex64)  # (u1, u2) pairs: real and imaginary parts, no copies
    radius = np.subtract(np.float32(1.0), pairs.real)  # (0, 1]: never the log of 0
    np.log(radius, out=radius)
    np.multiply(radius, np.float32(-2.0), out=radius)
    np.sqrt(radius, out=radius)
    angle = np.subtract(np.float32(1.0), pairs.imag)
    np.multiply(angle, np.float32(2.0 * np.pi), out=angle)
    sine = np.sin(angle)
    np.cos(angle, out=angle)
    angle *= radius
    sine *= radius
    pairs.real, pairs.imag = angle, sine  # written over the uniforms, in place
    return u[:count].reshape(shape)
