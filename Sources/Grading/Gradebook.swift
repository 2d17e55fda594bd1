import Foundation

/// The grade of one student in a class: a report, or why there is none.
public struct StudentGrade: Sendable {
    /// The submission folder's name, which names the student.
    public var student: String
    /// The report, when grading finished.
    public var report: GradeReport?
    /// What stopped grading, when it did not finish.
    public var problem: String?

    /// Creates the grade of `student`: a report, or the problem that stopped grading.
    public init(student: String, report: GradeReport? = nil, problem: String? = nil) {
        self.student = student
        self.report = report
        self.problem = problem
    }
}

/// Grades every submission folder of a class and writes the gradebook.
///
/// A submission folder is any folder (not a link) directly inside the class folder whose name
/// does not start with a dot. Submissions are graded `jobs` at a time by one `Grader`, so the
/// shared build happens once; whatever one submission does costs only its own row.
public enum Gradebook {
    /// The submission folders in `folder`, by name.
    /// - Throws: `GradingError` when the folder cannot be listed.
    public static func submissions(in folder: URL) throws -> [URL] {
        guard let all = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw GradingError(file: folder.path, "cannot list the submissions: not a readable folder")
        }
        let names = all.filter { !$0.hasPrefix(".") }.sorted()
        return names.map { folder.appendingPathComponent($0) }.filter { url in
            var status = stat()
            return lstat(url.path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }
    }

    /// Grades `submissions` with `grader`, `jobs` at a time, calling `progress` after each (from
    /// any thread, one call at a time) with the number finished and the grade; returns the grades
    /// in the order of `submissions`.
    public static func grade(_ submissions: [URL], with grader: Grader, jobs: Int,
                             progress: @escaping @Sendable (Int, StudentGrade) -> Void) -> [StudentGrade] {
        let state = GradingState(count: submissions.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, submissions.count))) { _ in
            while let index = state.next() {
                let submission = submissions[index]
                var grade = StudentGrade(student: submission.lastPathComponent)
                do {
                    grade.report = try grader.grade(submission: submission)
                } catch {
                    grade.problem = "\(error)"
                }
                state.finish(index, grade, progress)
            }
        }
        return state.grades.compactMap { $0 }
    }

    /// `grades.csv`: a header, then one row per student with the points of each exercise in
    /// `exercises`, the total, the points possible, and notes (nondeterministic checks, refused
    /// files, or why grading failed).
    public static func csv(_ grades: [StudentGrade], exercises: [String]) -> String {
        var rows = [["student"] + exercises + ["total", "possible", "notes"]]
        for grade in grades {
            guard let report = grade.report else {
                rows.append([grade.student] + exercises.map { _ in "0" } + ["0", "", grade.problem ?? ""])
                continue
            }
            let points = exercises.map { number in
                report.exercises.first { $0.number == number }.map { GradeReport.points($0.earned) } ?? "0"
            }
            var notes = report.refusedFiles
            if !report.nondeterministicChecks.isEmpty {
                notes.append("nondeterministic: " + report.nondeterministicChecks.joined(separator: " "))
            }
            rows.append([grade.student] + points + [GradeReport.points(report.earned), GradeReport.points(report.possible),
                                                    notes.joined(separator: "; ")])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break; a leading `=`, `+`,
    /// `-` or `@` is prefixed with `'` so that a spreadsheet does not run it as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The work queue and results of one class, shared by the grading threads.
private final class GradingState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var finished = 0
    private(set) var grades: [StudentGrade?]

    init(count: Int) {
        grades = Array(repeating: nil, count: count)
    }

    /// The next submission to grade, or nil when none is left.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < grades.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Records a grade and reports progress under the lock, so that calls never overlap.
    func finish(_ index: Int, _ grade: StudentGrade, _ progress: (Int, StudentGrade) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        grades[index] = grade
        finished += 1
        progress(finished, grade)
    }
}
