import DisplayProtocol
import Foundation
import Plumbing

/// Calls that the runner's generated program makes around the lesson's cells. Lesson authors do
/// not call these; they are public because the generated program is another module.
public enum LessonSession {
    /// Starts the program: unbuffered output, so that text reaches the page even if a cell traps.
    public static func start() {
        setvbuf(stdout, nil, _IONBF, 0)
        setvbuf(stderr, nil, _IONBF, 0)
    }

    /// Marks the start of cell `number`: text and records from here on belong to it.
    public static func beginCell(_ number: Int) {
        DisplayChannel.currentCell = number
        DisplayChannel.send(.cellStarted(number))
    }

    /// Runs a cell that is meant to fail, in a forked child, so that its trap ends only the child.
    ///
    /// The child has a process group of its own, so that `kill(0, ...)` in the cell stops the cell
    /// and not the lesson, and it is stopped at the cell's time limit (`timeout` seconds) here, so
    /// that an endless loop shown on purpose does not end the lesson either. The lesson goes on in
    /// the parent with the state from before the cell. The runner hears `failedAsExpected` (with how
    /// the cell ended, for when its stderr shows no error) or `succeededUnexpectedly`.
    public static func expectFailure(cell number: Int, timeout: Double, _ body: () throws -> Void) {
        fflush(stdout)
        fflush(stderr)
        let child = fork()
        if child == 0 {
            setpgid(0, 0)
            do {
                try body()
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                _exit(1)
            }
            fflush(stdout)
            _exit(0)
        }
        guard let status = wait(for: child, seconds: timeout) else {
            kill(-child, SIGKILL)
            kill(child, SIGKILL)
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            let limit = timeout == timeout.rounded() ? "\(Int(timeout)) s" : "\(timeout) s"
            DisplayChannel.send(.failedAsExpected(cell: number, reason: "stopped at its time limit of \(limit)"))
            return
        }
        let end = ProcessEnd(waitStatus: status)
        DisplayChannel.send(end.succeeded ? .succeededUnexpectedly(cell: number) : .failedAsExpected(cell: number, reason: "ended with \(end)"))
    }

    /// The wait status of `child`, or `nil` when it still runs after `seconds`.
    private static func wait(for child: pid_t, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            let reaped = waitpid(child, &status, WNOHANG)
            if reaped == child { return status }
            if reaped < 0 && errno != EINTR { return status }
            usleep(5_000)
        }
        return nil
    }

    /// Marks the normal end of the program.
    public static func finish() {
        DisplayChannel.send(.end)
    }
}
