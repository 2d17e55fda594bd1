import Foundation

/// Where the compiler and the release-built library live, and how to compile a lesson against them.
public struct Toolchain: Sendable {
    /// The package root (the folder with `Package.swift`).
    public var packageRoot: URL
    /// The release build folder holding `libLessonKit.so` and `Modules/`.
    public var buildDirectory: URL
    /// The `swiftc` to run.
    public var swiftc: String

    public init(packageRoot: URL, buildDirectory: URL, swiftc: String = Toolchain.findSwiftc()) {
        self.packageRoot = packageRoot
        self.buildDirectory = buildDirectory
        self.swiftc = swiftc
    }

    /// Finds the package root above `start` (default: the current directory) and its release build.
    /// - Throws: `RunnerError` when there is no package or no release build of the library.
    public static func locate(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Toolchain {
        var folder = start.standardizedFileURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else {
                throw RunnerError(file: start.path, stage: .compile, summary: "no Package.swift in this folder or above it")
            }
            folder = parent
        }
        let build = folder.appendingPathComponent(".build/release")
        guard FileManager.default.fileExists(atPath: build.appendingPathComponent("libLessonKit.so").path) else {
            throw RunnerError(file: build.path, stage: .compile,
                              summary: "the library is not built; run `swift build -c release` (or `make course`) first")
        }
        return Toolchain(packageRoot: folder, buildDirectory: build.resolvingSymlinksInPath())
    }

    /// `swiftc` next to the running toolchain, or the one on the PATH.
    public static func findSwiftc() -> String {
        for candidate in ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return "swiftc"
    }

    /// The arguments that compile `source` into `executable` with `-O` against the library.
    ///
    /// `-assert-config Debug` keeps the messages of traps in the lesson's own code ("Index out of
    /// range", "Division by zero", a failed precondition), which plain `-O` drops. Debug information and
    /// frame pointers let the crash backtrace find the lesson line of a trap (see `Executor`).
    func compileArguments(source: URL, executable: URL) -> [String] {
        var arguments = [
            "-O", "-assert-config", "Debug", "-g", "-Xcc", "-fno-omit-frame-pointer", "-swift-version", "5", "-suppress-warnings", "-diagnostic-style", "llvm",
            "-module-name", "Lesson", "-I", buildDirectory.appendingPathComponent("Modules").path,
        ]
        for shim in ["COpenBLAS", "CZlib", "CCmark"] {
            arguments += ["-I", packageRoot.appendingPathComponent("Sources/\(shim)").path]
        }
        // The library's own C code: the module map SwiftPM wrote for it next to its objects.
        let kernels = buildDirectory.appendingPathComponent("CGEMM.build/module.modulemap")
        arguments += ["-Xcc", "-fmodule-map-file=\(kernels.path)"]
        arguments += [
            "-L", buildDirectory.path, "-lLessonKit", "-Xlinker", "-rpath", "-Xlinker", buildDirectory.path,
            source.path, "-o", executable.path,
        ]
        return arguments
    }

    /// A fingerprint of the toolchain and the built library: part of every cache key, so that a
    /// rebuilt library or another compiler runs the lessons again.
    public func fingerprint() throws -> String {
        var hasher = SHA256()
        let arguments = compileArguments(source: URL(fileURLWithPath: "main.swift"), executable: URL(fileURLWithPath: "lesson"))
        hasher.update(field: swiftc + " " + arguments.joined(separator: " "))
        let versionFiles = (try? FileManager.default.contentsOfDirectory(atPath: buildDirectory.path)) ?? []
        for name in versionFiles.sorted() where name.hasPrefix("swift-version") {
            hasher.update(Array(name.utf8))
        }
        let library = buildDirectory.appendingPathComponent("libLessonKit.so")
        guard let data = FileManager.default.contents(atPath: library.path) else {
            throw RunnerError(file: library.path, stage: .compile, summary: "cannot read the built library")
        }
        hasher.update([UInt8](data))
        return hasher.hexDigest()
    }
}
