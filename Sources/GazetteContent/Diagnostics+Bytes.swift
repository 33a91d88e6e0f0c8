import GazetteModel
import GazetteParallel

/// Findings as bytes, for what the build keeps of a decoded file or a rendered body: taken from the cache,
/// they are reported again, as decoding or rendering again would.
extension ByteBuffer {
    public mutating func findings(_ findings: Diagnostics) {
        varint(findings.all.count)
        for finding in findings.all {
            string(finding.severity.rawValue)
            string(finding.message)
            string(finding.location.path)
            varint(finding.location.line)
            varint(finding.location.column)
        }
    }
}

extension ByteReader {
    public mutating func findings() -> Diagnostics? {
        guard let count = varint() else { return nil }
        var findings = Diagnostics()
        for _ in 0..<count {
            guard let severity = string().flatMap(Diagnostic.Severity.init(rawValue:)), let message = string(),
                  let path = string(), let line = varint(), let column = varint() else { return nil }
            findings.append(Diagnostic(severity, message, at: SourceLocation(path: path, line: line, column: column)))
        }
        return findings
    }
}
