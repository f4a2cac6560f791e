"""Property tests: the loader turns any input into data or located problems, never a traceback."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.load import load, load_file, parse
from generator.problems import CODES, Problem

# Values where the two schema validators once disagreed: year 0, impossible dates, and a final
# line break after a date, a slug, a line range or a CBS code (Python's `$` ignores it).
EDGES = st.one_of(st.sampled_from(["0000-01-01", "2026-02-30", "2026-13-01", "2026-11-22\n", "voorbeeldstad\n",
                                   "1-2\n", "99999\n", "GM0197\n", "https://x.example/\n"]),
                  st.dates().map(lambda day: f"{day}\n"), st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\n?\Z"),
                  st.from_regex(r"\A[0-9]+(-[0-9]+)?(, ?[0-9]+)?\n?\Z"))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates().map(str), EDGES)
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(min_size=1, max_size=12), children, max_size=4)),
    max_leaves=20)


def assert_clean(problems: list[Problem], path: str) -> None:
    for problem in problems:
        assert problem.code in CODES and problem.path == path
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_data_or_problems(raw: bytes):
    data, _positions, _keys, problems = parse("x.yml", raw)
    assert_clean(problems, "x.yml")
    assert data is None or isinstance(data, dict)
    assert data is not None or problems


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_yaml_document_round_trips_or_is_reported(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    data, positions, _keys, problems = parse("x.yml", text.encode("utf-8"))
    assert_clean(problems, "x.yml")
    if isinstance(document, dict) and document:
        expected = yaml.safe_load(text)
        assert data == {str(k): v for k, v in expected.items()} or problems
        assert () in positions or data is None and problems  # e.g. `.inf` (PB013) makes it unreadable
    elif data is None:
        assert problems


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\t\n#%@`")), max_size=120))
def test_yaml_punctuation_soup(text: str):
    _data, _positions, _keys, problems = parse("x.yml", text.encode("utf-8"))
    assert_clean(problems, "x.yml")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_loading_never_changes_the_file(tmp_path: Path, raw: bytes):
    record = tmp_path / "record.yml"
    record.write_bytes(raw)
    before = record.stat().st_mtime_ns
    load_file("praktijk", record, "practices/record.yml")
    assert record.read_bytes() == raw and record.stat().st_mtime_ns == before


def test_hostile_inputs_are_reported_not_crashed():
    bomb = b"a: &a ['x','x']\n" + b"".join(b"%c: &%c [*%c,*%c]\n" % (c + 1, c + 1, c, c) for c in range(97, 122))
    cases = {
        b"": "PB004",
        b"\xef\xbb\xbf": "PB004",
        b"a:\n\tb: 1\n": "PB002",
        b"\x00\x01\x02": "PB001",
        b"\xff\xfe\x00a": "PB001",
        b"[" * 10000 + b"]" * 10000: "PB006",
        bomb: "PB007",
        b"- a\n- b\n": "PB008",
        b"a: !!binary aGVsbG8=\n": "PB011",
    }
    for raw, code in cases.items():
        data, _p, _k, problems = parse("x.yml", raw)
        assert data is None and code in [p.code for p in problems], (raw[:20], problems)


REAL = Path(__file__).resolve().parent.parent


def _leaf_paths(data, path=()):
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        yield from _leaf_paths(value, path + (key,))


def _real_records() -> list:
    records, _problems = load(REAL)
    return [record for record in records if record.readable]


REAL_RECORDS = _real_records()


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_fast_and_full_schema_validators_agree(data):
    """The jsonschema-rs fast path says "valid" exactly when jsonschema finds no error, for real
    records with one value replaced by an arbitrary one, or one field removed."""
    record = data.draw(st.sampled_from(REAL_RECORDS))
    changed = copy.deepcopy(record.data)
    path = data.draw(st.sampled_from([p for p in _leaf_paths(changed) if p]))
    parent = functools.reduce(lambda node, key: node[key], path[:-1], changed)
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(documents)
    elif isinstance(parent, dict):
        del parent[path[-1]]
    full = not any(schemas.validator(record.kind).iter_errors(changed))
    if _has_float(changed):  # jsonschema alone refuses 2000.0 as an integer; check_schema asks it
        return
    assert schemas.fast_validator(record.kind).is_valid(changed) == full


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_fast_and_full_schema_validators_agree_on_dates_formats_and_patterns(data):
    """As above, with one text of a real record (a date, slug, line range, code, link…) replaced
    by a near miss: year 0, an impossible date, or the same text with a line break after it."""
    record = data.draw(st.sampled_from(REAL_RECORDS))
    changed = copy.deepcopy(record.data)
    texts = [path for path in _leaf_paths(changed) if path and isinstance(_at(changed, path), str)]
    path = data.draw(st.sampled_from(texts))
    old = _at(changed, path)
    _at(changed, path[:-1])[path[-1]] = data.draw(st.sampled_from([old + "\n", "0000-01-01", "2026-02-30", "\n" + old]) | EDGES)
    full = not any(schemas.validator(record.kind).iter_errors(changed))
    assert schemas.fast_validator(record.kind).is_valid(changed) == full


def _at(data, path):
    return functools.reduce(lambda node, key: node[key], path, data)


def _has_float(data) -> bool:
    return any(isinstance(value, float) for value in _leaves(data))


def _leaves(data):
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else None
    if children is None:
        yield data
        return
    for child in children:
        yield from _leaves(child)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, 2.5]), st.sampled_from(["a", "1", ""])),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.sampled_from("ab"), children, max_size=2)),
    max_leaves=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(json_values, max_size=5))
def test_linear_unique_items_agrees_with_jsonschemas_own(items):
    """Our linear `uniqueItems` calls the same lists unique as jsonschema's (1 == 1.0, 1 != true)."""
    import jsonschema

    ours = schemas.validator("praktijk").__class__({"uniqueItems": True})
    theirs = jsonschema.Draft202012Validator({"uniqueItems": True})
    assert ours.is_valid(items) == theirs.is_valid(items)
