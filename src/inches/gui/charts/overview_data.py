"""The overview's arrays for one result (and an optional pinned baseline), in plain numpy.

Kept apart from the widgets so the numbers the charts show can be computed and checked
without drawing anything.
"""

from __future__ import annotations

import numpy as np

from ...model.outcome import Z
from ...text import STRATEGIES
from .ranges import nice_ceil

SAMPLE_RANKS = (0.1, 0.3, 0.5, 0.7, 0.9)  # of horizon cumulative net: the spread, not the luck
# Sample futures are picked among the first trials only: a preview runs exactly these (the
# controller's PREVIEW_TRIALS), so the same futures stay on screen when the full run lands.
SAMPLE_POOL = 2_000
BINS, CLIP = 60, (0.5, 99.5)  # about 60 histogram bins over the combined P0.5-P99.5


def from_zero(bands: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Bands with month 0 (value 0) in front, so lines start at the origin."""
    return {k: np.concatenate(([0.0], v)) for k, v in bands.items()}


def samples(part) -> np.ndarray | None:
    """Cumulative revenue (from month 0) of the trials at SAMPLE_RANKS of horizon net, among
    the first :data:`SAMPLE_POOL` trials."""
    cumulative = part.cumulative_revenue
    if cumulative is None:
        return None
    h = part.horizon_net[:SAMPLE_POOL]
    kth = np.unique(np.round(np.asarray(SAMPLE_RANKS) * (h.size - 1)).astype(int))
    picked = np.argpartition(h, kth)[kth]
    out = np.zeros((picked.size, cumulative.shape[1] + 1))
    out[:, 1:] = cumulative[picked]
    return out


def overview(r, b=None) -> dict:
    """Bands, sample futures, histogram and chance-ahead of result ``r`` and baseline ``b``."""
    h = r.months
    lead = r.lead
    d = {"months": h, "x": np.arange(h + 1.0), "x1": np.arange(1.0, h + 1.0),
         "ahead": 100.0 * lead.ahead, "ahead_band": 100.0 * Z * lead.ahead_se,
         "ahead_from": lead.crossover_month,
         "cum": {s: from_zero(getattr(r, s).bands("cumulative_net")) for s in STRATEGIES},
         "samples": {s: samples(getattr(r, s)) for s in STRATEGIES}}
    finals = [getattr(r, s).horizon_net for s in STRATEGIES]
    fans = list(d["cum"].values())
    if b is not None:
        d["ghost"] = {s: from_zero(getattr(b, s).bands("cumulative_net")) for s in STRATEGIES}
        d["ghost_x"] = np.arange(b.months + 1.0)
        d["ghost_ahead"] = 100.0 * b.prob_community_ahead
        fans += list(d["ghost"].values())
        finals += [getattr(b, s).horizon_net for s in STRATEGIES]
    d["cum_y"] = (min(0.0, *(f["p5"].min() for f in fans)),
                  max(0.0, *(f["p95"].max() for f in fans)))
    # A thinned copy is plenty to place the clipping percentiles of a million futures.
    every = np.concatenate([f[:: max(1, f.size // 50_000)] for f in finals])
    d["edges"] = edges(*np.percentile(every, CLIP))
    d["hist"] = [np.histogram(f, bins=d["edges"])[0] * (100.0 / f.size) for f in finals]
    d["medians"] = {s: float(d["cum"][s]["p50"][-1]) for s in STRATEGIES}
    return d


def edges(lo: float, hi: float) -> np.ndarray:
    """Histogram bin edges covering ``lo``..``hi``: about :data:`BINS` bins of a round width
    on a grid of its multiples, so bins stay put while the range moves a little (the other
    strategy's bars do not change shape while one slider moves)."""
    if not hi > lo:
        lo, hi = lo - max(1.0, abs(lo) * 0.1), hi + max(1.0, abs(hi) * 0.1)
    width = nice_ceil((hi - lo) / BINS)
    first, last = np.floor(lo / width), np.ceil(hi / width)
    return np.arange(first, last + 1) * width
