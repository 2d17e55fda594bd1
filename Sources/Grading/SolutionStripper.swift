import Foundation

/// The source transformations of a release: solutions become stubs, hidden blocks disappear.
///
/// A reference solution sits between a line `// BEGIN SOLUTION` and a line `// END SOLUTION`, or
/// is one line ending in `// SOLUTION`. In the student edition either becomes
/// `exerciseNotImplemented("1.3", "eStep")`, which stops with "exercise 1.3 `eStep` is not
/// implemented yet". In any text file, the lines from `# BEGIN HIDDEN` (or `// BEGIN HIDDEN`) to
/// the matching `END HIDDEN` are removed, markers included.
public enum SolutionStripper {
    /// The call that replaces a solution in the student edition.
    public static func stub(for exercise: ExerciseDescriptor) -> String {
        "exerciseNotImplemented(\"\(exercise.number)\", \"\(exercise.name)\")"
    }

    /// `text` with every solution of `exercises` (found in the same text) replaced by its stub.
    /// - Throws: `GradingError` at the line of a marker that is unbalanced or outside an exercise.
    public static func strippingSolutions(_ text: String, file: String, exercises: [ExerciseDescriptor]) throws -> String {
        let lines = text.components(separatedBy: "\n")
        var output: [String] = []
        var openBlock: (line: Int, exercise: ExerciseDescriptor)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = String(line.prefix { $0 == " " || $0 == "\t" })
            let isBegin = trimmed == "// BEGIN SOLUTION", isEnd = trimmed == "// END SOLUTION"
            let isOneLine = !isBegin && !isEnd && trimmed.hasSuffix("// SOLUTION")
            if let block = openBlock {
                if isBegin { throw GradingError(file: file, line: index + 1, "BEGIN SOLUTION inside the block opened at line \(block.line + 1)") }
                if isEnd {
                    output.append(indent + stub(for: block.exercise))
                    openBlock = nil
                }
                continue
            }
            guard isBegin || isEnd || isOneLine else { output.append(line); continue }
            if isEnd { throw GradingError(file: file, line: index + 1, "END SOLUTION without BEGIN SOLUTION") }
            guard let exercise = exercises.first(where: { $0.contains(file: file, line: index + 1) }) else {
                throw GradingError(file: file, line: index + 1, "solution marker outside any exercise function")
            }
            if isBegin { openBlock = (index, exercise) } else { output.append(indent + stub(for: exercise)) }
        }
        if let block = openBlock {
            throw GradingError(file: file, line: block.line + 1, "BEGIN SOLUTION without END SOLUTION")
        }
        return output.joined(separator: "\n")
    }

    /// `text` with the whole body of each exercise in `exercises` replaced by its stub; used to
    /// build the rest of a submission when these exercises do not compile.
    public static func replacingBodies(_ text: String, of exercises: [ExerciseDescriptor]) -> String {
        var lines = text.components(separatedBy: "\n")
        for exercise in exercises.sorted(by: { $0.openingLine > $1.openingLine }) {
            let opening = exercise.openingLine - 1, closing = exercise.closingLine - 1
            guard opening < closing, closing < lines.count else { continue }
            let head = lines[opening].components(separatedBy: "{").dropLast().joined(separator: "{")
            lines.replaceSubrange(opening...closing, with: [head + "{", "    " + stub(for: exercise), "}"])
        }
        return lines.joined(separator: "\n")
    }

    /// `text` without its hidden blocks.
    /// - Throws: `GradingError` at an unbalanced marker.
    public static func strippingHiddenBlocks(_ text: String, file: String) throws -> String {
        var output: [String] = []
        var openedAt: Int?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let marker = trimmed.hasPrefix("# ") ? trimmed.dropFirst(2) : (trimmed.hasPrefix("// ") ? trimmed.dropFirst(3) : "")
            if marker == "BEGIN HIDDEN" {
                if let openedAt { throw GradingError(file: file, line: index + 1, "BEGIN HIDDEN inside the block opened at line \(openedAt)") }
                openedAt = index + 1
            } else if marker == "END HIDDEN" {
                if openedAt == nil { throw GradingError(file: file, line: index + 1, "END HIDDEN without BEGIN HIDDEN") }
                openedAt = nil
            } else if openedAt == nil {
                output.append(line)
            }
        }
        if let openedAt { throw GradingError(file: file, line: openedAt, "BEGIN HIDDEN without END HIDDEN") }
        return output.joined(separator: "\n")
    }
}
