#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended, decoded from the status `waitpid` reports.
public enum ProcessEnd: Equatable, Sendable, CustomStringConvertible {
    /// The process called `exit` (or returned from `main`) with this code.
    case exited(code: Int32)
    /// A signal ended the process.
    case signaled(Int32)

    /// Decodes a `waitpid` status: the low 7 bits are the signal, bits 8-15 the exit code.
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited(code: (status >> 8) & 0xff) : .signaled(signal)
    }

    /// Whether the process exited with code 0.
    public var succeeded: Bool { self == .exited(code: 0) }

    /// `exit status 3` or `SIGKILL` (with a word on what the signal usually means).
    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): signalName(signal)
        }
    }
}

/// A readable name for a signal that ended a process: `SIGILL, a Swift runtime trap`.
public func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGILL: "SIGILL, a Swift runtime trap"
    case SIGTRAP: "SIGTRAP, a Swift runtime trap"
    case SIGSEGV: "SIGSEGV, a bad memory access"
    case SIGBUS: "SIGBUS, a bad memory access"
    case SIGABRT: "SIGABRT, abort"
    case SIGFPE: "SIGFPE, an arithmetic error"
    case SIGKILL: "SIGKILL"
    case SIGTERM: "SIGTERM"
    case SIGINT: "SIGINT"
    case SIGXCPU: "SIGXCPU, the CPU-time limit"
    case SIGXFSZ: "SIGXFSZ, the output limit"
    default: "signal \(signal)"
    }
}

/// Whether `signal` is one that comes from outside a program (a user, the system, a supervisor)
/// rather than from its own code: a run that ends this way says nothing about the program.
public func isExternalSignal(_ signal: Int32) -> Bool {
    [SIGKILL, SIGTERM, SIGINT, SIGHUP, SIGQUIT].contains(signal)
}
