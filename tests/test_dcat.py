"""The DCAT description of the open data (`data/dcat.jsonld`), checked as RDF against what DCAT-AP-NL 3.0
requires of a catalogue, a dataset and a distribution, and against the files it describes.

The requirements are those of DCAT-AP-NL 3.0 (Geonovum, https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/):
the properties marked "verplicht" in its tables of classes, with their cardinality, those DCAT-AP 3.0 makes
mandatory underneath (title, description; access URL), the conditional media type ("verplicht als er een
download URL is"), and the value lists it prescribes (EU access rights and data themes, a Creative Commons
licence, IANA media types).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from generator.dcat import LICENCE, collection_files

# The vocabularies' own namespaces (open ones: rdflib's closed ones warn when pytest inspects them).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
# rdflib's JSON-LD parser still uses its own deprecated ConjunctiveGraph inside.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

EU = "http://publications.europa.eu/resource/authority/"
# class -> (property, least, most (None: no upper bound)) that DCAT-AP-NL makes mandatory
MANDATORY = {
    DCAT.Catalog: [(DCTERMS.title, 1, None), (DCTERMS.description, 1, None), (DCTERMS.publisher, 1, 1),
                   (DCAT.contactPoint, 1, 1), (DCAT.dataset, 1, None)],
    DCAT.Dataset: [(DCTERMS.title, 1, None), (DCTERMS.description, 1, None), (DCTERMS.accessRights, 1, 1),
                   (DCAT.contactPoint, 1, None), (DCTERMS.creator, 1, None), (DCTERMS.identifier, 1, 1),
                   (DCTERMS.publisher, 1, 1), (DCAT.theme, 1, None)],
    DCAT.Distribution: [(DCAT.accessURL, 1, 1), (DCTERMS.license, 1, 1)],
    FOAF.Agent: [(FOAF.name, 1, None)],
}
ACCESS_RIGHTS = {URIRef(f"{EU}access-right/{value}") for value in ("PUBLIC", "RESTRICTED", "NON_PUBLIC")}


def graph_of(description: dict) -> Graph:
    return Graph().parse(data=json.dumps(description), format="json-ld")


def cardinality_problems(graph: Graph) -> list[str]:
    """Every instance of a class has each mandatory property as often as the profile says."""
    found = []
    for cls, rules in MANDATORY.items():
        for node in graph.subjects(RDF.type, cls):
            for prop, least, most in rules:
                count = len(list(graph.objects(node, prop)))
                if count < least or (most is not None and count > most):
                    found.append(f"{graph.qname(cls)} {node}: {graph.qname(prop)} {count}x")
    return found


def agent_problems(graph: Graph) -> list[str]:
    """Publishers and creators are foaf:Agents (which must have a name)."""
    agents = set(graph.objects(None, DCTERMS.publisher)) | set(graph.objects(None, DCTERMS.creator))
    return [f"{agent} is geen foaf:Agent" for agent in agents if (agent, RDF.type, FOAF.Agent) not in graph]


def contact_problems(graph: Graph) -> list[str]:
    """A contact point gives an e-mail address or the URL of a contact form (vcard:hasEmail / vcard:hasURL)."""
    return [f"contactpunt {contact} zonder e-mail of URL" for contact in set(graph.objects(None, DCAT.contactPoint))
            if not set(graph.objects(contact, VCARD.hasEmail)) | set(graph.objects(contact, VCARD.hasURL))]


def value_list_problems(graph: Graph) -> list[str]:
    """Access rights from the EU list; at least one theme from the EU data themes; a Creative Commons
    licence; an IANA media type wherever there is a download URL."""
    found = [f"toegangsrechten {value}" for value in graph.objects(None, DCTERMS.accessRights) if value not in ACCESS_RIGHTS]
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        if not any(str(theme).startswith(f"{EU}data-theme/") for theme in graph.objects(dataset, DCAT.theme)):
            found.append(f"{dataset}: geen thema uit de EU-lijst")
    found += [f"licentie {value}" for value in graph.objects(None, DCTERMS.license)
              if not str(value).startswith(("https://creativecommons.org/", "http://creativecommons.org/"))]
    for distribution in graph.subjects(DCAT.downloadURL, None):
        media = list(graph.objects(distribution, DCAT.mediaType))
        if len(media) != 1 or not str(media[0]).startswith("https://www.iana.org/assignments/media-types/"):
            found.append(f"{distribution}: mediatype {media}")
    return found


def dcat_ap_nl_problems(graph: Graph) -> list[str]:
    if not list(graph.subjects(RDF.type, DCAT.Dataset)):
        return ["geen dcat:Dataset"]
    return cardinality_problems(graph) + agent_problems(graph) + contact_problems(graph) + value_list_problems(graph)


@pytest.fixture(scope="module")
def described(fixture_site: Path) -> dict:
    return json.loads((fixture_site / "data" / "dcat.jsonld").read_text(encoding="utf-8"))


def test_description_meets_dcat_ap_nl(described):
    graph = graph_of(described)
    assert dcat_ap_nl_problems(graph) == []
    assert len(list(graph.subjects(RDF.type, DCAT.Distribution))) == len(collection_files())


def node(description: dict, kind: str) -> dict:
    return next(item for item in description["@graph"] if item["@type"] == kind)


@pytest.mark.parametrize("breakage, expected", [
    (lambda d: node(d, "dcat:Distribution").pop("dct:license"), "dct:license 0x"),
    (lambda d: node(d, "dcat:Dataset").pop("dcat:contactPoint"), "dcat:contactPoint 0x"),
    (lambda d: node(d, "dcat:Dataset").pop("dct:identifier"), "dct:identifier 0x"),
    (lambda d: node(d, "dcat:Dataset").update({"dct:publisher": [node(d, "dcat:Dataset")["dct:publisher"],
                                                                 {"@type": "foaf:Agent", "foaf:name": "Ander"}]}),
     "dct:publisher 2x"),
    (lambda d: node(d, "dcat:Dataset")["dct:creator"].pop("foaf:name"), "foaf:name 0x"),
    (lambda d: node(d, "dcat:Dataset").update({"dcat:theme": {"@id": "https://voorbeeld.invalid/thema"}}), "thema"),
    (lambda d: node(d, "dcat:Dataset").update({"dct:accessRights": {"@id": "https://voorbeeld.invalid/open"}}),
     "toegangsrechten"),
    (lambda d: node(d, "dcat:Distribution").pop("dcat:mediaType"), "mediatype"),
    (lambda d: node(d, "dcat:Catalog")["dcat:contactPoint"].pop("vcard:hasURL"), "zonder e-mail of URL"),
    (lambda d: node(d, "dcat:Distribution").update({"dct:license": {"@id": "https://voorbeeld.invalid/vrij"}}),
     "licentie"),
])
def test_the_check_finds_what_is_missing(described, breakage, expected):
    broken = copy.deepcopy(described)
    breakage(broken)
    assert any(expected in problem for problem in dcat_ap_nl_problems(graph_of(broken)))


def test_one_distribution_per_export_file_with_its_facts(described, fixture_site):
    newest = max(item["bijgewerkt"] for item in json.loads((fixture_site / "data" / "praktijken.json")
                                                          .read_text(encoding="utf-8"))["praktijken"])
    distributions = [item for item in described["@graph"] if item["@type"] == "dcat:Distribution"]
    exported = sorted(path.name for path in (fixture_site / "data").iterdir()
                      if path.is_file() and path.suffix in (".json", ".csv"))
    assert sorted(item["dct:title"]["@value"] for item in distributions) == exported
    for item in distributions:
        path = fixture_site / "data" / item["dct:title"]["@value"]
        assert item["dcat:downloadURL"]["@id"].endswith(f"/data/{path.name}")
        assert item["dcat:mediaType"]["@id"].endswith({".json": "/application/json", ".csv": "/text/csv"}[path.suffix])
        assert item["dct:license"]["@id"] == LICENCE
        assert item["dct:modified"]["@value"] == newest
        assert int(item["dcat:byteSize"]["@value"]) == path.stat().st_size


def test_exports_name_their_licence_by_uri(fixture_site):
    for path in collection_files():
        if path.endswith(".json"):
            collection = json.loads((fixture_site / path).read_text(encoding="utf-8"))
            assert collection["licentie"] == LICENCE == "https://creativecommons.org/licenses/by/4.0/"
            assert "Praktijkbank Gouden Gemeenten" in collection["naamsvermelding"]


def test_dcat_and_the_open_data_page_describe_the_same_files_licence_and_name():
    """One place for the site's facts: the DCAT description and the open data page's JSON-LD list
    the same files under the same licence, and both use the site name from mkdocs.yml."""
    import dataclasses

    from generator import dcat, render
    from generator.build import check, read_settings

    from .conftest import FIXTURES, REPO

    catalogue, _found = check(FIXTURES / "catalogus")
    settings = dataclasses.replace(read_settings(REPO), site_name="Andere Praktijkbank")
    site = render.Site(catalogue, settings)
    described = json.loads(dcat.description(site, {path: "" for path in collection_files()}))
    page = json.loads(str(render.dataset_data(site)))
    downloads = sorted(item["contentUrl"] for item in page["distribution"])
    assert downloads == sorted(item["dcat:downloadURL"]["@id"] for item in described["@graph"]
                               if item["@type"] == "dcat:Distribution")
    assert page["license"] == node(described, "dcat:Catalog")["dct:license"]["@id"] == LICENCE
    assert page["name"].startswith("Andere Praktijkbank")
    names = [item["dct:title"]["@value"] for item in described["@graph"] if item["@type"] in ("dcat:Catalog", "dcat:Dataset")]
    assert all(name.startswith("Andere Praktijkbank") for name in names), names
    assert "Praktijkbank Gouden Gemeenten" not in json.dumps(described)
