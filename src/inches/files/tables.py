"""Results as tables for a spreadsheet: the monthly bands of both strategies as CSV."""

from __future__ import annotations

import csv
import io

from ..model.outcome import Result
from ..model.results import BAND_KEYS


def bands_csv(r: Result) -> str:
    """Monthly bands of both strategies as CSV text, one row per month."""
    cols = []
    for part in (r.community, r.deals):
        for q in part.quantities:
            if q == "halo" and not r.scenario.values["community.halo_per_follower"]:
                continue
            b = part.bands(q)
            cols += [(f"{part.name}.{q}.{k}", b[k]) for k in BAND_KEYS]
    cols.append(("prob_community_ahead", r.prob_community_ahead))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["month"] + [name for name, _ in cols])
    for m in range(r.months):
        w.writerow([m + 1] + [f"{float(v[m]):.6g}" for _, v in cols])
    return buf.getvalue()
