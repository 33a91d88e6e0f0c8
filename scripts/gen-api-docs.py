#!/usr/bin/env python3
"""Write docs/api.md from a built site: the prose below, then one section per endpoint
with its fields (from the published JSON Schemas, so no field goes undocumented) and an
example taken from the site's real output (long lists and texts shortened).

    swift run site build --output /tmp/site --today 2026-11-29
    python3 scripts/gen-api-docs.py /tmp/site          # rewrites docs/api.md

Tests/site/test_open_data.py checks that docs/api.md names every endpoint and field.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "api.md"

INTRO = """\
# Open data: API, feeds and downloads

Everything the site publishes is also published as data, as static files beside the
pages: a JSON API under `/api/v1/` with a JSON Schema for every file, Atom and JSON
feeds, a sitemap, and bulk downloads. No keys, no server code: any static host serves
it, and a mirror of the site is a mirror of the data. The page `/downloads/` explains
the data in Chinese for citizens; this page is the reference for developers.

Start at `api/v1/index.json`: it lists every endpoint with its schema, its count and a
description in Chinese and English, and the feeds and downloads.

This file is generated from the seed site by `scripts/gen-api-docs.py` (see the end);
the field tables come from the published schemas and the examples are real output,
shortened where marked `…`.

## Conventions

- **Files.** UTF-8 JSON, indented, keys sorted, one newline at the end. The same
  content built on the same day gives byte-identical files.
- **Keys** are English `snake_case`; values are the Chinese of the source, as written.
- **Dates** are ISO 8601 calendar dates, `YYYY-MM-DD`. They are days, not instants: no
  time zone applies. The feeds, which need instants, use midnight China time
  (`2023-03-29T00:00:00+08:00`).
- **Absent values** are `null`; a key of a kind of object is never missing (the one
  exception is `caption` of a table file, left out when the table has none, as the
  table files beside the pages always did).
- **`$schema`**: every API file names its JSON Schema (draft 2020-12) by absolute URL;
  the schemas are under `api/v1/schema/<name>.schema.json`, require every key and allow
  no others.
- **`path` and `url`**: `path` is relative to the site root, without a leading slash
  (`documents/azbf-2023-7/`); `url` is the same below the site's `base_url`
  (`https://www.example.gov.cn/gongbao/documents/azbf-2023-7/`). `json_path`/`json_url`,
  `csv_path`/`csv_url` and `ics_path`/`ics_url` name the data files the same way.
- **The build date** (`build_date` in the catalog, `as_of` in `notices.json`) is the
  only date that does not come from the content: notice status is as of that day.
- **Demonstration content** is marked: a notice with `"sample": true` is an example.

## Identifiers

| item | id | example |
|---|---|---|
| issue | `YYYY-NN`, the folder name | `2023-01` |
| document | issuer code, year and serial of the 发文字号 (`issuer_codes` in site.yaml), or the id the editors give a document without one | `azbf-2023-7` for 阿政办发〔2023〕7号 |
| interpretation | the id of the document it explains (one per document) | `azbf-2023-9` |
| notice | the file name | `xikou-village-plan-2023` |
| division of work | its effective date | `2023-01-17` |
| leader | given in the leadership file (pinyin of the name) | `sun-baichuan` |
| unit | given in departments.yaml | `audit` |
| committee | the file name | `guotu-guihua` |
| person | the name: the files give people no other identity | `王晓欢` |
| table | `table-N` in the order of the body | `table-1` |

## Stability

- Ids and URLs do not change once published. A document keeps its id when it is
  repealed (`status` changes, the file stays); a superseded division of work keeps its
  page and id. The one moving link is a leader's `path`: `leadership/<id>/` while their
  division is current, the division's page once it is superseded.
- Within `v1`, changes are additive: new files, new endpoints in the catalog, new keys.
  A key is never removed or renamed and never changes type within `v1`; such a change
  comes as `/api/v2/`, published beside `v1`, which stays in place. Read the keys you
  know and ignore the others; the schemas of `v1` change together with the files.
- Enumerations (`status`, `relation`, `type`…) may gain values.
- The order of lists is part of the contract where it is stated (documents in
  table-of-contents order, notices newest start first, feeds newest first, leaders in
  the order of their document).
"""

FEEDS = """\
## Feeds

| path | format | holds |
|---|---|---|
| `feed.xml` | Atom 1.0 (RFC 4287) | the newest 100 documents and interpretations, newest first (a feed carries what is new; the API and the download hold the whole archive) |
| `feed.json` | JSON Feed 1.1 | the same, in the same order |
| `issuers/<code>/feed.xml` | Atom 1.0 | the newest 100 documents whose 发文字号 has that issuer code (`azbf` = 阿政办发, `azf` = 阿政发), with their interpretations |
| `notices.ics` | iCalendar (RFC 5545) | every notice period as an all-day event; `notices/<id>/notice.ics` holds one |

Every page's `<head>` links `feed.xml` and `feed.json` with `<link rel="alternate">`,
so a feed reader given any page finds them.

Newest first means: by publication date (the date of the issue), then by 成文日期, then
by id, an interpretation right after its document. An entry's id is the absolute URL of
its page; `published` and `updated` are the publication date at midnight China time; the
author is the issuer; the categories are the topics and the section; the summary is the
number, issuer and date in one line; the content is the body as HTML (escaped, never in
CDATA, with `xml:base` set to the page so relative links resolve). Each entry also links
its JSON file (`<link rel="alternate" type="application/json">`). A feed's `updated` is
its newest entry's date, so it changes only when the content does.

`feed.json` items carry the same data (`content_html`, `content_text`, `summary`,
`date_published`, `authors`, `tags`) and a `_gazette` extension object (JSON Feed 1.1
allows keys starting with `_`). Its schema is `api/v1/schema/feed.schema.json`:
"""

REST = """\
## Sitemap and robots.txt

`sitemap.xml` (sitemaps.org 0.9) lists the absolute URL of every HTML page of the site
and nothing else, except `404.html` (the page shown for missing URLs, which search
engines should not list). `robots.txt` allows everything and names the sitemap. A site
served below a path (`/gongbao/`) must copy or merge `robots.txt` into the host's root
for crawlers to read it.

## Downloads

| path | what |
|---|---|
| `downloads/gazette-data.zip` | every file of the API (`api/v1/**`, schemas included), `feed.json`, every table as CSV and JSON (`<folder>/<id>/table-N.csv` and `.json`), and `downloads/documents.csv`: at the same paths as on the site, so an unpacked copy mirrors the site and each entry equals the published file byte for byte |
| `downloads/documents.csv` | one row per document (below) |
| `downloads/SHA256SUMS` | the SHA-256 of the two files above, as `sha256sum -c SHA256SUMS` reads it |

The downloads page `/downloads/` lists each file with its size in bytes and its SHA-256,
also as `data-file`, `data-size` and `data-sha256` attributes of its table row.

The ZIP is deterministic: entries sorted by path, deflated, mode 0644, and every entry
dated the build date at 00:00 (the DOS time of ZIP has no zone). The same content built
on the same day gives the same bytes and the same hash.

`documents.csv` is RFC 4180 CSV (comma separated, fields quoted when they hold a comma,
a quote or a line break, quotes doubled, CRLF line ends), UTF-8 with a byte order mark so
that spreadsheet programs open the Chinese text correctly. It has the Federal Register's
CSV columns in the gazette's terms, one row per document in the order of
`documents.json`; several values in one cell are joined with `; `:

| column | meaning | JSON |
|---|---|---|
| `document_number` | 发文字号 (empty when none) | `document_number` |
| `id` | document id | `id` |
| `title` | 标题 | `title` |
| `type` | 文种 | `type` |
| `issuer` | 发文机关 | `issuer` |
| `issuer_code` | ASCII code of the 机关代字 | `issuer_code` |
| `recipients` | 主送机关, joined with `; ` | `recipients` |
| `signing_date` | 成文日期 | `signing_date` |
| `publication_date` | 发布日期: the issue's date | `publication_date` |
| `issue` | issue id | `issue_id` |
| `section` | 栏目 | `section` |
| `page` | 公报页码 | `page` |
| `citation` | how to cite it | `citation` |
| `topics` | 主题分类, joined with `; ` | `topics` |
| `status` | 有效性: 有效, 失效 or 废止 | `status` |
| `supersedes` | 发文字号 of the document it replaces | `supersedes` |
| `interpretation_url` | its policy interpretation's page | `interpretation_id` |
| `html_url` | the document's page | `url` |
| `json_url` | the document's JSON file | `json_url` |

## Structured data in the pages

Each document page links its JSON file twice: `<link rel="alternate"
type="application/json">` in the head and the visible link 本文件的数据（JSON） in the
aside. It also embeds schema.org `Legislation` as JSON-LD (`<` written `\\u003c` so the
text cannot close its `<script>`):

| property | value |
|---|---|
| `legislationIdentifier` | 发文字号 |
| `legislationDate` | 成文日期 |
| `legislationType` | 文种 (通知, 决定…) |
| `legislationJurisdiction` | `AdministrativeArea` named after the publisher (阿尔山市) |
| `legislationLegalForce` | `InForce` for 有效, `NotInForce` for 失效 and 废止 |
| `legislationPassedBy` | the issuer, as `GovernmentOrganization` |
| `name`, `url`, `inLanguage`, `keywords`, `datePublished`, `pageStart` | title, page URL, language, topics, publication date, page |
| `publisher` | the office that publishes the gazette |
| `isPartOf` | the issue, as `PublicationIssue` |
| `encoding` | the JSON file, as `LegislationObject` |

## Regenerating this page

```sh
swift run site build --output /tmp/site --today 2026-11-29
python3 scripts/gen-api-docs.py /tmp/site
```
"""


def type_of(schema):
    kinds = schema.get("type", "any")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    names = []
    for kind in kinds:
        if kind == "string" and schema.get("format") == "date":
            names.append("date")
        elif kind == "string" and schema.get("format") == "uri":
            names.append("URL")
        elif kind == "string" and schema.get("format") == "date-time":
            names.append("date-time")
        elif kind == "array":
            names.append("array of " + type_of(schema.get("items", {})))
        else:
            names.append(kind)
    return " \\| ".join(names)


def meaning(schema):
    text = schema.get("description", "")
    values = [v for v in schema.get("enum", []) if v is not None]
    if values:
        text += " One of " + ", ".join(f"`{v}`" for v in values) + "."
    return text.replace("|", "\\|").replace("\n", " ")


def rows(schema, parent, out):
    """One row per property, depth first, with the path of the object that holds it."""
    if schema.get("type") == "array" or (isinstance(schema.get("type"), list) and "array" in schema["type"]):
        rows(schema.get("items", {}), parent + "[]", out)
        return
    for key, child in schema.get("properties", {}).items():
        if key == "$schema" and parent == "":
            out.append(("`$schema`", "", "URL", "The URL of this file's JSON Schema."))
            continue
        out.append((f"`{key}`", f"`{parent}`" if parent else "", type_of(child), meaning(child)))
        rows(child, (parent + "." if parent else "") + key, out)


def field_table(schema):
    out = []
    rows(schema, "", out)
    lines = ["| field | in | type | meaning |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in out]
    return "\n".join(lines)


def shorten(value, depth=0):
    if isinstance(value, dict):
        return {k: shorten(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        keep = 2 if depth < 3 else 1
        items = [shorten(v, depth + 1) for v in value[:keep]]
        if len(value) > keep:
            items.append(f"… {len(value) - keep} more")
        return items
    if isinstance(value, str) and len(value) > 100:
        return value[:90] + "…"
    return value


def example(data):
    return "```json\n" + json.dumps(shorten(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n```"


def main(site):
    site = Path(site)
    catalog = json.loads((site / "api/v1/index.json").read_text("utf-8"))
    parts = [INTRO, "## Endpoints\n"]
    parts.append("| path | holds | in the seed |\n|---|---|---|")
    for e in catalog["endpoints"]:
        parts.append(f"| `{e['path']}` | {e['description_en']} | {e['count']} |")
    parts.append("")
    for e in catalog["endpoints"]:
        schema = json.loads((site / e["schema_path"]).read_text("utf-8"))
        parts.append(f"### `{e['path']}`\n")
        parts.append(f"{e['description_en']}  \n{e['description_zh']}\n")
        parts.append(f"Schema: `{e['schema_path']}`. "
                     + (f"One file per item: {e['count']} in the seed, all listed in the catalog's `paths`."
                        if e["templated"] else f"{e['count']} items in the seed.") + "\n")
        parts.append(field_table(schema) + "\n")
        sample = e["paths"][0] if e["paths"] else None
        if sample:
            data = json.loads((site / sample).read_text("utf-8"))
            parts.append(f"Example: `{sample}`\n")
            parts.append(example(data) + "\n")
    feed_schema = json.loads((site / "api/v1/schema/feed.schema.json").read_text("utf-8"))
    parts.append(FEEDS)
    parts.append(field_table(feed_schema) + "\n")
    atom = (site / "feed.xml").read_text("utf-8")
    entry = atom[atom.index("  <entry>"):atom.index("</entry>") + len("</entry>")]
    content_start = entry.index('<content type="html"')
    content_end = entry.index("</content>")
    entry = entry[:content_start] + entry[content_start:content_start + 220] + "…" + entry[content_end:]
    parts.append("An entry of `feed.xml` (content shortened):\n\n```xml\n" + entry + "\n```\n")
    parts.append(REST)
    OUT.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
