import Foundation

/// A small HTTP server for `lessons serve`: serves the output folder on 127.0.0.1 and tells pages
/// when to reload. Every HTML page it serves gets a script that asks `/__version` once a second and
/// reloads when the number it answers has changed (the watcher bumps it after each rebuild).
public final class PreviewServer: @unchecked Sendable {
    public let root: URL
    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var version = 0

    /// The script added to every page served, before `</body>`.
    static let reloadScript = """
        <script>(function () { var seen = null; setInterval(function () {
          fetch("/__version").then(function (r) { return r.text(); }).then(function (v) {
            if (seen !== null && v !== seen) location.reload(); seen = v; }).catch(function () {});
        }, 1000); })();</script>
        """

    /// Listens on `127.0.0.1:port`; `port` 0 picks a free one (read it from `port`).
    /// - Throws: `RunnerError` when the port cannot be had.
    public init(root: URL, port: UInt16) throws {
        self.root = root
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw RunnerError(file: "127.0.0.1:\(port)", stage: .io, summary: "cannot listen: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// The address of `port` on 127.0.0.1, for `bind` or `connect`.
    public static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Tells the pages open in browsers to reload.
    public func contentChanged() {
        lock.lock()
        version += 1
        lock.unlock()
    }

    /// Answers requests on a thread of its own, until the process ends.
    public func start() {
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { continue }
                DispatchQueue.global().async { self.answer(connection) }
            }
        }
    }

    private func answer(_ connection: Int32) {
        defer { close(connection) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = read(connection, &buffer, buffer.count)
        guard count > 0 else { return }
        let requestLine = String(decoding: buffer[..<count], as: UTF8.self).prefix { $0 != "\r" && $0 != "\n" }
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return respond(connection, status: "405 Method Not Allowed", type: "text/plain", body: Data("GET only\n".utf8)) }
        let target = parts[1].prefix { $0 != "?" && $0 != "#" }
        if target == "/__version" {
            lock.lock()
            let current = version
            lock.unlock()
            return respond(connection, status: "200 OK", type: "text/plain", body: Data("\(current)".utf8))
        }
        let relative = (target.removingPercentEncoding ?? String(target)).split(separator: "/").map(String.init)
        guard !relative.contains(".."), !relative.contains(".") else {
            return respond(connection, status: "403 Forbidden", type: "text/plain", body: Data("forbidden\n".utf8))
        }
        var file = relative.reduce(root) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = file.appendingPathComponent("index.html")
        }
        guard var body = FileManager.default.contents(atPath: file.path) else {
            return respond(connection, status: "404 Not Found", type: "text/plain", body: Data("not found: \(target)\n".utf8))
        }
        if file.pathExtension == "html" {
            body = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "</body>", with: Self.reloadScript + "\n</body>").utf8)
        }
        respond(connection, status: "200 OK", type: Self.contentType(file.pathExtension), body: body)
    }

    private func respond(_ connection: Int32, status: String, type: String, body: Data) {
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + Array(body)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return write(connection, base + offset, raw.count - offset)
            }
            guard written > 0 else { return }
            offset += written
        }
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "gif": "image/gif"
        case "woff2": "font/woff2"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }
}
