import Foundation

/// A minimal HTTP/1.1 client over a plain socket, for the preview-server tests.
///
/// Raw sockets rather than URLSession: a test must be able to send `/../Package.swift`
/// exactly as written (URL types normalise it away), and every read here is bounded by a
/// deadline, so a server that never answers fails the test instead of hanging the suite.
struct HTTPProbe {
    struct Reply {
        let status: Int
        /// Header names lowercased.
        let headers: [String: String]
        let body: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends one request (`Connection: close`) and reads the whole reply within `timeout` seconds.
    static func request(_ target: String, method: String = "GET", port: Int, timeout: Double = 10) throws -> Reply {
        let socket = try ProbeSocket(port: port)
        defer { socket.close() }
        try socket.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let deadline = Date().addingTimeInterval(timeout)
        var data = Data()
        while Date() < deadline {
            guard let chunk = try socket.receive() else { break }  // closed: the reply is complete
            data.append(chunk)
            if let reply = try? parse(data, method: method), reply.complete { return reply.reply }
        }
        guard let reply = try? parse(data, method: method), reply.complete else {
            throw Failure(description: "no complete reply to \(method) \(target) within \(timeout) s (got \(data.count) bytes)")
        }
        return reply.reply
    }

    private static func parse(_ data: Data, method: String) throws -> (reply: Reply, complete: Bool) {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "no header end") }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        var complete = false
        if method == "HEAD" {
            body = Data()
            complete = true
        } else if let length = headers["content-length"].flatMap(Int.init) {
            complete = body.count >= length
            body = body.prefix(length)
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoder = ChunkedBodyDecoder()
            body = decoder.feed(body)
            complete = decoder.finished
        }
        return (Reply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)), complete)
    }
}

/// An open `/__gazette/events` stream, read event by event.
///
/// Unchecked: a test reads it from one thread at a time, each read awaited before the next.
final class EventStreamProbe: @unchecked Sendable {
    private let socket: ProbeSocket
    private var raw = Data()
    private var headerDone = false
    private var decoder = ChunkedBodyDecoder()
    private var text = ""

    init(port: Int, path: String = "/__gazette/events") throws {
        socket = try ProbeSocket(port: port)
        try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    deinit { socket.close() }

    /// The data of the next event called `name` (other events are skipped), or nil when
    /// none arrives within `timeout` seconds or the stream ends.
    func next(_ name: String, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while let end = text.range(of: "\n\n") {
                let block = String(text[..<end.lowerBound])
                text.removeSubrange(..<end.upperBound)
                var event = "message", data: [String] = []
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if event == name { return data.joined(separator: "\n") }
            }
            guard Date() < deadline, let chunk = try? socket.receive() else { return nil }
            raw.append(chunk)
            if !headerDone, let split = raw.range(of: Data("\r\n\r\n".utf8)) {
                headerDone = true
                raw = Data(raw[split.upperBound...])
            }
            if headerDone {
                text += String(decoding: decoder.feed(raw), as: UTF8.self)
                raw = Data()
            }
        }
    }

    /// Whether the server ended the stream within `timeout` seconds.
    func waitForEnd(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            do {
                if try socket.receive() == nil { return true }
            } catch {
                return true
            }
        }
        return false
    }
}

/// Incremental decoder of `Transfer-Encoding: chunked` bodies.
struct ChunkedBodyDecoder {
    private var pending = Data()
    private(set) var finished = false

    /// The payload bytes that `data` (appended to what came before) completes.
    mutating func feed(_ data: Data) -> Data {
        pending.append(data)
        var out = Data()
        while !finished, let lineEnd = pending.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: pending[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), radix: 16) else {
                finished = true
                break
            }
            let start = lineEnd.upperBound
            guard pending.distance(from: start, to: pending.endIndex) >= size + 2 else { break }
            let payloadEnd = pending.index(start, offsetBy: size)
            out.append(pending[start..<payloadEnd])
            pending = Data(pending[pending.index(payloadEnd, offsetBy: 2)...])
            if size == 0 { finished = true }
        }
        return out
    }
}

/// A connected TCP socket to 127.0.0.1 whose reads give up after a short timeout, so every
/// loop above can check its deadline.
final class ProbeSocket: @unchecked Sendable {
    private var fd: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HTTPProbe.Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close()
            throw HTTPProbe.Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw HTTPProbe.Failure(description: "send failed") }
            offset += n
        }
    }

    /// The next bytes; empty when none came within the read timeout, nil when the peer closed.
    func receive() throws -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 { return Data(buffer[..<n]) }
        if n == 0 { return nil }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return Data() }
        throw HTTPProbe.Failure(description: "read failed: errno \(errno)")
    }

    func close() {
        if fd >= 0 {
            #if canImport(Glibc)
            _ = Glibc.close(fd)
            #else
            _ = Darwin.close(fd)
            #endif
            fd = -1
        }
    }
}
