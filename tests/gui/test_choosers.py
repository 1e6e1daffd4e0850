"""Every choice a chooser in the window offers can run: map axes, calibration fits, deck and
panel sliders."""

import pytest

import inches
from inches.analysis import calibrate, strategy_map
from inches.decks import parse_deck
from inches.gui.analysis_tabs.window import AnalysisWindow
from inches.gui.controller import Controller
from inches.gui.presenting.view import PresenterView
from inches.gui.widgets.params_panel import ParamsPanel
from inches.model.params import PARAMS, Role, keys_with


@pytest.fixture
def analysis(qtbot):
    c = Controller(inches.load_scenario("dell-2009"))
    w = AnalysisWindow(c)
    qtbot.addWidget(w)
    yield w
    c.stop()


def test_every_map_axis_choice_runs(analysis):
    """Each parameter in the map's choosers runs as an axis (with a neighbour on the other)."""
    page = analysis.pages["Strategy map"]
    page.size.setValue(3)
    keys = [page.x_key.itemData(i) for i in range(page.x_key.count())]
    assert keys == list(keys_with(Role.SWEEP))
    for i, key in enumerate(keys):
        page.x_key.setCurrentIndex(i)
        page.y_key.setCurrentIndex((i + 1) % len(keys))
        axes = page.run_kwargs()
        m = strategy_map(page.controller.scenario, trials=100, months=12, **axes)
        assert m.x_key == key and m.prob_ahead.shape == (3, 3)


def test_every_calibration_choice_fits(analysis):
    """Each box on the Calibrate tab names a parameter the fit accepts."""
    page = analysis.pages["Calibrate"]
    for key, box in page.fit.items():
        for other in page.fit.values():
            other.setChecked(other is box)
        kwargs = page.run_kwargs()
        c = calibrate(page.controller.scenario, trials=100, **kwargs)
        assert list(c.values) == [key]


def test_every_deck_slider_shows_in_the_presenter(qtbot):
    """Any parameter a deck may show as a slider parses in a deck and appears on the page."""
    for key in keys_with(Role.DECK):
        deck = parse_deck(f'title = "t"\n[[step]]\ntitle = "s"\ncaption = "c"\n'
                          f'sliders = ["{key}"]\n')
        view = PresenterView()
        qtbot.addWidget(view)
        view.set_step("s", "c", deck.steps[0].sliders, 0, 1)
        assert list(view.panel.rows) == [key]


def test_every_panel_parameter_has_a_control(qtbot):
    """The panel shows a slider, switch or field for every parameter with the PANEL role."""
    panel = ParamsPanel()
    qtbot.addWidget(panel)
    shown = set(panel.rows) | set(panel.checks) | {"seed"}
    assert shown == {p.key for p in PARAMS if p.has(Role.PANEL)}
