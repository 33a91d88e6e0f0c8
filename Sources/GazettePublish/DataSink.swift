import Foundation
import GazetteParallel

/// Where the open data writes its files. The build's sink keeps a published file whose key is unchanged
/// (`write(keyed:)`) and reads back the last build's archive, so that after an edit to one document only
/// that document's files are made again; `EmittingSink` hands every file on, for callers without a cache.
public protocol DataSink {
    /// Writes files as they are made.
    func write(_ files: [(path: String, data: Data)])
    /// Writes one file made of `parts`, joined end to end (the data archive, whose parts are where its
    /// bodies already are).
    func write(_ path: String, parts: [Data])
    /// Writes files known by a key that changes whenever their bytes would: a file whose published copy
    /// has the same key is kept, the others are made (`make(i)` for `files[i]`, on any thread) and written.
    /// Returns the bytes made, and nil for each file kept.
    func write(keyed files: [(path: String, key: String)], make: @escaping (Int) -> Data) -> [Data?]
    /// A file of the last build as published, if it still has the bytes that build wrote.
    func published(_ path: String) -> Data?
    /// The bytes of a keyed file this build kept (`write(keyed:)` returned nil for it), as published: the
    /// downloads page describes documents.csv by them.
    func kept(_ path: String) -> Data?
}

extension DataSink {
    public func kept(_ path: String) -> Data? { published(path) }

    public func write(_ path: String, parts: [Data]) {
        write([(path: path, data: parts.reduce(into: Data()) { $0.append($1) })])
    }
}

/// A sink that keeps nothing: every file is made and handed to `emit`.
public struct EmittingSink: DataSink {
    let emit: (OpenData.Files) -> Void

    public init(_ emit: @escaping (OpenData.Files) -> Void) { self.emit = emit }

    public func write(_ files: [(path: String, data: Data)]) { emit(files) }

    public func write(keyed files: [(path: String, key: String)], make: @escaping (Int) -> Data) -> [Data?] {
        let made = Parallel.map(Array(files.indices), jobs: Parallel.cores * 2, make)
        emit(zip(files, made).map { (path: $0.0.path, data: $0.1) })
        return made
    }

    public func published(_ path: String) -> Data? { nil }
}
