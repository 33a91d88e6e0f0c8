import Foundation
import GazetteParallel

/// Each folder of the published site with its `stat` as the last build left it (`StatSignature`), kept beside
/// the build cache (`.gazette-cache/<output>.folders`). Putting a rebuild's files in place must remove the
/// files the site no longer has, and anything put into the published folder by hand; reading all 10,000
/// folders of a large site for that was about half of a rebuild's emit. With this the removed files come from
/// the last build's list (`LastSite`), and only the folders whose `stat` changed are read: a folder's times
/// change with every entry made, renamed or removed in it. (On a kernel without fine-grained file times,
/// before Linux 6.13, a file put into a folder by hand within the same clock tick as the build's last change
/// there, a few milliseconds, leaves the times as they were, and stays until that folder changes again. The
/// site's own files do not depend on this: the render stage checks each kept file to be there with its size.)
///
///     <magic line> <count> (<path> <signature>)…
struct PublishedFolders {
    /// Each folder, by its path relative to the site ("" for the site's own folder).
    var folders: [String: StatSignature]

    private static let magic = Array("gazette-folders 2\n".utf8)

    init(folders: [String: StatSignature]) { self.folders = folders }

    /// The folders noted in `file`; nil when there is none or it does not read whole.
    init?(file: URL) {
        guard let data = try? Data(contentsOf: file) else { return nil }
        var reader = ByteReader([UInt8](data))
        guard reader.bytes(Self.magic.count) == Self.magic, let count = reader.varint() else { return nil }
        var folders: [String: StatSignature] = [:]
        folders.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = reader.string(), let signature = StatSignature(&reader) else { return nil }
            folders[path] = signature
        }
        guard reader.atEnd else { return nil }
        self.init(folders: folders)
    }

    /// Notes the folders in `file` for the next build.
    func save(to file: URL) {
        var out = ByteBuffer()
        out.append(Self.magic)
        out.varint(folders.count)
        for (path, signature) in folders {
            out.string(path)
            signature.write(to: &out)
        }
        FileBytes.keep(out.bytes, at: file)
    }

    /// The signature of the folder `relative` below the open folder `root` ("" for itself), nil when there is none.
    static func signature(_ root: Int32, _ relative: String) -> StatSignature? {
        var info = stat()
        guard fstatat(root, relative.isEmpty ? "." : relative, &info, AT_SYMLINK_NOFOLLOW) == 0,
              info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return StatSignature(info)
    }

    /// The signatures of `folders` below the open folder `root` as they are now, on `jobs` threads (nil for one
    /// that is no folder there).
    static func signatures(_ folders: [String], below root: Int32, jobs: Int) -> [StatSignature?] {
        Parallel.map(folders, jobs: jobs) { signature(root, $0) }
    }

    /// `folders` below the open folder `root` as they are now; nil if one of them is not there.
    init?(current folders: [String], below root: Int32, jobs: Int) {
        var now: [String: StatSignature] = [:]
        now.reserveCapacity(folders.count)
        for (folder, signature) in zip(folders, Self.signatures(folders, below: root, jobs: jobs)) {
            guard let signature else { return nil }
            now[folder] = signature
        }
        self.init(folders: now)
    }

    /// The noted folders whose signature below the open folder `root` is still the noted one.
    func unchanged(below root: Int32, jobs: Int) -> Set<String> {
        let known = Array(folders)
        let now = Self.signatures(known.map(\.key), below: root, jobs: jobs)
        return Set(zip(known, now).compactMap { noted, now in now == noted.value ? noted.key : nil })
    }

    /// The folder of a relative path ("" for one at the top).
    static func folder(of relative: String) -> String {
        guard let slash = relative.lastIndex(of: "/") else { return "" }
        return String(relative[..<slash])
    }

    /// Every folder that holds one of `files`, and the folders above them ("" included).
    static func folders<Files: Sequence>(holding files: Files) -> Set<String> where Files.Element == String {
        var folders: Set<String> = [""]
        for file in files {
            var folder = folder(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        return folders
    }
}

/// What the last build published, as its cache lists it.
public struct LastSite: Sendable {
    /// Its files.
    let files: [String]
    /// Whether it had a file.
    let had: @Sendable (String) -> Bool
    /// Whether this build has as many files (every file it made or kept is listed in its cache).
    let sameCount: Bool
}

extension PublishedFolders {
    /// Below the open folder `root`, where the last build left the folders `self` and its files `last`, and
    /// this build has just renamed `written` into place (`unchanged`: the folders whose signature was still
    /// the noted one before that): removes the last site's files that `site` has not, with the folders left
    /// empty, and whatever else stands in a folder whose entries are not known (changed since, new, or
    /// holding a file the last site did not list). Returns the folders as they are now.
    func removeStrays(below root: Int32, site: () -> Set<String>, written: Set<String>, last: LastSite,
                      unchanged: Set<String>, jobs: Int) -> PublishedFolders {
        let writtenFolders = Self.folders(holding: written)
        var touched = writtenFolders
        var gone: Set<String> = []
        // The site has the last one's files exactly when it has as many and each one written replaced one of
        // them (a kept one is one of them): so after the usual edit the 45,000 paths need not be looked up.
        let sameFiles = last.sameCount && written.allSatisfy(last.had)
        for path in sameFiles ? [] : last.files where !site().contains(path) {
            guard unlinkat(root, path, 0) == 0 || errno == ENOENT else { continue }
            // Its folder and the ones above go when they are left empty (removing a full one fails).
            var folder = Self.folder(of: path)
            touched.insert(folder)
            while !folder.isEmpty, !gone.contains(folder), unlinkat(root, folder, AT_REMOVEDIR) == 0 {
                gone.insert(folder)
                folder = Self.folder(of: folder)
                touched.insert(folder)
            }
        }
        let known = Set(folders.keys).subtracting(gone)
        // Folders whose entries are not known: changed since the last build, or not noted by it, or holding a
        // file it did not list (the theme's assets, copied on every build).
        var read = known.subtracting(unchanged).union(writtenFolders.subtracting(known))
        for path in written where !last.had(path) { read.insert(Self.folder(of: path)) }
        let siteFolders = known.union(writtenFolders)
        // Deepest first, so that a folder emptied of strays can go before its parent is looked at.
        for folder in read.sorted(by: { $0.count > $1.count }) where siteFolders.contains(folder) {
            removeStrays(in: folder, below: root, site: site(), siteFolders: siteFolders, jobs: jobs)
            // One left empty holds no file of the site (the last site's files there were removed above, and
            // a stray kept it): it goes, as the walk would remove it.
            var emptied = folder
            while !emptied.isEmpty, !writtenFolders.contains(emptied), unlinkat(root, emptied, AT_REMOVEDIR) == 0 {
                emptied = Self.folder(of: emptied)
                touched.insert(emptied)
            }
        }
        // A folder unchanged before this build and not touched by it keeps its noted signature; the others are
        // looked up again (one that is gone is dropped).
        let same = siteFolders.filter { unchanged.contains($0) && !touched.contains($0) && !read.contains($0) }
        var now = folders.filter { same.contains($0.key) }
        let changed = Array(siteFolders.subtracting(same))
        for (folder, signature) in zip(changed, Self.signatures(changed, below: root, jobs: jobs)) { now[folder] = signature }
        return PublishedFolders(folders: now)
    }

    /// Reads one folder's entries: removes the files the site has not, and the subfolders it has not with all
    /// they hold; its own subfolders are left to their own turn.
    private func removeStrays(in folder: String, below root: Int32, site: Set<String>, siteFolders: Set<String>, jobs: Int) {
        let descriptor = openat(root, folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        guard let listing = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(listing) }
        for entry in FolderListing.entries(of: listing) {
            let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
            var isFolder = entry.isFolder
            if entry.type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(descriptor, entry.name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if !isFolder {
                if !site.contains(path) { unlinkat(descriptor, entry.name, 0) }
            } else if !siteFolders.contains(path) {
                let child = openat(descriptor, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { _ = FolderWalk.prune(child, relative: path, keep: site, jobs: jobs) }
                unlinkat(descriptor, entry.name, AT_REMOVEDIR)
            }
        }
    }
}
