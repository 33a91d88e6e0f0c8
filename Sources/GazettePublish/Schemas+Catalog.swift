/// The schemas of the catalog (`index.json`) and of the JSON Feed.
enum CatalogSchemas {
    static let index = Schema.object("The catalog of the API: every endpoint with its schema, count and description, the feeds and the downloads.", [
        "api_version": .string("Version of the API; a breaking change gets a new version and a new path.", oneOf: ["v1"]),
        "title": .string("Title of the gazette."),
        "publisher": .string("The office that publishes it."),
        "jurisdiction": .string("The jurisdiction the gazette publishes for."),
        "language": .string("BCP 47 language tag of the content.", pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$"),
        "base_url": .url("Absolute URL of the site root; every path is relative to it."),
        "build_date": .date("The date the site was built: the day `status` values are as of."),
        "documentation_path": .path("The page that explains the data, relative to the site root."),
        "documentation_url": .url("That page, absolute."),
        "endpoints": .array("Every endpoint.", of: .object("One endpoint: one file, or one file per item.", [
            "name": .id("Stable name of the endpoint."),
            "path": .string("Its path relative to the site root, with {id} (or {folder}, {anchor}) where one file per item is published."),
            "url": .string("Its absolute URL, with the same placeholders.", pattern: "^https?://"),
            "templated": .boolean("True when the endpoint is one file per item."),
            "paths": .array("Every file of the endpoint, relative to the site root.", of: .path("A file.", suffix: ".json")),
            "count": .integer("Items in the list file, or files of a templated endpoint.", minimum: 0),
            "schema_path": .path("Its JSON Schema, relative to the site root.", suffix: ".schema.json"),
            "schema_url": .url("Its JSON Schema, absolute."),
            "description_zh": .string("What it holds, in Chinese."),
            "description_en": .string("What it holds, in English."),
        ])),
        "feeds": .array("Feeds to subscribe to.", of: .object("One feed.", [
            "name": .id("Stable name of the feed."),
            "path": .path("The feed, relative to the site root."),
            "url": .url("The feed, absolute."),
            "format": .string("Format of the feed.", oneOf: ["atom", "json_feed", "icalendar"]),
            "media_type": .string("Its media type.", oneOf: ["application/atom+xml", "application/feed+json", "text/calendar"]),
            "description_zh": .string("What it holds, in Chinese."),
            "description_en": .string("What it holds, in English."),
        ])),
        "downloads": .array("Bulk downloads; their sizes and SHA-256 are on the documentation page and in the checksums file.", of: .object("One download.", [
            "name": .id("Stable name of the download."),
            "path": .path("The file, relative to the site root."),
            "url": .url("The file, absolute."),
            "media_type": .string("Its media type."),
            "description_zh": .string("What it holds, in Chinese."),
            "description_en": .string("What it holds, in English."),
        ])),
    ])

    static let author = Schema.openObject("An author.", ["name": .string("The name.")], required: ["name"])

    static let feed = Schema.openObject("A JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of documents and interpretations, newest first.", [
        "version": .string("The JSON Feed version URL.", oneOf: ["https://jsonfeed.org/version/1.1"]),
        "title": .string("Title of the feed."),
        "home_page_url": .url("The site."),
        "feed_url": .url("This feed."),
        "description": .string("What the feed holds."),
        "language": .string("Language of the content."),
        "authors": .array("The publisher.", of: author),
        "items": .array("Documents and interpretations, newest first.", of: .openObject("One document or interpretation.", [
            "id": .url("Stable id: the absolute URL of the page."),
            "url": .url("The page."),
            "title": .string("Title."),
            "content_html": .string("The body as HTML."),
            "content_text": .string("The body as plain text."),
            "summary": .string("Number, issuer and date in one line."),
            "date_published": .string("发布日期 at midnight China time (RFC 3339).", format: "date-time"),
            "authors": .array("The issuer.", of: author),
            "tags": .array("主题分类 and the section.", of: .string("A tag.")),
            "_gazette": .object("Gazette metadata (a JSON Feed extension).", [
                "kind": .string("What the item is.", oneOf: ["document", "interpretation"]),
                "id": .id("Id of the document or interpretation."),
                "document_number": ContentSchemas.documentNumber.nullable,
                "issuer_code": Schema.string("ASCII code of the issuer; null when unknown.").nullable,
                "signing_date": Schema.date("成文日期 (for an interpretation: its date); null when unknown.").nullable,
                "json_url": .url("The item's JSON file."),
            ]),
        ], required: ["id", "url", "title", "content_html", "date_published", "_gazette"])),
    ], required: ["version", "title", "home_page_url", "feed_url", "items"])
}
