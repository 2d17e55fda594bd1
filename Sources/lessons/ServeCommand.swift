import ArgumentParser
import Foundation
import Notebook

/// `lessons serve`: a live preview. Builds the course, serves the output folder on localhost,
/// rebuilds what changes (an edited lesson; every lesson after a library edit, once the library is
/// built again) and makes open pages reload. Ctrl-C stops it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the pages on localhost, rebuild what changes, reload the browser. Ctrl-C stops.")

    @OptionGroup var options: CourseOptions

    @Option(help: "The port on 127.0.0.1 (0: any free port).")
    var port: UInt16 = 8000

    @Option(help: "The folder of the library's sources, watched for edits.")
    var sources = "Sources"

    func run() throws {
        var watcher = CourseWatcher(lessonsFolder: options.lessons, sourcesFolder: sources)
        rebuild(library: false)
        let server = try PreviewServer(root: URL(fileURLWithPath: options.output), port: port)
        server.start()
        print("Serving http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
        fflush(nil)
        while true {
            usleep(300_000)
            let changes = watcher.changes()
            guard !changes.isEmpty else { continue }
            rebuild(library: changes.library, only: changes.library || changes.bibliography ? nil : changes.lessons)
            server.contentChanged()
        }
    }

    /// Builds the library if asked, then the lessons in `only` (nil: all); failures are reported
    /// and the preview goes on.
    private func rebuild(library: Bool, only: [String]? = nil) {
        if library {
            print("The library changed: swift build -c release")
            let build = Process()
            build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            build.arguments = ["swift", "build", "-c", "release"]
            _ = try? build.run()
            build.waitUntilExit()
        }
        do {
            let all = try options.allLessons()
            try options.build(selected: only.map { $0.filter(all.contains) } ?? all, all: all, checkOnly: false)
        } catch is ExitCode {
            // The report above names the failures.
        } catch {
            print("\(error)")
        }
        // Building restores the default signal actions; the preview stops with a word instead.
        signal(SIGINT, stopServing)
        signal(SIGTERM, stopServing)
        fflush(nil)
    }
}

/// Ends the preview on Ctrl-C: the rebuilds' processes end with it (see `ProcessContainment`).
private func stopServing(_ signal: Int32) {
    _ = write(STDOUT_FILENO, "\nStopped.\n", 10)
    _exit(0)
}
