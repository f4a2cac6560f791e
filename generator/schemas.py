"""The JSON Schemas in `generator/schemas/`: the single source of truth for record fields."""

from __future__ import annotations

import functools
import json
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


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    """A reusable validator for one record kind, with date format checking."""
    return jsonschema.Draft202012Validator(raw(kind), registry=registry(),
                                           format_checker=jsonschema.FormatChecker(["date"]))


@functools.cache
def fast_validator(kind: str) -> jsonschema_rs.Validator:
    """The same schema compiled by jsonschema-rs: a yes/no answer about 80 times faster than `validator`.

    Valid records (nearly all of them) need only this answer; the Dutch error messages of an
    invalid record are made from `validator`'s errors. tests/test_loader_properties.py checks
    that both agree.
    """
    names = KINDS + ("definities",)
    resources = jsonschema_rs.Registry([(uri(n), raw(n)) for n in names])
    return jsonschema_rs.validator_for(raw(kind), registry=resources, base_uri=uri(kind), validate_formats=True)


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
