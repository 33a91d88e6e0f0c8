"""The open data of the seed site, checked as a data user would: every JSON file against its
JSON Schema (draft 2020-12, with format checking), the feeds with a real feed parser, the
sitemap against the pages on disk, the ZIP against the published files, and the sizes and
SHA-256 on the downloads page.

Run with `python3 -m pytest -q Tests/site`. The suite builds the seed site itself
(`swift run site build … --today 2026-11-29`), or uses the site in SITE_DIR when set.
"""

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-29"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The built seed site: SITE_DIR, or a fresh build into a temporary folder."""
    given = os.environ.get("SITE_DIR")
    if given:
        return Path(given)
    output = tmp_path_factory.mktemp("site") / "public"
    command = ["swift", "run", "site", "build", "--content", "content", "--output", str(output), "--today", TODAY]
    if os.environ.get("SWIFT_SCRATCH_PATH"):
        command[2:2] = ["--scratch-path", os.environ["SWIFT_SCRATCH_PATH"]]
    subprocess.run(command, cwd=ROOT, check=True)
    return output


@pytest.fixture(scope="session")
def catalog(site):
    return json.loads((site / "api/v1/index.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def base_url(catalog):
    return catalog["base_url"]


def load(site, path):
    return json.loads((site / path).read_text("utf-8"))


def local(base_url, url):
    """The site-relative path of an absolute URL of the site."""
    assert url.startswith(base_url), url
    return url[len(base_url):]


def validator(site, schema_path):
    schema = load(site, schema_path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(site, data, schema_path, where):
    errors = sorted(validator(site, schema_path).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"{where}: " + "; ".join(f"{e.json_path}: {e.message[:200]}" for e in errors[:5])


def html_pages(site):
    """URL path (relative to the root) → file, for every HTML page on disk."""
    pages = {}
    for file in site.rglob("*.html"):
        relative = file.relative_to(site).as_posix()
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        pages[url] = file
    return pages


def api_files(site):
    return sorted(p for p in (site / "api/v1").rglob("*.json") if "schema" not in p.relative_to(site).parts)


def table_files(site, suffix):
    return sorted(p for p in site.glob(f"*/*/table-*{suffix}"))


# ---------------------------------------------------------------- schemas

def test_every_schema_is_a_valid_draft_2020_12_schema(site, catalog):
    schemas = sorted((site / "api/v1/schema").glob("*.schema.json"))
    assert len(schemas) >= 14
    for path in schemas:
        schema = json.loads(path.read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == catalog["base_url"] + path.relative_to(site).as_posix()
        Draft202012Validator.check_schema(schema)


def test_every_api_file_validates_against_the_schema_it_names(site, base_url):
    files = api_files(site)
    assert len(files) >= 20
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        assert_valid(site, data, local(base_url, data["$schema"]), path.relative_to(site))


def test_every_table_and_the_json_feed_validate(site):
    tables = table_files(site, ".json")
    assert tables, "the seed has tables"
    for path in tables:
        assert_valid(site, json.loads(path.read_text("utf-8")), "api/v1/schema/table.schema.json", path.relative_to(site))
    assert_valid(site, load(site, "feed.json"), "api/v1/schema/feed.schema.json", "feed.json")


def test_schemas_reject_what_they_should(site):
    documents = load(site, "api/v1/documents.json")
    broken = json.loads(json.dumps(documents))
    broken["documents"][0]["signing_date"] = "2023-3-8"
    broken["documents"][1]["unknown_key"] = 1
    del broken["documents"][2]["title"]
    errors = list(validator(site, "api/v1/schema/documents.schema.json").iter_errors(broken))
    assert len(errors) >= 3


# ---------------------------------------------------------------- catalog

def test_catalog_lists_every_data_file_with_its_schema_and_count(site, catalog):
    listed = {path for endpoint in catalog["endpoints"] for path in endpoint["paths"]}
    published = {p.relative_to(site).as_posix() for p in api_files(site) + table_files(site, ".json")}
    assert listed == published
    for endpoint in catalog["endpoints"]:
        assert (site / endpoint["schema_path"]).is_file(), endpoint["schema_path"]
        assert endpoint["description_zh"] and endpoint["description_en"]
        if endpoint["templated"]:
            assert endpoint["count"] == len(endpoint["paths"])
        elif endpoint["name"] != "index":
            assert load(site, endpoint["path"])["count"] == endpoint["count"], endpoint["name"]
    for entry in catalog["feeds"] + catalog["downloads"]:
        assert (site / entry["path"]).is_file(), entry["path"]
    assert catalog["build_date"] == TODAY


def test_list_files_link_to_item_files_that_exist(site, base_url):
    for name, key in [("documents", "documents"), ("issues", "issues"), ("interpretations", "interpretations")]:
        for item in load(site, f"api/v1/{name}.json")[key]:
            assert (site / item["json_path"]).is_file(), item["json_path"]
            assert item["json_url"] == base_url + item["json_path"]
            assert item["path"] in html_pages(site), item["path"]


def test_every_page_path_in_the_api_exists(site):
    pages = html_pages(site)
    missing = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "path" and isinstance(child, str) and "{" not in child:
                    if child not in pages and not (site / child).is_file():
                        missing.append(f"{where}: {child}")
                walk(child, where)
        elif isinstance(value, list):
            for child in value:
                walk(child, where)

    for path in api_files(site):
        walk(json.loads(path.read_text("utf-8")), path.relative_to(site))
    assert not missing, missing[:10]


def test_notices_carry_the_computed_periods(site):
    notices = load(site, "api/v1/notices.json")
    assert notices["as_of"] == TODAY
    by_id = {n["id"]: n for n in notices["notices"]}
    xikou = by_id["xikou-village-plan-2023"]
    assert (xikou["start"], xikou["end"], xikou["working_days"], xikou["status_code"]) == \
        ("2023-03-20", "2023-03-24", 5, "ended")
    assert any(day["reason"] not in ("周末",) for n in by_id.values() for day in n["skipped"]), \
        "a demonstration notice crosses a holiday"


def test_leadership_relations_resolve_to_registered_units(site):
    units = {d["id"] for d in load(site, "api/v1/departments.json")["departments"]}
    leadership = load(site, "api/v1/leadership.json")
    current = [d for d in leadership["divisions"] if d["current"]]
    assert len(current) == 1 and current[0]["id"] == leadership["current_division_id"]
    relations = current[0]["relations"]
    assert all(r["department_id"] in units for r in relations)
    audit = {(r["relation_code"], r["leader_id"]) for r in relations if r["department_id"] == "audit"}
    assert audit == {("oversees", "wang-xiaohuan"), ("co_oversees", "sun-baichuan")}


# ---------------------------------------------------------------- feeds

def all_items(site):
    documents = load(site, "api/v1/documents.json")["documents"]
    interpretations = load(site, "api/v1/interpretations.json")["interpretations"]
    return documents, interpretations


def test_atom_feed_parses_and_lists_every_document_and_interpretation_newest_first(site):
    # A feed carries the newest 100 items (OpenData.feedLimit); the seed site has fewer, so all of them.
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    documents, interpretations = all_items(site)
    links = [entry.link for entry in feed.entries]
    assert set(links) == {d["url"] for d in documents} | {i["url"] for i in interpretations}
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    by_link = {entry.link: entry for entry in feed.entries}
    for document in documents:
        entry = by_link[document["url"]]
        assert entry.title == document["title"]
        # feedparser trims the content's surrounding white space.
        assert entry.content[0].value == load(site, document["json_path"])["body_html"].strip()


def test_json_feed_lists_every_document_and_interpretation_newest_first(site):
    # feedparser 6.0 reads Atom and RSS only; the JSON Feed is checked against its schema
    # (test_every_table_and_the_json_feed_validate) and here against the API.
    feed = load(site, "feed.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    documents, interpretations = all_items(site)
    assert {item["url"] for item in feed["items"]} == {d["url"] for d in documents} | {i["url"] for i in interpretations}
    assert len({item["id"] for item in feed["items"]}) == len(feed["items"])
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert [item["url"] for item in feed["items"]] == [entry.link for entry in atom.entries]


def test_each_issuer_feed_lists_exactly_that_issuers_documents(site, catalog):
    documents, interpretations = all_items(site)
    issuer_of = {d["id"]: d["issuer_code"] for d in documents}
    issuer_feeds = [f for f in catalog["feeds"] if f["path"].startswith("issuers/")]
    assert issuer_feeds
    for entry in issuer_feeds:
        code = entry["path"].split("/")[1]
        feed = feedparser.parse((site / entry["path"]).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        expected = {d["url"] for d in documents if d["issuer_code"] == code} | \
            {i["url"] for i in interpretations if issuer_of.get(i["document_id"]) == code}
        assert {e.link for e in feed.entries} == expected, code


class HeadLinks(HTMLParser):
    """The <link> and <script type=application/ld+json> elements and the links of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.anchors, self.json_ld, self._in_ld = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def parse_page(file):
    parser = HeadLinks()
    parser.feed(file.read_text("utf-8"))
    return parser


def resolve(site, page_file, href):
    return (page_file.parent / href).resolve()


def test_every_page_links_both_feeds_in_its_head(site):
    for url, file in html_pages(site).items():
        if url == "404.html":
            continue
        alternates = {l.get("type"): l.get("href") for l in parse_page(file).links if l.get("rel") == "alternate"}
        for media_type, name in [("application/atom+xml", "feed.xml"), ("application/feed+json", "feed.json")]:
            assert media_type in alternates, f"{url}: no {media_type}"
            assert resolve(site, file, alternates[media_type]) == (site / name).resolve(), url


def test_document_pages_link_their_json_and_embed_legislation_json_ld(site):
    for document in load(site, "api/v1/documents.json")["documents"]:
        file = site / document["path"] / "index.html"
        page = parse_page(file)
        data_links = [a for a in page.anchors if a.get("type") == "application/json"]
        assert data_links and resolve(site, file, data_links[0]["href"]) == (site / document["json_path"]).resolve()
        assert len(page.json_ld) == 1
        ld = json.loads(page.json_ld[0])
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "Legislation"
        assert ld["legislationIdentifier"] == document["document_number"]
        assert ld["legislationDate"] == document["signing_date"]
        assert ld["legislationType"] == document["type"]
        assert ld["legislationLegalForce"] == ("InForce" if document["status_code"] == "valid" else "NotInForce")
        assert ld["legislationJurisdiction"]["name"]
        assert ld["url"] == document["url"]


# ---------------------------------------------------------------- sitemap

def test_sitemap_lists_every_html_page_and_nothing_that_does_not_exist(site, base_url):
    tree = ET.parse(site / "sitemap.xml")
    locs = [loc.text for loc in tree.getroot().findall("sm:url/sm:loc", SITEMAP_NS)]
    assert len(locs) == len(set(locs))
    listed = {local(base_url, loc) for loc in locs}
    pages = set(html_pages(site)) - {"404.html"}
    assert listed == pages
    robots = (site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base_url}sitemap.xml" in robots.splitlines()


# ---------------------------------------------------------------- downloads

def test_zip_opens_and_its_files_match_the_published_ones_byte_for_byte(site):
    with zipfile.ZipFile(site / "downloads/gazette-data.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names)
        for name in names:
            assert archive.read(name) == (site / name).read_bytes(), name
    expected = {p.relative_to(site).as_posix() for p in api_files(site)}
    expected |= {p.relative_to(site).as_posix() for p in (site / "api/v1/schema").glob("*.json")}
    expected |= {p.relative_to(site).as_posix() for p in table_files(site, ".json") + table_files(site, ".csv")}
    expected |= {"feed.json", "downloads/documents.csv"}
    assert set(names) == expected


class DownloadRows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-file" in attrs:
            self.rows.append(attrs)


def test_downloads_page_lists_the_right_sizes_and_sha256(site):
    page_file = site / "downloads/index.html"
    text = page_file.read_text("utf-8")
    parser = DownloadRows()
    parser.feed(text)
    listed = {row["data-file"]: row for row in parser.rows}
    assert set(listed) == {"downloads/gazette-data.zip", "downloads/documents.csv"}
    sums = {}
    for line in (site / "downloads/SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    for path, row in listed.items():
        data = (site / path).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert int(row["data-size"]) == len(data), path
        assert row["data-sha256"] == digest, path
        assert digest in text and f"{len(data)} 字节" in text
        assert sums[Path(path).name] == digest


def test_documents_csv_has_one_row_per_document(site):
    raw = (site / "downloads/documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    documents = load(site, "api/v1/documents.json")["documents"]
    assert [r["id"] for r in rows] == [d["id"] for d in documents]
    for row, document in zip(rows, documents):
        assert row["document_number"] == (document["document_number"] or "")
        assert row["title"] == document["title"]
        assert row["signing_date"] == document["signing_date"]
        assert row["json_url"] == document["json_url"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["publication_date"])


# ---------------------------------------------------------------- documentation

def schema_properties(schema, found):
    if isinstance(schema, dict):
        for key, child in schema.get("properties", {}).items():
            found.add(key)
            schema_properties(child, found)
        for key in ("items",):
            if key in schema:
                schema_properties(schema[key], found)
    return found


def test_api_docs_describe_every_endpoint_and_every_field(site, catalog):
    docs = (ROOT / "docs/api.md").read_text("utf-8")
    for endpoint in catalog["endpoints"]:
        assert f"`{endpoint['path']}`" in docs, endpoint["path"]
    fields = set()
    for path in (site / "api/v1/schema").glob("*.schema.json"):
        schema_properties(json.loads(path.read_text("utf-8")), fields)
    missing = sorted(f for f in fields if f"`{f}`" not in docs)
    assert not missing, missing
