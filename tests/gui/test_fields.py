"""The window's value fields read numbers as the command line does, and keep every digit."""

import pytest
from PySide6.QtCore import Qt

from inches.gui.widgets.params_panel import ParamsPanel


@pytest.fixture
def panel(qtbot):
    p = ParamsPanel()
    qtbot.addWidget(p)
    p.show()
    seen = []
    refused = []
    p.changed.connect(lambda k, v: seen.append((k, v)))
    p.refused.connect(refused.append)
    return p, seen, refused


def _type(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize("text, hint", [("1,5", "use a point for decimals"),
                                        ("12 months", "not a number"), ("99", "out of range")])
def test_bad_values_are_refused_with_a_hint_and_kept(qtbot, panel, text, hint):
    """A comma, trailing words or an out-of-range value: refused with one sentence, the field
    turns red and keeps what was typed; Escape puts the value back."""
    p, seen, refused = panel
    field = p.rows["community.trust_months"].field
    _type(qtbot, field, text)
    assert seen == [] and len(refused) == 1 and hint in refused[0]
    assert field.property("bad") and field.text() == text
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.property("bad") and field.text() == "12.0 mo"


def test_editing_starts_from_the_bare_number(qtbot, panel):
    """Focus shows 250000 (no separator, no unit); typing 300000 sets it; the field then shows
    $300,000 again."""
    p, seen, _ = panel
    field = p.rows["deals.deal_size"].field
    field.setFocus()
    assert field.text() == "250000"
    _type(qtbot, field, "300000")
    assert seen[-1] == ("deals.deal_size", 300000.0)
    field.clearFocus()
    p.rows["deals.deal_size"].set_value(300000)
    assert field.text() == "$300,000"


def test_a_large_seed_keeps_every_digit(qtbot, panel):
    """2^63 - 1 typed in the seed field reaches the scenario as that exact integer."""
    p, seen, refused = panel
    _type(qtbot, p.seed, str(2**63 - 1))
    assert seen[-1] == ("seed", 2**63 - 1) and isinstance(seen[-1][1], int)
    _type(qtbot, p.seed, str(2**63))
    assert refused and "out of range" in refused[-1]
