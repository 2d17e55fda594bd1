import Foundation
import Plumbing

/// Runs the compiler and lesson programs so that every process they start ends with them: when the
/// command exits, when the runner is interrupted (Ctrl-C, SIGTERM), and when the runner is killed
/// with SIGKILL, which no handler sees.
///
/// Each command runs as the first process of a PID namespace of its own, through Debian's
/// bubblewrap (`bwrap --unshare-pid --die-with-parent`). The alternatives fall short:
/// - a process group is left by any child that calls `setsid`, and `killpg` needs a runner alive
///   to send it;
/// - `PR_SET_PDEATHSIG` covers one process, not the children it starts;
/// - a subreaper (`PR_SET_CHILD_SUBREAPER`) inherits orphans, but cannot tell which of several
///   lessons running at once they came from, and nothing reaps them once the runner is gone;
/// - a cgroup needs a delegated cgroup-v2 subtree, which an unprivileged user or a container
///   seldom has.
/// In a PID namespace the kernel kills every process in it when its init process exits; that
/// init is bubblewrap's, which exits with the command and, through `--die-with-parent`
/// (`PR_SET_PDEATHSIG` with SIGKILL), with the runner. No double fork or `setsid` escapes it.
/// The namespace gets its own `/proc`, so a lesson that reads `/proc/self` sees itself.
public enum ProcessContainment {
    /// Where Debian's `bubblewrap` package installs `bwrap`.
    static let bubblewrap = "/usr/bin/bwrap"

    /// The command line that runs `command` (the executable, then its arguments) contained.
    /// - Throws: `RunnerError` when bubblewrap is not installed.
    static func commandLine(_ command: [String], stage: RunnerError.Stage) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: bubblewrap) else {
            throw RunnerError(file: bubblewrap, stage: stage,
                              summary: "bubblewrap is not installed; run scripts/install-deps.sh (Debian package 'bubblewrap')")
        }
        return [bubblewrap, "--dev-bind", "/", "/", "--proc", "/proc", "--unshare-pid", "--die-with-parent", "--"] + command
    }

    /// How the contained command ended, from how bubblewrap did: bubblewrap exits with
    /// `128 + signal` when a signal ended the command (so a command's own `exit(137)` reads as
    /// SIGKILL too).
    static func commandEnd(_ end: ProcessEnd) -> ProcessEnd {
        guard case .exited(let code) = end, code > 128, code < 128 + 65 else { return end }
        return .signaled(code - 128)
    }

    /// Makes SIGINT, SIGTERM and SIGHUP end the runner, as their default actions do, even when the
    /// process that started it left them ignored or blocked: the contained processes then end
    /// with it (see above). Call it before any thread starts, so that every thread inherits it.
    public static func restoreTerminationSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal, SIG_DFL)
            sigaddset(&signals, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
