import Foundation

/// Debian's `chromium`, run headless by the browser tests: it opens a page, lets its scripts run
/// for a few seconds of virtual time, and returns the DOM they left.
enum HeadlessChromium {
    /// The browser, or nil when it is not installed (the browser tests are then skipped).
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM of `page` after its scripts ran, in a window of `width` by `height` pixels. Pages
    /// opened from disk may read each other's documents (`--allow-file-access-from-files`), so a
    /// test page can drive a course page in a frame; `profile` keeps local storage.
    static func dumpDOM(of page: URL, width: Int, height: Int, profile: URL) throws -> String {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                             "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
                             "--virtual-time-budget=20000", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: data, as: UTF8.self)
    }
}
