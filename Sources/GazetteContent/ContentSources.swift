import Foundation
import GazetteModel
import GazetteParallel

/// Every content file, read from disk and sorted: the output of the load stage.
public struct ContentSources: Sendable {
    public struct IssueFolder: Sendable {
        /// `2023-01`.
        public let id: String
        public let issueFile: ContentFile?
        /// Markdown files, sorted by name.
        public let entries: [EntryFile]
        public let location: SourceLocation
    }

    public let root: URL
    public let site: ContentFile?
    public let issues: [IssueFolder]
    /// `calendar/<YYYY>.yaml`, sorted.
    public let calendar: [ContentFile]
    /// `notices/<id>.md`, sorted.
    public let notices: [ContentFile]
    /// `departments.yaml`, when present.
    public let departments: ContentFile?
    /// `leadership/<YYYY-MM-DD>.yaml`, sorted (oldest first).
    public let leadership: [ContentFile]
    /// `committees/<id>.yaml`, sorted.
    public let committees: [ContentFile]

    public var fileCount: Int {
        let issueFiles = issues.reduce(0) { $0 + $1.entries.count + ($1.issueFile == nil ? 0 : 1) }
        return (site == nil ? 0 : 1) + (departments == nil ? 0 : 1) + issueFiles
            + calendar.count + notices.count + leadership.count + committees.count
    }

    /// Every file but the entries, in a fixed order (site, issue files, calendar, notices, departments,
    /// leadership, committees): with the entries' digests, what a key over the whole content hashes.
    public var otherFiles: [ContentFile] {
        [site].compactMap { $0 } + issues.compactMap(\.issueFile) + calendar + notices + [departments].compactMap { $0 }
            + leadership + committees
    }

    /// The entries of every issue folder, in order.
    public var entryFiles: [EntryFile] { issues.flatMap(\.entries) }

    /// Reads the content tree below `root`. Missing required files are errors. An entry file that `known`
    /// holds with the `stat` it has now is not read (`EntryFile`).
    public static func load(root: URL, known: KnownFiles? = nil, diagnostics: inout Diagnostics) -> ContentSources {
        load(root: root, known: known, start: StatSignature.now(), diagnostics: &diagnostics)
    }

    /// `start` is when reading starts: a file changed less than a second before is not known again by its
    /// `stat` (`StatSignature.trusted`).
    static func load(root: URL, known: KnownFiles?, start: timespec, diagnostics: inout Diagnostics) -> ContentSources {
        let reader = TreeReader(root: root)
        let site = reader.file("site.yaml", required: true, diagnostics: &diagnostics)
        // The issue folders are listed on every core too (a large archive has hundreds), their findings
        // merged in order.
        typealias Folder = (name: String, issueFile: ContentFile?, entries: [String], location: SourceLocation)
        let listed = Parallel.map(reader.subfolders("issues")) { folder -> (Folder?, Diagnostics) in
            var found = Diagnostics()
            let location = SourceLocation(path: reader.display("issues/\(folder)"))
            guard IssueFolderName.isValid(folder) else {
                found.error("期刊文件夹名“\(folder)”应为 YYYY-NN（如 2023-01）", at: location)
                return (nil, found)
            }
            let issueFile = reader.file("issues/\(folder)/issue.yaml", required: true, diagnostics: &found)
            let entries = reader.files(in: "issues/\(folder)", withExtension: "md").map { "issues/\(folder)/\($0)" }
            return ((folder, issueFile, entries, location), found)
        }
        var folders: [Folder] = []
        for (folder, found) in listed {
            diagnostics.append(contentsOf: found)
            if let folder { folders.append(folder) }
        }
        // The entries are nearly all the files (ten thousand in a large archive): read on every core, with
        // the findings merged in path order, so they do not depend on the number of cores.
        let read = Parallel.map(folders.flatMap(\.entries)) { path -> (EntryFile?, Diagnostics) in
            var found = Diagnostics()
            return (reader.entry(path, known: known, start: start, diagnostics: &found), found)
        }
        var next = read.makeIterator()
        var issues: [IssueFolder] = []
        for folder in folders {
            var entries: [EntryFile] = []
            for _ in folder.entries {
                let (file, found) = next.next()!
                diagnostics.append(contentsOf: found)
                if let file { entries.append(file) }
            }
            issues.append(IssueFolder(id: folder.name, issueFile: folder.issueFile, entries: entries, location: folder.location))
        }
        func all(in folder: String, _ ext: String) -> [ContentFile] {
            reader.files(in: folder, withExtension: ext).compactMap {
                reader.file("\(folder)/\($0)", required: true, diagnostics: &diagnostics)
            }
        }
        return ContentSources(
            root: root, site: site, issues: issues,
            calendar: all(in: "calendar", "yaml"),
            notices: all(in: "notices", "md"),
            departments: reader.file("departments.yaml", required: false, diagnostics: &diagnostics),
            leadership: all(in: "leadership", "yaml"),
            committees: all(in: "committees", "yaml"))
    }
}

/// Issue folders are named `YYYY-NN`; the name becomes a URL, so nothing else is allowed.
enum IssueFolderName {
    static func isValid(_ name: String) -> Bool {
        let chars = Array(name)
        return chars.count == 7 && chars[4] == "-"
            && chars.enumerated().allSatisfy { $0.offset == 4 || ($0.element.isASCII && $0.element.isNumber) }
    }
}

/// Reads files below a root in a stable order, naming them for diagnostics.
struct TreeReader {
    let root: URL
    /// The root's path, standardized, and the working directory's with a slash: worked out once, as the
    /// paths of ten thousand files are made from them. (Relative paths here come from directory listings
    /// without hidden names, so they hold no `.` or `..` to standardize.)
    private let rootPath: String
    private let workingDirectory: String

    init(root: URL) {
        self.root = root
        rootPath = root.standardizedFileURL.path
        workingDirectory = FileManager.default.currentDirectoryPath + "/"
    }

    private func path(_ relative: String) -> String { rootPath + "/" + relative }

    /// The path people see: relative to the working directory when the root is below it.
    func display(_ relative: String) -> String {
        let full = path(relative)
        return full.hasPrefix(workingDirectory) ? String(full.dropFirst(workingDirectory.count)) : full
    }

    /// An issue folder's Markdown file: known again by its `stat` when `known` holds it, else read.
    func entry(_ relative: String, known: KnownFiles?, start: timespec, diagnostics: inout Diagnostics) -> EntryFile? {
        let full = path(relative)
        if let known = known?.unchanged(relative, at: full) {
            return EntryFile(displayPath: display(relative), relativePath: relative, path: full, text: nil,
                             digest: known.digest, signature: known.signature)
        }
        switch ContentFile.read(path: full, relativePath: relative, displayPath: display(relative), diagnostics: &diagnostics) {
        case .read(let file, let info):
            return EntryFile(read: file, path: full, signature: info.flatMap { StatSignature.trusted($0, start: start) })
        case .missing:
            diagnostics.error("缺少文件", at: SourceLocation(path: display(relative)))
            return nil
        case .rejected: return nil
        }
    }

    func file(_ relative: String, required: Bool, diagnostics: inout Diagnostics) -> ContentFile? {
        switch ContentFile.read(path: path(relative), relativePath: relative, displayPath: display(relative),
                                diagnostics: &diagnostics) {
        case .read(let file, _): return file
        case .missing:
            if required { diagnostics.error("缺少文件", at: SourceLocation(path: display(relative))) }
            return nil
        case .rejected: return nil
        }
    }

    /// Names of the visible subfolders of `relative`, sorted.
    func subfolders(_ relative: String) -> [String] {
        entries(relative).filter { isFolder($0, in: relative) }.map(\.name)
    }

    /// Names of the visible files with an extension, sorted.
    func files(in relative: String, withExtension ext: String) -> [String] {
        entries(relative).filter { $0.name.hasSuffix(".\(ext)") && !isFolder($0, in: relative) }.map(\.name)
    }

    private func entries(_ relative: String) -> [FolderListing.Entry] {
        FolderListing.entries(atPath: path(relative)).filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
    }

    /// From the listing's type, without a `stat` for each of ten thousand files, unless the entry is a
    /// symbolic link (whose target decides: a linked folder of issues is read) or the file system does not say.
    private func isFolder(_ entry: FolderListing.Entry, in relative: String) -> Bool {
        if entry.isFolder || entry.isRegularFile { return entry.isFolder }
        var info = stat()
        return stat(path("\(relative)/\(entry.name)"), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
