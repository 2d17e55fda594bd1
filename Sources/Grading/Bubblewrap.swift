import Foundation

/// A folder of the grader's that a sandboxed process sees at `inside`, read-only unless `writable`.
struct Mount: Sendable {
    /// The folder on the grader's side.
    var host: URL
    /// Where the process sees it.
    var inside: String
    /// Whether the process may write to it.
    var writable = false
}

/// Where student code runs: a bubblewrap sandbox, or (with `--unsafe`) the grader's own account.
///
/// In the sandbox (Debian's `bubblewrap`, the tool Flatpak uses) a process runs as uid 65534 in
/// user, PID, network, IPC, UTS and cgroup namespaces of its own, with no capabilities, a `/proc`
/// that shows only its own processes, a private `/tmp`, a clean environment, and a read-only view
/// of the system (`/usr`, the Swift toolchain) plus only the folders it is given. The checks, the
/// teacher's copy, the submission itself and every report stay outside. When the first process of
/// the sandbox ends or is killed (`--die-with-parent`), the kernel kills every process left in its
/// PID namespace, so a detached child cannot outlive its exercise.
public struct Sandbox: Sendable {
    /// Whether processes run under bubblewrap; false only when the teacher asked for `--unsafe`.
    public let isIsolated: Bool
    /// The Swift toolchain's root (`/opt/swift` for `/opt/swift/usr/bin/swiftc`).
    let toolchainRoot: URL
    /// The `swiftc` to build with.
    let compiler: URL

    private static let bubblewrap = URL(fileURLWithPath: "/usr/bin/bwrap")
    private static let prlimit = URL(fileURLWithPath: "/usr/bin/prlimit")

    /// The sandbox of this machine.
    /// - Parameter unsafe: Run student code without isolation, under the grader's own account.
    /// - Throws: `GradingError` saying why when bubblewrap is missing or cannot create namespaces
    ///   (and `unsafe` is false), or when no `swiftc` is on the `PATH`.
    public static func make(unsafe: Bool = false) throws -> Sandbox {
        let compiler = try locateCompiler()
        let root = compiler.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sandbox = Sandbox(isIsolated: !unsafe, toolchainRoot: root, compiler: compiler)
        if !unsafe { try sandbox.verify() }
        return sandbox
    }

    /// The path at which a sandboxed process sees `mount` (its host path without isolation).
    func path(_ mount: Mount) -> String {
        isIsolated ? mount.inside : mount.host.path
    }

    /// The command that runs `executable` (a path as the process sees it) in the sandbox with
    /// `mounts`, under `limits` set by `prlimit` before anything in the sandbox starts.
    func command(_ executable: String, _ arguments: [String], mounts: [Mount], limits: SandboxLimits,
                 environment: [String: String] = [:]) -> (URL, [String]) {
        let variables = baseEnvironment.merging(environment) { $1 }
        var inner: [String]
        if isIsolated {
            inner = [Self.bubblewrap.path] + isolationArguments(mounts: mounts, scratchBytes: limits.scratchBytes)
            for (name, value) in variables.sorted(by: { $0.key < $1.key }) { inner += ["--setenv", name, value] }
            inner += ["--", executable] + arguments
        } else {
            inner = ["/usr/bin/env", "-i"] + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                + [executable] + arguments
        }
        return (Self.prlimit, limits.prlimitArguments + ["--"] + inner)
    }

    // MARK: - Bubblewrap's arguments

    private func isolationArguments(mounts: [Mount], scratchBytes: UInt64) -> [String] {
        var arguments = ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                         "--disable-userns", "--die-with-parent", "--new-session", "--clearenv",
                         "--ro-bind", "/usr", "/usr"]
        // Debian keeps /bin, /lib and friends as links into /usr; elsewhere they are folders.
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else if FileManager.default.fileExists(atPath: top) {
                arguments += ["--ro-bind", top, top]
            }
        }
        if !toolchainRoot.path.hasPrefix("/usr/") && toolchainRoot.path != "/usr" {
            arguments += ["--ro-bind", toolchainRoot.path, toolchainRoot.path]
        }
        arguments += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                      "--proc", "/proc", "--dev", "/dev", "--size", "\(scratchBytes)", "--tmpfs", "/tmp"]
        for mount in mounts {
            arguments += [mount.writable ? "--bind" : "--ro-bind", mount.host.path, mount.inside]
        }
        return arguments + ["--chdir", "/tmp"]
    }

    /// The only variables a sandboxed process gets; Swift's backtracer stays on so that a crash
    /// names the student's line, and prints no colours, registers or library lists.
    private var baseEnvironment: [String: String] {
        ["PATH": "\(toolchainRoot.path)/usr/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
         "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=24"]
    }

    // MARK: - Checking the machine

    private func verify() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.bubblewrap.path) else {
            throw GradingError(file: Self.bubblewrap.path, "grading runs student code in a sandbox, but bubblewrap is not "
                + "installed: run scripts/install-deps.sh (or apt-get install bubblewrap), or pass --unsafe to run "
                + "submissions under your own account (only for code you trust)")
        }
        let (executable, arguments) = command("/usr/bin/true", [], mounts: [], limits: SandboxLimits())
        let outcome = try runProcess(executable, arguments, wallClockSeconds: 30)
        guard outcome.status == 0, !outcome.signaled, !outcome.timedOut else {
            throw GradingError(file: Self.bubblewrap.path, "grading runs student code in a sandbox, but bubblewrap cannot "
                + "create one here (user namespaces disabled?); pass --unsafe to run submissions under your own account "
                + "(only for code you trust)", details: outcome.standardError)
        }
    }

    private static func locateCompiler() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                let resolved = candidate.resolvingSymlinksInPath()
                // `swiftc` links to `swift-driver` in the same folder; keep the name the driver reads.
                return resolved.deletingLastPathComponent().appendingPathComponent("swiftc")
            }
        }
        throw GradingError("no swiftc on the PATH: grading compiles the exercises with the Swift toolchain")
    }
}
