import Foundation

/// An exercise function found in `Sources/Exercises`: its number, name and where its body is.
public struct ExerciseDescriptor: Codable, Equatable, Sendable {
    /// The number in its statement, `/// Exercise 1.3: ...`.
    public var number: String
    /// The function's name: `eStep`.
    public var name: String
    /// The file, relative to the working copy: `Sources/Exercises/Lesson01.swift`.
    public var file: String
    /// The statement: the doc comment's text without `///`, one line per line.
    public var statement: String
    /// The 1-based line of the statement's first line.
    public var statementLine: Int
    /// The line holding the body's opening brace.
    public var openingLine: Int
    /// The line holding the body's closing brace.
    public var closingLine: Int

    /// Whether `line` of `file` lies in this exercise, statement through closing brace.
    public func contains(file: String, line: Int) -> Bool {
        file == self.file && (statementLine...closingLine).contains(line)
    }
}

/// Finds exercises: a `///` line starting `Exercise N.M` followed by a `func`, whose body ends
/// at the brace that balances the first one.
public enum ExerciseScanner {
    /// The folder of exercise sources inside a working copy.
    public static let folder = "Sources/Exercises"

    /// The exercises of every Swift file in `workingCopy/Sources/Exercises`, by file then line.
    public static func scan(workingCopy: URL) throws -> [ExerciseDescriptor] {
        let directory = workingCopy.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        return try names.flatMap { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return try scan(text: text, file: "\(folder)/\(name)")
        }
    }

    /// The exercises in one file's `text`; `file` names it in descriptors and errors.
    public static func scan(text: String, file: String) throws -> [ExerciseDescriptor] {
        let lines = text.components(separatedBy: "\n")
        var found: [ExerciseDescriptor] = []
        var index = 0
        while index < lines.count {
            guard let number = statementNumber(lines[index]) else { index += 1; continue }
            let statement = index
            guard let functionIndex = lines[statement...].firstIndex(where: { functionName($0) != nil }),
                  let name = functionName(lines[functionIndex]) else {
                throw GradingError(file: file, line: statement + 1, "exercise \(number) has no function after its statement")
            }
            guard let (opening, closing) = bodyLines(lines, from: functionIndex) else {
                throw GradingError(file: file, line: functionIndex + 1, "exercise \(number) `\(name)`: unbalanced braces")
            }
            let text = lines[statement..<functionIndex].map { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("/// ") ? String(trimmed.dropFirst(4)) : String(trimmed.dropFirst(3))
            }.joined(separator: "\n")
            found.append(ExerciseDescriptor(number: number, name: name, file: file, statement: text, statementLine: statement + 1,
                                            openingLine: opening + 1, closingLine: closing + 1))
            index = closing + 1
        }
        return found
    }

    /// `"1.3"` for a line `/// Exercise 1.3: ...`, otherwise nil.
    static func statementNumber(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("/// Exercise ") else { return nil }
        let number = trimmed.dropFirst("/// Exercise ".count).prefix { $0.isNumber || $0 == "." }
        let cleaned = number.hasSuffix(".") ? number.dropLast() : number
        return cleaned.first?.isNumber == true ? String(cleaned) : nil
    }

    /// The name in a line declaring a function, `public func eStep(` gives `eStep`.
    static func functionName(_ line: String) -> String? {
        let code = line.trimmingCharacters(in: .whitespaces)
        guard !code.hasPrefix("//"), let range = code.range(of: "func ") else { return nil }
        let name = code[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// The 0-based lines of the body's opening and closing braces, counting braces outside
    /// string literals and `//` comments.
    static func bodyLines(_ lines: [String], from start: Int) -> (Int, Int)? {
        var depth = 0
        var opening: Int?
        for index in start..<lines.count {
            var inString = false, escaped = false, previous: Character = " "
            for character in lines[index] {
                defer { previous = character }
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                    continue
                }
                if character == "/" && previous == "/" { break }
                if character == "\"" { inString = true }
                if character == "{" { depth += 1; opening = opening ?? index }
                if character == "}" {
                    depth -= 1
                    if depth == 0, let opening { return (opening, index) }
                }
            }
        }
        return nil
    }
}
