"""Calibration: the dell-2009 preset reproduces Dell Outlet's sourced sales points (MODEL.md)."""

from __future__ import annotations

import numpy as np
import pytest

import inches

# month (0 = June 2007) -> cumulative Twitter-attributed sales, from MODEL.md's calibration case
DELL_POINTS = {18: 1_000_000.0, 24: 3_000_000.0, 30: 6_500_000.0}


@pytest.fixture(scope="module")
def dell():
    s = inches.load_scenario("dell-2009")
    assert (s.trials, s.seed) == (10_000, 2009)
    return s, inches.simulate(s, trials=s.trials, seed=s.seed)


@pytest.mark.parametrize("month", sorted(DELL_POINTS))
def test_dell_median_cumulative_revenue_passes_near_sourced_points(dell, month):
    """The preset's median cumulative community revenue is within 15 % of Dell's $1M, $3M, $6.5M."""
    _, r = dell
    median = r.community.bands("cumulative_revenue")["p50"][month - 1]
    target = DELL_POINTS[month]
    assert abs(median - target) <= 0.15 * target, f"month {month}: ${median:,.0f} vs ${target:,.0f}"


def test_dell_median_matches_per_trial_median(dell):
    """The band the calibration reads is the median of the per-trial cumulative revenue."""
    _, r = dell
    months = [m - 1 for m in DELL_POINTS]
    np.testing.assert_allclose(r.community.bands("cumulative_revenue")["p50"][months],
                               np.median(r.community.cumulative_revenue[:, months], axis=0),
                               rtol=1e-12)


def test_dell_followers_are_in_the_sourced_range(dell):
    """Median followers at June 2009 (month 24) are near the sourced 600K (within 25 %)."""
    # MODEL.md: about 600K followers in June 2009; 1.5M in Dec 2009 counts only the main
    # account of a 3.5M community, so only the June figure is checked.
    _, r = dell
    median = r.community.bands("followers")["p50"][23]
    assert abs(median - 600_000) <= 0.25 * 600_000, median
