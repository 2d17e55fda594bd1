import Foundation
import Notebook
import Testing

/// `lessons serve` as a teacher uses it: start it on a course, read a page over HTTP, edit the
/// lesson's prose, read the new text, stop it with Ctrl-C.
@Suite(.serialized) struct ServeTests {
    let toolchain: Toolchain
    let scratch: URL

    init() throws {
        toolchain = try builtToolchain()
        scratch = try scratchFolder("serve-tests")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    }

    @Test func serveRebuildsAfterAProseEditServesTheNewTextAndStopsOnCtrlC() throws {
        let lesson = scratch.appendingPathComponent("Lessons/01-live.md")
        try "# Live\n\nFirst version of the prose.\n".write(to: lesson, atomically: true, encoding: .utf8)
        let port = UInt16.random(in: 20_000...40_000)
        let server = Process()
        server.executableURL = toolchain.buildDirectory.appendingPathComponent("lessons")
        server.arguments = ["serve", "--port", "\(port)", "--lessons", scratch.appendingPathComponent("Lessons").path,
                            "--output", scratch.appendingPathComponent("Output").path,
                            "--cache", scratch.appendingPathComponent("cache").path,
                            "--sources", scratch.appendingPathComponent("Sources").path]
        server.currentDirectoryURL = toolchain.packageRoot
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        #expect(waitUntil(seconds: 60) { httpGet(port: port, path: "/01-live.html")?.contains("First version") == true })
        let page = httpGet(port: port, path: "/01-live.html") ?? ""
        #expect(page.contains("fetch(\"/__version\")"))
        let version = httpGet(port: port, path: "/__version")

        try "# Live\n\nSecond version of the prose.\n".write(to: lesson, atomically: true, encoding: .utf8)
        #expect(waitUntil(seconds: 60) { httpGet(port: port, path: "/01-live.html")?.contains("Second version") == true })
        // The page file is replaced before the rebuild ends; the version moves when it has ended.
        #expect(waitUntil(seconds: 60) { httpGet(port: port, path: "/__version") != version })
        #expect(httpGet(port: port, path: "/../Lessons/01-live.md")?.hasPrefix("HTTP/1.1 403") == true)

        kill(server.processIdentifier, SIGINT)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Stopped."))
        #expect(httpGet(port: port, path: "/01-live.html") == nil)
    }
}

/// The whole response (status line, headers, body) to `GET path` on 127.0.0.1, or nil when
/// nothing listens there.
func httpGet(port: UInt16, path: String) -> String? {
    let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard connection >= 0 else { return nil }
    defer { close(connection) }
    var address = PreviewServer.loopback(port: port)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
    guard write(connection, request, request.count) == request.count else { return nil }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = read(connection, &buffer, buffer.count)
        guard count > 0 else { break }
        response += buffer[..<count]
    }
    return response.isEmpty ? nil : String(decoding: response, as: UTF8.self)
}
