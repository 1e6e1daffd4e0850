"""Hypothesis strategies for what a user may hand Inches: scenario files, deck files and
--set values, mostly nearly right (the mistakes people make) and some plain junk.

Kept in one place so the property tests of files, decks and the command line draw from the
same idea of "possibly wrong input". Everything here is data; nothing runs Inches.
"""

from __future__ import annotations

import datetime

import tomli_w
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from inches.model.params import BY_KEY, PARAMS, Role

# 500 examples each, the same ones on every run (CI stays stable), no time limit per example.
PROPERTY_SETTINGS = settings(max_examples=500, derandomize=True, database=None, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])
EXAMPLES = 500

KEYS = [p.key for p in PARAMS]
NAMES = {group: [p.name for p in PARAMS if p.group == group]
         for group in ("community", "deals", "run")}

# Numbers as people type them: right, with a decimal comma, thousands separators, a unit,
# trailing text, spaces, or not numbers at all.
_MISTAKES = ["{}", "{},5", "{},000", "1,{}", "{} 000", "{}'000", "${}", "{}%", "{}K", "{}k",
             "{} months", "{}abc", " {} ", "{}e3", "{}_000", "_{}", "{}__0", "-{}", "+{}",
             "{}.", ".{}", "{}e", "{}e999", "0x{}"]
number_texts = st.one_of(
    st.builds(lambda form, n: form.format(n), st.sampled_from(_MISTAKES),
              st.one_of(st.integers(-10, 10**7), st.integers(0, 2**64),
                        st.decimals(0, 10**5, places=2, allow_nan=False))),
    st.sampled_from(["", "nan", "inf", "-inf", "true", "on", "off", "yes", "1e400",
                     "9223372036854775807", "9223372036854775808", "9007199254740993",
                     "١٢", "１２", "−5", "1.5.5", "--1", "1e-400"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)

# Values as TOML holds them: numbers of every kind (huge, negative, nan), booleans, text,
# dates, arrays and tables, nested a little.
_scalars = st.one_of(
    st.integers(-10**20, 10**20), st.integers(0, 2**63 + 10),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.text(max_size=20), number_texts, st.dates(), st.times(),
    st.datetimes(timezones=st.just(datetime.timezone.utc)),
)
toml_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


def _likely(values):
    """A number for a parameter, in range or not, or sometimes anything TOML can hold."""
    return st.one_of(st.integers(0, 250), st.floats(-5, 1e6, allow_nan=False),
                     st.integers(0, 2**63 + 10), values)


def _table_value(name: str, table: str):
    """For a key of ``table``: often a value in its range, else anything likely."""
    key = name if table == "run" else f"{table}.{name}"
    if key in BY_KEY:
        return st.one_of(valid_values(BY_KEY[key]), valid_values(BY_KEY[key]),
                         _likely(toml_values))
    return _likely(toml_values)


@st.composite
def scenario_documents(draw) -> dict:
    """A scenario document as dicts: real tables and keys with likely values, and mistakes."""
    doc = {}
    if draw(st.booleans()):
        doc["format"] = draw(st.one_of(st.just(1), st.integers(-2, 3), toml_values))
    for key in ("name", "description"):
        if draw(st.booleans()):
            doc[key] = draw(st.one_of(st.text(max_size=30), toml_values))
    for table, names in NAMES.items():
        if draw(st.integers(0, 3)):
            keys = draw(st.lists(st.one_of(st.sampled_from(names), st.text(max_size=10)),
                                 max_size=5))
            doc[table] = {k: draw(_table_value(k, table)) for k in keys}
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.text(min_size=1, max_size=10))] = draw(toml_values)
    return doc


def valid_values(p) -> st.SearchStrategy:
    """A value inside parameter ``p``'s range, as a file would hold it."""
    if p.boolean:
        return st.booleans()
    if p.integer:
        return st.integers(int(p.lo), int(p.hi))
    return st.floats(p.lo, p.hi)


DECK_SLIDERS = [p.key for p in PARAMS if p.has(Role.DECK) and not p.boolean]
_words = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
                 min_size=1, max_size=60).filter(str.strip)


@st.composite
def _good_step(draw) -> dict:
    step = {"title": draw(_words), "caption": draw(_words),
            "sliders": draw(st.lists(st.sampled_from(DECK_SLIDERS), min_size=1, max_size=6,
                                     unique=True))}
    keys = draw(st.lists(st.sampled_from(KEYS), max_size=4, unique=True))
    step["values"] = {k: draw(valid_values(BY_KEY[k])) for k in keys}
    return step


@st.composite
def deck_documents(draw) -> dict:
    """A deck document as dicts: mostly a good deck (title, base, [run], steps), then with
    a mistake or two of the kinds people make, sometimes hardly a deck at all."""
    doc = {"title": draw(_words),
           "scenario": draw(st.sampled_from(["dell-2009", "local-shop", "enterprise-software"])),
           "step": draw(st.lists(_good_step(), min_size=1, max_size=4))}
    if draw(st.booleans()):
        doc["run"] = {k: draw(valid_values(BY_KEY[k]))
                      for k in draw(st.lists(st.sampled_from(NAMES["run"]), max_size=3))}
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        where = draw(st.sampled_from(["title", "scenario", "run", "step", "format", "extra",
                                      "step title", "step sliders", "step values", "drop"]))
        steps = doc.get("step")
        step = steps[0] if isinstance(steps, list) and steps and isinstance(steps[0], dict) \
            else {}
        if where == "drop":
            if doc:
                doc.pop(draw(st.sampled_from(sorted(doc))))
        elif where == "extra":
            doc[draw(st.text(min_size=1, max_size=10))] = draw(toml_values)
        elif where.startswith("step "):
            field = where.split()[1]
            step[field] = draw(st.one_of(toml_values, _likely(toml_values))) \
                if field != "values" else {draw(st.sampled_from(KEYS)): draw(toml_values)}
        elif where == "step":
            doc["step"] = draw(st.one_of(toml_values, st.just(step)))
        else:
            doc[where] = draw(st.one_of(toml_values, st.sampled_from(["", "nope", "x/y.toml"])))
    return doc


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (position, characters to drop, insertion) applied."""
    for pos, drop, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + drop:]
    return text


_INSERTS = st.one_of(st.sampled_from([",", ",5", "[", "]]", "{", "=", '"', "'''", "\n", "#",
                                      ".", " months", "%", "$", "\ufeff", "[" * 40, "a." * 20]),
                     st.text(max_size=4))
_edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), _INSERTS), min_size=1,
                  max_size=3)


def file_bytes(documents) -> st.SearchStrategy[bytes]:
    """File contents: documents written as TOML (some then edited by hand, some with a BOM
    or in another encoding), or plain junk."""
    def render(doc: dict) -> str:
        try:
            return tomli_w.dumps(doc)
        except (TypeError, ValueError):  # not every drawn mapping is TOML (None, odd keys)
            return repr(doc)

    clean = documents.map(render)
    edited = st.builds(lambda doc, edits: _mutate(render(doc), edits), documents, _edits)
    kinds = [clean.map(lambda t: t.encode("utf-8"))] * 5 + [
        edited.map(lambda t: t.encode("utf-8"))] * 2 + [
        clean.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),  # as Notepad saves
        edited.map(lambda t: t.encode("utf-16")),
        st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode))]
    # Weighted by hand: one_of would flatten and draw these about evenly.
    return st.integers(0, len(kinds) - 1).flatmap(lambda i: kinds[i])


set_items = st.one_of(
    st.sampled_from(KEYS).flatmap(lambda k: valid_values(BY_KEY[k]).map(
        lambda v: f"{k}={'on' if v is True else 'off' if v is False else v}")),
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), number_texts),
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), st.text(max_size=10)),
    st.builds(lambda k, v: f"{k} = {v}", st.text(max_size=15), number_texts),
    st.text(max_size=25),
)
