import Foundation
import Notebook

/// The release build of this package, which the execution tests compile lessons against
/// (`swift build -c release` first, as `make test` does).
func builtToolchain() throws -> Toolchain {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try Toolchain.locate(from: root)
}

/// A new, empty scratch folder under the temporary directory.
func scratchFolder(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
