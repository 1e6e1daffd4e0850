"""A minute of seeded random use of the real window (benchmarks/soak.py) ends without a single
exception: sliders, typed values, ranges, undo, files, presenting, themes and analyses."""

import subprocess
import sys
from pathlib import Path

SOAK = Path(__file__).parents[2] / "benchmarks" / "soak.py"


def test_a_minute_of_use_raises_nothing():
    proc = subprocess.run([sys.executable, str(SOAK), "--seconds", "60", "--seed", "7"],
                          capture_output=True, text=True, timeout=600)
    last = proc.stdout.strip().splitlines()[-1]
    figures = dict(part.split("=") for part in last.split())
    assert figures["exceptions"] == "0", proc.stderr[-4000:]
    assert proc.returncode == 0
