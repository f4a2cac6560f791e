"""The JSON Schemas in `generator/schemas/`: the single source of truth for record fields."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent / "schemas"
KINDS = ("praktijk", "gemeente", "organisatie", "bron", "thema", "doelgroep", "begrip")


@functools.cache
def raw(name: str) -> dict:
    """The parsed schema file `<name>.schema.json`."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def uri(name: str) -> str:
    """The `$id` of a schema: the address the site publishes it at. References between the
    schemas (`definities.schema.json#/…`) resolve against it."""
    return raw(name)["$id"]


@functools.cache
def registry() -> Registry:
    names = KINDS + ("definities",)
    return Registry().with_resources((uri(n), Resource.from_contents(raw(n))) for n in names)


FORMATS = jsonschema.FormatChecker(["date"])


def _strict_integer(_checker, instance: object) -> bool:
    """An integer is a whole number written as one: `2.0e+3` is not a year."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@functools.cache
def _pattern(pattern: str) -> re.Pattern:
    # ECMA-262's `$` (which jsonschema-rs follows) ends the text; Python's also matches before a
    # final line break, so `regels: |` with "99999\n" would pass. `\Z` is the ECMA-262 `$`.
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _strict_pattern(validator, pattern: str, instance: object, schema: dict):
    """`pattern` as JSON Schema (ECMA-262) means it: a final line break is not ignored."""
    if validator.is_type(instance, "string") and not _pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _unique_key(value: object) -> tuple[bool, object]:
    """A key equal for values JSON Schema calls equal (1 and 1.0, but not 1 and true or "1")."""
    if type(value) is str:  # nearly every list item: a text
        return True, value
    return False, json.dumps(_whole(value), sort_keys=True, default=str)


def _whole(value: object) -> object:
    """`value` with every integral float (also nested) as an int, as JSON Schema compares them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_whole(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole(item) for key, item in value.items()}
    return value


def _linear_unique_items(validator, unique: bool, instance: object, schema: dict):
    """`uniqueItems` in linear time: jsonschema's own falls back to comparing every pair when the
    items cannot be sorted (numbers mixed with texts), 85 s for 24,000 items."""
    if unique and validator.is_type(instance, "array"):
        keys = [_unique_key(item) for item in instance]
        if len(set(keys)) != len(keys):
            yield jsonschema.ValidationError(f"{instance!r} has non-unique elements")


_StrictValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    validators={"pattern": _strict_pattern, "uniqueItems": _linear_unique_items},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    """A reusable validator for one record kind, with date format checking, as strict as
    jsonschema-rs where the two could differ (patterns, integers)."""
    return _StrictValidator(raw(kind), registry=registry(), format_checker=FORMATS)


@functools.cache
def fast_validator(kind: str) -> jsonschema_rs.Validator:
    """The same schema compiled by jsonschema-rs: a yes/no answer about 80 times faster than `validator`.

    Valid records (nearly all of them) need only this answer; the Dutch error messages of an
    invalid record are made from `validator`'s errors. tests/test_loader_properties.py checks
    that both agree.
    """
    names = KINDS + ("definities",)
    resources = jsonschema_rs.Registry([(uri(n), raw(n)) for n in names])
    return jsonschema_rs.validator_for(raw(kind), registry=resources, base_uri=uri(kind), validate_formats=True,
                                       # jsonschema's own date check, so both refuse 0000-01-01 (jsonschema-rs accepts it)
                                       formats={"date": lambda value: FORMATS.conforms(value, "date")})


def resolve(schema: dict) -> dict:
    """Follow a `$ref` (also across files) to the schema it points to, merging local keywords."""
    seen = 0
    while "$ref" in schema and seen < 10:
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        target = raw(file.removesuffix(".schema.json")) if file else raw("definities")
        for part in filter(None, pointer.split("/")):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        seen += 1
    return schema


@functools.cache
def fields(kind: str) -> tuple[tuple[str, dict, bool], ...]:
    """Every field of a kind, depth first, as (dotted name, schema, required)."""
    found: list[tuple[str, dict, bool]] = []

    def walk(schema: dict, prefix: str) -> None:
        schema = resolve(schema)
        if schema.get("type") == "array" and "items" in schema:
            items = resolve(schema["items"])
            if "properties" in items:
                walk(items, prefix + "[]")
            return
        required = set(schema.get("required", ()))
        for name, sub in schema.get("properties", {}).items():
            full = f"{prefix}.{name}" if prefix else name
            found.append((full, resolve(sub), name in required))
            walk(sub, full)

    walk(raw(kind), "")
    return tuple(found)
