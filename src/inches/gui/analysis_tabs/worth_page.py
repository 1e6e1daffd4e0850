"""What it is worth to learn each uncertain number before choosing a strategy.

For each range, the expected value of perfect partial information: how much more the
better-informed choice is expected to net by the horizon than choosing now. All the ranges
together (the expected value of perfect information) is the top bar. Each bar has its Monte
Carlo error; values come from the same futures (analysis/information.py, docs/model.md
section 12).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...analysis import value_of_information
from .bars import BarsChart
from .page import AnalysisPage

NO_RANGES = ("Worth knowing needs ranges: click ± beside a parameter to give it one, or open "
             "Presets > dell-2009-uncertain.")


class WorthPage(AnalysisPage):
    """The "Worth knowing" tab."""

    title = "Worth knowing"
    empty_text = "what learning each uncertain number before choosing is worth"
    function = staticmethod(value_of_information)
    default_trials = 20_000

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        hint = QLabel("For each range: how much better the choice is expected to turn out "
                      "if you learn the number first.", self)
        hint.setWordWrap(True)
        self.inputs.addWidget(hint, 1)
        self.plot = BarsChart("worth", "Worth knowing before choosing",
                              "Expected gain from knowing first ($)", money=True,
                              detail="bars ± 2 standard errors")
        self.body.addWidget(self.plot)

    def run_kwargs(self) -> dict:
        if not self.controller.scenario.ranges:
            raise ValueError(NO_RANGES)
        return {}

    def show_result(self, result) -> None:
        bars = result.bars()
        kinds = ["inches" if key.startswith("community.") else "miles" for key, *_ in bars]
        self.plot.show_bars(["All ranges together"] + [label for _, label, _, _ in bars],
                            [result.evpi.value] + [value for _, _, value, _ in bars],
                            [result.evpi.se] + [se for *_, se in bars],
                            ["muted"] + kinds)

    def summary(self, result) -> str:
        return result.summary()
