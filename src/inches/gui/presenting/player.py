"""Walking a story deck: each step's values are reached by gliding from the current ones over
about half a second, as one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation, Signal

from ...model.params import BY_KEY, Role

GLIDE_MS = 500


class DeckPlayer(QObject):
    """Steps through a deck, gliding the controller's values from one step to the next."""

    stepChanged = Signal(int)  # index of the step now shown

    def __init__(self, controller, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.deck = None
        self.index = 0
        self._start: dict = {}
        self._target: dict = {}
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(GLIDE_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._frame)
        self._anim.finished.connect(self._landed)

    @property
    def gliding(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def start(self, deck, index: int = 0) -> None:
        """Present ``deck`` from step ``index``."""
        self.deck = deck
        self.go(index, glide=False)

    def stop(self) -> None:
        if self.gliding:
            self._anim.stop()
            self._landed()
        self.deck = None

    def step(self, delta: int) -> None:
        """Forward (+1) or back (-1); nothing past either end."""
        if self.deck is not None:
            self.go(min(max(self.index + delta, 0), len(self.deck.steps) - 1))

    def go(self, index: int, glide: bool = True) -> None:
        """Show step ``index``: its values (all of them, so back restores them exactly)."""
        if self.deck is None:
            return
        if self.gliding:  # a click during a glide: land it first, then go on
            self._anim.stop()
            self._landed()
        self.index = index
        target = dict(self.deck.values_at(index))
        current = self.controller.scenario.values
        changed = {k: v for k, v in target.items() if current[k] != v}
        self.stepChanged.emit(index)
        if not changed:
            return
        if not glide:
            self.controller.set_values(changed, f"Deck step {index + 1}")
            return
        self._start = {k: current[k] for k in changed}
        self._target = changed
        # Switches (booleans) and run settings jump at once; numbers glide.
        jumps = {k: v for k, v in changed.items() if not BY_KEY[k].has(Role.GLIDE)}
        self.controller.set_dragging(True)
        if jumps:
            self.controller.set_values(jumps, "Deck step", merge_key="deck")
        self._anim.start()

    def _frame(self, t) -> None:
        t = float(t)
        values = {}
        for key, end in self._target.items():
            start = self._start[key]  # a range (low .. high) does not glide: it lands
            if not BY_KEY[key].has(Role.GLIDE) or hasattr(start, "low") or hasattr(end, "low"):
                continue
            p, start = BY_KEY[key], self._start[key]
            v = start + (end - start) * t
            values[key] = round(v) if p.integer else v
        if values:
            self.controller.set_values(values, "Deck step", merge_key="deck")

    def _landed(self) -> None:
        if self._target:
            self.controller.set_values(self._target, "Deck step", merge_key="deck")
        self._target = {}
        self.controller.set_dragging(False)
