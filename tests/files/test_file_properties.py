"""Property: any scenario file either loads or is refused in one sentence naming the file.

Hypothesis writes 500 files per run (the same ones each time): scenario documents with likely
and unlikely values, edited by hand, with a byte-order mark, in UTF-16, or junk.
"""

from hypothesis import given

from inches.files.scenarios import parse_scenario, read_scenario, scenario_to_toml
from inches.model.scenario import Scenario, ScenarioError
from tests.strategies import EXAMPLES, PROPERTY_SETTINGS, file_bytes, scenario_documents


def test_scenario_files_load_or_fail_in_one_sentence(tmp_path):
    """Never any other exception; a loaded scenario can run and saves back the same."""
    path = tmp_path / "plan.toml"
    outcomes = {"loaded": 0, "refused": 0}

    @PROPERTY_SETTINGS
    @given(data=file_bytes(scenario_documents()))
    def check(data):
        path.write_bytes(data)
        try:
            s = read_scenario(path)
        except ScenarioError as e:
            message = str(e)
            assert "\n" not in message and str(path) in message, message
            assert "unexpected" not in message and len(message) < 2000
            outcomes["refused"] += 1
            return
        assert isinstance(s, Scenario) and s.check() is s
        assert dict(parse_scenario(scenario_to_toml(s)).values) == dict(s.values)
        outcomes["loaded"] += 1

    check()
    assert sum(outcomes.values()) >= EXAMPLES and min(outcomes.values()) > 0, outcomes
