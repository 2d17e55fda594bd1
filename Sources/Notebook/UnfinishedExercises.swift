import Foundation
import Plumbing

/// The student edition's unfinished exercises, and the cells of a lesson that cannot run without
/// them, found before the lesson compiles, so that it compiles and runs once however many
/// exercises are left.
///
/// `lessons release` replaces each reference solution by `exerciseNotImplemented("1.3", "eStep")`;
/// a cell that names an unfinished function fails with the stub's own message, and a cell that
/// names something such a cell declares (`let yourDraws = ...`) fails saying which cell it waits
/// for. The other cells run. A call this cannot see (an exercise reached through another library
/// function) still stops the run at its cell with the stub's message, as any trap does.
struct UnfinishedExercises: Equatable {
    /// Exercise numbers by function name: `["eStep": "1.3"]`.
    var numbers: [String: String]

    /// The stubs in the Swift files of `folder` (the package's `Sources/Exercises`); none when the
    /// folder is missing, as in a package without exercises.
    static func scan(folder: URL) -> UnfinishedExercises {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var numbers: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".swift") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            for match in text.matches(of: stubCall) { numbers[String(match.output.2)] = String(match.output.1) }
        }
        return UnfinishedExercises(numbers: numbers)
    }

    /// The failure of each cell of `lesson` that cannot run, by cell number.
    func blockedCells(of lesson: Lesson) -> [Int: String] {
        guard !numbers.isEmpty else { return [:] }
        var blocked: [Int: String] = [:]
        // Names declared by blocked cells, with the message a cell that uses them gets.
        var unavailable: [String: String] = [:]
        for cell in lesson.cells where !cell.options.noRun {
            let used = Self.identifiers(in: cell.source)
            let message: String
            if let name = numbers.keys.sorted().first(where: used.contains), let number = numbers[name] {
                message = "\(notImplementedMessage(number, name)): this cell calls it, so it did not run"
            } else if let name = unavailable.keys.sorted().first(where: used.contains), let reason = unavailable[name] {
                message = reason
            } else {
                continue
            }
            blocked[cell.number] = message
            for name in Self.declaredNames(in: cell.source) where unavailable[name] == nil {
                unavailable[name] = "did not run: it uses `\(name)` from cell \(cell.number), which did not run (\(message))"
            }
        }
        return blocked
    }

    nonisolated(unsafe) private static let stubCall = #/exerciseNotImplemented\(\s*"([^"]*)"\s*,\s*"([A-Za-z_][A-Za-z0-9_]*)"/#
    nonisolated(unsafe) private static let identifier = #/[A-Za-z_][A-Za-z0-9_]*/#
    /// A declaration at the start of a line (the cell's top level): `let x`, `var (a, b)`, `func f`.
    nonisolated(unsafe) private static let declaration =
        #/^(?:(?:public|private|fileprivate|final|lazy|@\w+)\s+)*(?:let|var|func|struct|class|enum|actor|typealias|protocol)\s+(\([^)=]*\)|[A-Za-z_][A-Za-z0-9_]*)/#.anchorsMatchLineEndings()

    private static func identifiers(in source: String) -> Set<String> {
        Set(source.matches(of: identifier).map { String($0.output) })
    }

    private static func declaredNames(in source: String) -> [String] {
        source.matches(of: declaration).flatMap { match in
            match.output.1.matches(of: identifier).map { String($0.output) }
        }
    }
}
