"""Story decks: a TOML file of steps a presenter walks a room through. No Qt here.

A deck names a base scenario and a list of steps. Each step has a title, a caption the room
reads, the 1 to 6 parameters shown as sliders, and the parameter values it sets::

    format = 1
    title = "Inches or miles? The Dell Outlet story"
    description = "One line for `inches deck list`"
    scenario = "dell-2009"       # a preset name or a scenario file relative to the deck file
    [run]                        # optional run settings for the whole deck
    trials = 10_000

    [[step]]
    title = "Trust takes time"
    caption = "One or two sentences the room reads."
    sliders = ["community.trust_months", "community.staff", "community.conversion"]
    [step.values]
    community.trust_months = 18  # dotted keys, as in `inches run --set`
    months = 18                  # run settings by name (or run.months)

Values are cumulative: step k shows the base scenario with the values of steps 1..k applied in
order, so a step only lists what changes and going back to a step restores exactly its values.
Anything else is refused with one :class:`DeckError` message naming the file, the step (number
and title), the key, the value and what is allowed. Steps are numbered from 1 in messages and
indexed from 0 in :meth:`Deck.values_at` and :meth:`Deck.scenario_at`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.params import BY_KEY
from ..model.scenario import Scenario, ScenarioError

FORMAT = 1
DEFAULT_SCENARIO = "dell-2009"
MAX_SLIDERS = 6  # a screen holds about six sliders beside two charts
MAX_CAPTION = 300  # characters: two sentences a room reads in one breath
MAX_TITLE = 80


class DeckError(ScenarioError):
    """A deck that cannot be shown; the message names the file, the step and the key."""


@dataclass(frozen=True)
class Step:
    """One screen of a deck.

    ``values`` holds the parameter values this step sets (scenario keys such as
    ``"community.staff"`` or ``"equal_budget"``; units as typed, shares in percent, booleans as
    1.0/0.0). ``sliders`` are the 1 to 6 parameter keys shown on screen, in order.
    """

    title: str
    caption: str
    values: Mapping[str, float]
    sliders: tuple[str, ...]


@dataclass(frozen=True)
class Deck:
    """A story: the ``base`` scenario (with the deck's ``[run]`` settings) and its steps.

    ``name`` is the shipped deck's name or the file's stem; ``path`` is the file, or None for a
    shipped deck.
    """

    title: str
    description: str
    steps: tuple[Step, ...]
    base: Scenario
    name: str = ""
    path: Path | None = None

    def values_at(self, index: int) -> dict[str, float]:
        """Every parameter's value at step ``index`` (0-based): base + steps 0..index in order."""
        values = dict(self.base.values)
        for step in self.steps[:self._index(index) + 1]:
            values.update(step.values)
        return values

    def scenario_at(self, index: int) -> Scenario:
        """The scenario to simulate at step ``index`` (0-based), named like the base."""
        changes = {}
        for step in self.steps[:self._index(index) + 1]:
            changes.update(step.values)
        # Scenario.with_values re-checks every value, and wants on/off settings as booleans.
        return self.base.with_values({k: bool(v) if BY_KEY[k].boolean else v
                                      for k, v in changes.items()})

    def changes_at(self, index: int) -> dict[str, float]:
        """The values step ``index`` changes from the step before (from the base for step 0)."""
        i = self._index(index)
        before = self.values_at(i - 1) if i else dict(self.base.values)
        return {k: v for k, v in self.values_at(i).items() if v != before[k]}

    def _index(self, index: int) -> int:
        try:
            return range(len(self.steps))[index]
        except IndexError:
            raise IndexError(f"deck {self.name or self.title!r} has steps 0 to "
                             f"{len(self.steps) - 1}, not {index}") from None
