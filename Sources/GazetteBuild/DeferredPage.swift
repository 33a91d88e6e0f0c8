import GazetteParallel
import GazetteRender

/// A page known by a digest of everything its context is made from, and made only when it must be drawn:
/// a document's page is a function of the site (its Markdown let go) and of its own rendered body, so after
/// a body edit the other 9,999 document pages of a large gazette need neither a context nor its hash
/// (0.8 s of a 5.9 s rebuild at 10,000 documents, measured taking turns with the build before).
struct DeferredPage: @unchecked Sendable {
    let path: String
    let template: String
    /// The digest of the page's inputs.
    let inputs: String
    let make: () -> Page

    var urlPath: String { Page.urlPath(of: path) }
}
