import Foundation

/// What the runner tells the person at the terminal while it works: which lesson and cell runs,
/// progress bars for long loops (rate and time left), and errors. On a terminal the status line
/// redraws in place; elsewhere (CI, a log file) it becomes a few plain lines.
public final class Terminal: @unchecked Sendable {
    private let interactive: Bool
    private let lock = NSLock()
    private var loopStarts: [String: (date: Date, completed: Int)] = [:]
    private var lastQuarter: [String: Int] = [:]
    private var statusShown = false

    /// - Parameter interactive: Redraw a status line (default: whether stderr is a terminal).
    public init(interactive: Bool = isatty(2) != 0) {
        self.interactive = interactive
    }

    func lessonStarted(_ lesson: String) {
        line("running \(lesson)")
    }

    func lessonFinished(_ lesson: String) {
        lock.withLock {
            if statusShown { write("\r\u{1B}[K"); statusShown = false }
            loopStarts = loopStarts.filter { !$0.key.hasPrefix(lesson) }
        }
    }

    func progress(_ event: ProgressEvent) {
        switch event {
        case .cellStarted(let lesson, let cell, let total):
            status("\(lesson): cell \(cell) of \(total)", plain: interactive ? nil : "  \(lesson): cell \(cell) of \(total)")
        case .loop(let lesson, let label, let completed, let total):
            let key = "\(lesson)\t\(label)"
            let now = Date()
            let start = lock.withLock { () -> (date: Date, completed: Int) in
                if completed == 0 || loopStarts[key] == nil { loopStarts[key] = (now, completed) }
                return loopStarts[key]!
            }
            let elapsed = now.timeIntervalSince(start.date)
            let rate = elapsed > 0 ? Double(completed - start.completed) / elapsed : 0
            let remaining = rate > 0 ? Double(total - completed) / rate : 0
            let fraction = total > 0 ? Double(completed) / Double(total) : 1
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            let numbers = "\(completed)/\(total) \(String(format: "%.1f", rate))/s, \(Int(remaining.rounded())) s left"
            var plain: String?
            if !interactive {
                let quarter = Int(fraction * 4)
                let isNew = lock.withLock { () -> Bool in
                    defer { lastQuarter[key] = quarter }
                    return lastQuarter[key] != quarter
                }
                if isNew { plain = "  \(lesson): \(label) \(Int(fraction * 100))% (\(numbers))" }
            }
            status("\(lesson): \(label) \(bar) \(numbers)", plain: plain)
        }
    }

    /// Prints an error (`file:line:col: error: ...`).
    public func report(_ error: Error) {
        line("\(error)")
    }

    /// Prints compiler diagnostics as they are, already mapped to the lesson's lines.
    func reportDiagnostics(_ diagnostics: String) {
        line(diagnostics)
    }

    /// Prints a line on stderr, clearing the status line first.
    public func line(_ text: String) {
        lock.withLock {
            if statusShown { write("\r\u{1B}[K"); statusShown = false }
            write(text + "\n")
        }
    }

    private func status(_ text: String, plain: String?) {
        lock.withLock {
            if interactive {
                write("\r\u{1B}[K" + String(text.prefix(120)))
                statusShown = true
            } else if let plain {
                write(plain + "\n")
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
