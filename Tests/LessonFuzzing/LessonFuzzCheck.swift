import Notebook

/// Runs a random lesson through the parser and the program writer and lists what went wrong.
public enum LessonFuzzCheck {
    /// The ways the runner mishandled `lesson`; empty when it did right. A crash ends the process.
    public static func problems(in lesson: RandomLesson, path: String = "Lessons/fuzz.md") -> [String] {
        let parsed: Lesson
        do {
            parsed = try LessonParser.parse(markdown: lesson.markdown, path: path)
        } catch let error as RunnerError {
            if lesson.errorLines.isEmpty { return ["unexpected error: \(error)"] }
            guard let line = error.line, lesson.errorLines.contains(line) else {
                return ["error at the wrong place (expected one of lines \(lesson.errorLines.sorted())): \(error)"]
            }
            return []
        } catch {
            return ["error that is not a RunnerError: \(error)"]
        }
        var problems: [String] = []
        if !lesson.errorLines.isEmpty { problems.append("fences at lines \(lesson.errorLines.sorted()) were not reported") }
        let cells = parsed.cells.map { RandomLesson.ExpectedCell(firstLine: $0.firstLine, source: $0.source) }
        if cells != lesson.cells { problems.append("cells \(cells) instead of \(lesson.cells)") }
        let warned = parsed.warnings.map(\.line)
        if warned != lesson.warningLines { problems.append("warnings at lines \(warned) instead of \(lesson.warningLines)") }
        if !lesson.typesPrivateUse {
            for case .prose(let html) in parsed.blocks where html.unicodeScalars.contains("\u{E000}") {
                problems.append("a placeholder leaked into the page: \(html)")
            }
        }
        problems += programProblems(Program(lesson: parsed), lesson: parsed)
        return problems
    }

    /// Every cell that should run is either in the program, with its code intact, or reported
    /// with syntax errors at its own lines.
    private static func programProblems(_ program: Program, lesson: Lesson) -> [String] {
        var problems: [String] = []
        for cell in lesson.cells where !cell.options.noRun {
            guard let planned = program.cell(number: cell.number) else {
                problems.append("cell \(cell.number) is missing from the program")
                continue
            }
            if planned.generatedLines == nil {
                let located = !planned.syntaxErrors.isEmpty && planned.syntaxErrors.allSatisfy { error in
                    let line = Int(error.dropFirst(lesson.path.count + 1).prefix { $0.isNumber }) ?? 0
                    return cell.lineRange.contains(line) || line == cell.lineRange.upperBound + 1
                }
                if !located { problems.append("cell \(cell.number) left out without errors at its lines: \(planned.syntaxErrors)") }
            } else if !program.source.contains("\n" + cell.source + "\n") {
                problems.append("cell \(cell.number)'s code is not in the program as written")
            }
        }
        return problems
    }
}
