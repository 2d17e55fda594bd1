import CProcess
import Foundation

/// A scratch folder for one lesson's generated source, executable and compiler temporaries, removed
/// when the runner is done with it and also when the runner dies, even by SIGKILL.
///
/// A guardian process (`sh`) holds the read end of a pipe whose write end only the runner holds;
/// the kernel closes that end however the runner ends, and the guardian then removes the folder.
/// The guardian has a process group of its own, so the Ctrl-C that stops the runner does not stop
/// it first.
final class ScratchFolder {
    let url: URL
    private var guardianInput: Int32
    private let guardian: pid_t

    /// Creates `parent/name` and starts its guardian.
    init(in parent: URL, name: String) throws {
        url = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var ends: [Int32] = [0, 0]
        // Close-on-exec from the start: a process spawned by another thread in between must not
        // inherit the write end, or the guardian would wait for that process too.
        guard pipe_cloexec(&ends) == 0 else {
            throw RunnerError(file: url.path, stage: .io, summary: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let script = "cat >/dev/null; rm -rf -- \"$1\""
        let status = withCStrings(["/bin/sh", "-c", script, "scratch-guardian", url.path]) { argv in
            withCStrings(["PATH=/usr/bin:/bin"]) { envp in posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        }
        close(ends[0])
        guard status == 0 else {
            close(ends[1])
            try? FileManager.default.removeItem(at: url)
            throw RunnerError(file: url.path, stage: .io, summary: "cannot start the scratch folder's guardian: \(String(cString: strerror(status)))")
        }
        guardian = pid
        guardianInput = ends[1]
    }

    /// Removes the folder and lets the guardian go.
    func remove() {
        try? FileManager.default.removeItem(at: url)
        guard guardianInput >= 0 else { return }
        close(guardianInput)
        guardianInput = -1
        var status: Int32 = 0
        while waitpid(guardian, &status, 0) < 0 && errno == EINTR {}
    }

    deinit { remove() }
}

/// Calls `body` with a NULL-terminated C array of the strings.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
