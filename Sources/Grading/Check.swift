import Foundation

/// One graded check: call an exercise function on `inputs`, compare with `expected`, award `points`.
///
/// Checks are data, kept in `Tests/ExerciseChecks/lessonNN.public.json` and
/// `lessonNN.hidden.json`, written by `scripts/reference/lessonNN_checks.py` from independent
/// references (scipy, closed forms). A check is hidden when it comes from a `.hidden.` file:
/// `lessons release` leaves those files out, and reports show a hidden check's result and
/// message but never its inputs or expected value.
public struct Check: Codable, Sendable {
    /// A name unique across the course: `"1.3-two-components"`.
    public var id: String
    /// The exercise number: `"1.3"`.
    public var exercise: String
    /// The exercise function the probe calls: `"eStep"`.
    public var function: String
    /// The points the check is worth.
    public var points: Double
    /// The named arguments of the call.
    public var inputs: [String: CheckValue]
    /// The output an independent reference gives.
    public var expected: CheckValue
    /// The relative tolerance for numbers (absolute below magnitude one).
    public var tolerance: Double
    /// Shown when the check passes.
    public var success: String
    /// Shown when it fails: what the function should do.
    public var failure: String
    /// Whether the check came from a hidden file; set by `CheckSuite`, not read from JSON.
    public var isHidden: Bool = false

    /// Creates a check; `tolerance` is relative, and absolute below magnitude one.
    public init(id: String, exercise: String, function: String, points: Double, inputs: [String: CheckValue],
                expected: CheckValue, tolerance: Double = 1e-9, success: String, failure: String, isHidden: Bool = false) {
        self.id = id
        self.exercise = exercise
        self.function = function
        self.points = points
        self.inputs = inputs
        self.expected = expected
        self.tolerance = tolerance
        self.success = success
        self.failure = failure
        self.isHidden = isHidden
    }

    private enum CodingKeys: String, CodingKey {
        case id, exercise, function, points, inputs, expected, tolerance, success, failure
    }
}

/// The checks of a working copy, read from every `*.json` file of a checks folder.
public struct CheckSuite: Sendable {
    /// The checks in file order, public files before hidden ones.
    public var checks: [Check]

    /// The folder holding check files inside a working copy.
    public static let folder = "Tests/ExerciseChecks"

    /// Whether a file of the working copy holds hidden checks and so stays out of a release.
    public static func isHiddenFile(_ name: String) -> Bool {
        name.contains(".hidden.")
    }

    /// Reads the checks in `directory`; ids must be unique.
    public static func load(from directory: URL) throws -> CheckSuite {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted { (isHiddenFile($0) ? 1 : 0, $0) < (isHiddenFile($1) ? 1 : 0, $1) }
        guard !names.isEmpty else {
            throw GradingError(file: directory.path, "no check files (*.json) found")
        }
        var checks: [Check] = [], seen: Set<String> = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            let file: CheckFile
            do {
                file = try JSONDecoder().decode(CheckFile.self, from: Data(contentsOf: url))
            } catch {
                throw GradingError(file: url.path, "cannot read checks: \(error)")
            }
            for var check in file.checks {
                guard seen.insert(check.id).inserted else {
                    throw GradingError(file: url.path, "check id `\(check.id)` appears twice")
                }
                check.isHidden = isHiddenFile(name)
                checks.append(check)
            }
        }
        return CheckSuite(checks: checks)
    }

    private struct CheckFile: Decodable {
        var checks: [Check]
    }
}
