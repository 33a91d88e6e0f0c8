import GazetteModel
import GazettePublish
import GazetteRender

extension DownloadsPage {
    /// The downloads page for the files, endpoints and feeds the open data made.
    func page(_ manifest: DownloadManifest) -> Page {
        page(files: manifest.files.map {
                 File(name: $0.name, path: $0.path, size: $0.size, sha256: $0.sha256, description: $0.descriptionZh,
                      entryCount: $0.entryCount)
             },
             checksumsPath: manifest.checksumsPath,
             endpoints: manifest.endpoints.map {
                 Endpoint(path: $0.path, example: $0.example, schemaPath: $0.schemaPath, count: $0.count,
                          templated: $0.templated, description: $0.descriptionZh)
             },
             feeds: manifest.feeds.map { Feed(path: $0.path, format: $0.format, description: $0.descriptionZh) })
    }
}
