import Foundation

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
        DisplayChannel.send("cell", "\(number)")
    }

    /// Runs a cell that is meant to fail, in a forked child, so that its trap ends only the child.
    ///
    /// The lesson goes on in the parent with the state from before the cell. The runner hears
    /// `failed-as-expected` or `succeeded-unexpectedly`.
    public static func expectFailure(cell number: Int, _ body: () throws -> Void) {
        fflush(stdout)
        fflush(stderr)
        let child = fork()
        if child == 0 {
            do {
                try body()
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                _exit(1)
            }
            fflush(stdout)
            _exit(0)
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        DisplayChannel.send(exitedCleanly ? "succeeded-unexpectedly" : "failed-as-expected", "\(number)")
    }

    /// Marks the normal end of the program.
    public static func finish() {
        DisplayChannel.send("end", "")
    }
}
