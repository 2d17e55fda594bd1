import CProcess
import Foundation

/// A lesson program started with `posix_spawn`, in a process group of its own, with pipes on its
/// descriptors 1 (stdout), 2 (stderr), 3 (display channel) and 4 (acknowledgements).
/// `command` is the whole command line, usually the program inside `ProcessContainment`.
struct SpawnedProcess {
    let pid: pid_t
    /// Read ends: stdout, stderr, display channel.
    private let readEnds: [Int32]
    private let ackWriteEnd: Int32

    /// What a non-blocking read found.
    enum ReadResult {
        case bytes([UInt8])
        case endOfFile
        case wouldBlock
    }

    init(command: [String], workingDirectory: String, environment extra: [String: String]) throws {
        let executable = command.first ?? ""
        // A child that dies must not take the runner with it when we write its acknowledgement.
        signal(SIGPIPE, SIG_IGN)
        var pipes: [[Int32]] = []
        for _ in 0..<4 {
            var ends: [Int32] = [0, 0]
            // Close-on-exec from the start (no window for another thread's spawn), so a lesson
            // started by another job cannot inherit this lesson's pipes.
            guard pipe_cloexec(&ends) == 0 else {
                throw RunnerError(file: executable, stage: .run, summary: "cannot create a pipe: \(String(cString: strerror(errno)))")
            }
            pipes.append(ends)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = addChdir(&actions, workingDirectory)
        posix_spawn_file_actions_adddup2(&actions, pipes[0][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 2)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 3)
        posix_spawn_file_actions_adddup2(&actions, pipes[3][0], 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment.merge(extra) { _, new in new }
        let environmentStrings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(command) { argv in
            withCStrings(environmentStrings) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        for (index, ends) in pipes.enumerated() { close(index == 3 ? ends[0] : ends[1]) }
        guard status == 0 else {
            for (index, ends) in pipes.enumerated() { close(index == 3 ? ends[1] : ends[0]) }
            throw RunnerError(file: executable, stage: .run, summary: "cannot start the lesson: \(String(cString: strerror(status)))")
        }
        self.pid = pid
        readEnds = pipes[0..<3].map { $0[0] }
        ackWriteEnd = pipes[3][1]
        for fd in readEnds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Waits up to `timeout` seconds; returns which of stdout, stderr and channel have data or closed.
    func poll(timeout: TimeInterval, open: [Bool]) -> [Bool] {
        var descriptors = readEnds.enumerated().map { index, fd in
            pollfd(fd: open[index] ? fd : -1, events: Int16(POLLIN), revents: 0)
        }
        let milliseconds = Int32(min(timeout, 3600) * 1000) + 1
        let count = Glibc.poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        guard count > 0 else { return [false, false, false] }
        return descriptors.map { $0.revents != 0 }
    }

    /// Reads what is there on stream `index` (0 stdout, 1 stderr, 2 channel) without blocking.
    func read(_ index: Int) -> ReadResult {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(readEnds[index], &buffer, buffer.count)
            if count > 0 { return .bytes(Array(buffer[0..<count])) }
            if count == 0 { return .endOfFile }
            if errno == EINTR { continue }
            return errno == EAGAIN ? .wouldBlock : .endOfFile
        }
    }

    /// Lets the child go on after a record.
    func acknowledge() {
        var byte: UInt8 = 1
        _ = write(ackWriteEnd, &byte, 1)
    }

    /// Stops the child and anything it started.
    func kill() {
        _ = killpg(pid, SIGKILL)
    }

    /// Reaps the child, closes the pipes, and returns its wait status.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        _ = killpg(pid, SIGKILL)
        for fd in readEnds { close(fd) }
        close(ackWriteEnd)
        return status
    }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not
/// export without `_GNU_SOURCE`: the child starts in the lesson's folder without the runner's
/// threads sharing a `chdir`.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32
