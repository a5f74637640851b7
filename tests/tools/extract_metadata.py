"""Reads built article pages the way reference managers and search engines do, and prints
what they find as JSON, one object per page: the JSON-LD, Dublin Core and Open Graph items
as PyPI extruct extracts them, the JSON-LD expanded by pyld (offline: schema.org's context
is given as its vocabulary, never fetched), and every <meta name> tag in document order as
lxml parses it.

    python3 extract_metadata.py PAGE.html...
"""
import json
import sys

import extruct
import lxml.html
from pyld import jsonld


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }
    raise jsonld.JsonLdError("no network in tests", "loading document failed", {"url": url})


jsonld.set_document_loader(offline_loader)

pages = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        html = f.read()
    data = extruct.extract(
        html, syntaxes=["json-ld", "dublincore", "opengraph"], uniform=True, errors="strict"
    )
    expanded = [jsonld.expand(item) for item in data["json-ld"]]
    tree = lxml.html.fromstring(html)
    meta = [
        [m.get("name"), m.get("content")]
        for m in tree.xpath("/html/head/meta[@name]")
    ]
    pages[path] = {
        "json_ld": data["json-ld"],
        "expanded": expanded,
        "dublincore": data["dublincore"],
        "opengraph": data["opengraph"],
        "meta": meta,
    }
json.dump(pages, sys.stdout)
