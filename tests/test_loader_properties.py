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

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates().map(str))
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
        assert () in positions
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
    assert schemas.fast_validator(record.kind).is_valid(changed) == full
