"""The open data described for data catalogues: `data/dcat.jsonld`, in DCAT-AP-NL 3.0.

data.overheid.nl and other Dutch catalogues harvest dataset descriptions in DCAT-AP-NL, the Dutch
profile of the European DCAT-AP (https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/). This file
describes the catalogue, the one dataset (the Praktijkbank), and one distribution per open-data
collection file, with what the profile makes mandatory: the dataset's identifier, access rights,
contact point, creator, publisher and theme, and each distribution's access URL and licence, plus
the media type that a download URL requires. Like every export, it is a pure function of the
records and the settings: `modified` is the newest `bijgewerkt` of the records, never a build time.
"""

from __future__ import annotations

import json

from .pages import LICENCE, MEDIA_TYPES, collection_files
from .render import Site

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {".json": "JSON", ".csv": "CSV"}  # EU File Type authority list
DESCRIPTION = ("Goede praktijken uit het sociaal domein van de Gouden Gemeenten: wat een praktijk is, hoe ze werkt, "
               "wat ze opleverde, wie haar uitvoert en uit welke bron dat komt; met de gemeenten, organisaties, "
               "thema's, doelgroepen en bronnen waarnaar de praktijken verwijzen.")


def dutch(text: str) -> dict:
    return {"@value": text, "@language": "nl"}


def link(uri: str) -> dict:
    return {"@id": uri}


def newest_update(site: Site) -> str:
    """The newest `bijgewerkt` of all records (ISO dates sort as text)."""
    return max((str(data["bijgewerkt"]) for kind in site.catalogue.records
                for _slug, data in site.catalogue.all(kind) if data.get("bijgewerkt")), default="")


def contact_url(site: Site) -> str:
    """Where readers ask questions: the issues of the repository whose editor URL `bewerk_url` is."""
    return site.settings.edit_base.partition("/edit/")[0] + "/issues"


def agent(site: Site) -> dict:
    return {"@type": "foaf:Agent", "foaf:name": dutch(site.settings.site_name)}


def distribution(site: Site, path: str, contents: str, size: int, modified: str) -> dict:
    """One open-data file as a DCAT distribution."""
    name = path.rsplit("/", 1)[-1]
    extension = name[name.rindex("."):]
    url = site.absolute(path)
    described = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": dutch(name),
        "dct:description": dutch(f"{site.settings.site_name}: {contents}."),
        "dcat:accessURL": link(url),
        "dcat:downloadURL": link(url),
        "dcat:mediaType": link(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[extension]}"),
        "dct:format": link(f"{EU}file-type/{FILE_TYPES[extension]}"),
        "dct:license": link(LICENCE),
        "dcat:byteSize": {"@value": str(size), "@type": "xsd:nonNegativeInteger"},
        "dct:language": link(f"{EU}language/NLD"),
    }
    if modified:
        described["dct:modified"] = {"@value": modified, "@type": "xsd:date"}
    if extension == ".json":
        section = name.removesuffix(".json")
        described["dct:conformsTo"] = link(site.absolute(f"schemas/export-{section}.schema.json"))
    return described


def description(site: Site, files: dict[str, str]) -> str:
    """`data/dcat.jsonld`: the catalogue, the dataset and a distribution per collection file,
    whose sizes are taken from `files` (path -> text, as written)."""
    modified = newest_update(site)
    dataset_id = site.absolute("open-data/#dataset")
    distributions = [distribution(site, path, contents, len(files[path].encode("utf-8")), modified)
                     for path, contents in collection_files().items()]
    dataset = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": dutch(site.settings.site_name),
        "dct:description": dutch(DESCRIPTION),
        "dct:accessRights": link(f"{EU}access-right/PUBLIC"),
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": dutch(site.settings.site_name),
                              "vcard:hasURL": link(contact_url(site))},
        "dct:creator": agent(site),
        "dct:publisher": agent(site),
        "dcat:theme": link(f"{EU}data-theme/SOCI"),
        "dcat:keyword": [dutch(word) for word in ("sociaal domein", "goede praktijken", "gemeenten", "sociaal werk")],
        "dct:language": link(f"{EU}language/NLD"),
        "dct:spatial": link(f"{EU}country/NLD"),
        "dcat:landingPage": link(site.absolute("open-data/")),
        "dcat:distribution": [link(item["@id"]) for item in distributions],
    }
    if modified:
        dataset["dct:modified"] = {"@value": modified, "@type": "xsd:date"}
    catalogue = {
        "@id": site.absolute("data/dcat.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": dutch(f"{site.settings.site_name}: open data"),
        "dct:description": dutch(f"De open data van de {site.settings.site_name}."),
        "dct:publisher": agent(site),
        "dcat:contactPoint": dataset["dcat:contactPoint"],
        "foaf:homepage": link(site.absolute("")),
        "dct:language": link(f"{EU}language/NLD"),
        "dct:license": link(LICENCE),
        "dcat:dataset": link(dataset_id),
    }
    return json.dumps({"@context": CONTEXT, "@graph": [catalogue, dataset, *distributions]},
                      ensure_ascii=False, indent=2, sort_keys=True) + "\n"
