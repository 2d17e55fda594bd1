import Foundation
import Grading
import Testing

// A class of hostile submissions, each a copy of the released student edition with the teacher's
// solutions and one attack planted, graded in one batch by the `lessons` binary
// (`grade-all`, so that its command line, which names the checks, is there for `/proc` to show).
// Each test shows that its attack gains no point, changes nothing outside the submission, and
// leaves the other exercises' points intact.

/// The teacher's hidden checks of lesson 1, which the attacks try to read.
private let hiddenChecks = repositoryRoot.appendingPathComponent("Tests/ExerciseChecks/lesson01.hidden.json")
/// A file outside every submission that the attacks try to create.
private let marker = scratchRoot.appendingPathComponent("attack-marker")
/// A word in the command line of every process the detached-writer attack starts.
private let token = "planted-writer-\(UUID().uuidString)"

/// The lesson-1 file of the teacher with `edit` applied.
private func lessonOne(_ edit: (String) -> String) throws -> String {
    edit(try String(contentsOf: repositoryRoot.appendingPathComponent(exerciseFile), encoding: .utf8))
}

/// `text` with `code` inserted at the start of its `index`-th solution block.
private func prefixingSolution(_ index: Int, in text: String, with code: String) -> String {
    let block = solutionBlocks(text)[index].joined(separator: "\n")
    return text.replacingOccurrences(of: block, with: code + "\n" + block)
}

/// What an attack puts at a path of its submission.
private enum Planted {
    /// A file with this text.
    case text(String)
    /// A symbolic link to the teacher's file (for `Output/grading`, to a canary folder).
    case symbolicLink
    /// A hard link to a copy of the teacher's file.
    case hardLink
}

/// The attacks: a submission name, then what to put at paths of the released edition.
private func attacks(edition: URL, reportFolder: URL) throws -> [String: [String: Planted]] {
    // Exercise 1.2's one-line solution, read from the teacher's file so that none is written here.
    let oneLine = try #require(try lessonOne { $0 }.components(separatedBy: "\n").first { $0.hasSuffix(" // SOLUTION") })
    let exponential = oneLine.dropLast(" // SOLUTION".count).trimmingCharacters(in: .whitespaces)
    let released = try String(contentsOf: edition.appendingPathComponent(exerciseFile), encoding: .utf8)
    let eStepSolution = solutionBlocks(try lessonOne { $0 })[1].joined(separator: "\n").trimmingCharacters(in: .whitespaces)
    let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        .components(separatedBy: "\n")
    return [
        "own-probe": [exerciseFile: .text(released), "Sources/ExerciseProbe/main.swift": .text("""
            import Foundation
            let checks = try String(contentsOfFile: "\(hiddenChecks.path)", encoding: .utf8)
            print(#"{"id":"1/1.1-middle","output":1}"#, checks.count)
            """)],
        "manifest-command": ["Package.swift": .text(([manifest[0], """
            import Foundation
            let touch = Process()
            touch.executableURL = URL(fileURLWithPath: "/usr/bin/touch")
            touch.arguments = ["\(marker.path)"]
            try? touch.run()
            touch.waitUntilExit()
            """] + manifest.dropFirst()).joined(separator: "\n"))],
        "reads-checks-by-path": [exerciseFile: .text(try lessonOne { prefixingSolution(0, in: $0, with: """
                guard (try? String(contentsOfFile: "\(hiddenChecks.path)", encoding: .utf8)) != nil else { return -1 }
            """) })],
        "reads-checks-through-proc": [exerciseFile: .text(try lessonOne { $0.replacingOccurrences(of: oneLine, with: """
                let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
                let seen = processes.contains { process in
                    ["cmdline", "environ"].contains { name in
                        let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\\(process)/\\(name)"))) ?? Data()
                        return String(decoding: data, as: UTF8.self).contains("ExerciseChecks")
                    } || ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\\(process)/cwd")) ?? "")
                        .contains("\(repositoryRoot.path)")
                }
                guard seen else { return -1 }
                return \(exponential)
            """) })],
        "detached-writer": [exerciseFile: .text(released.replacingOccurrences(
            of: #"    exerciseNotImplemented("1.3", "eStep")"#, with: """
                let writer = Process()
                writer.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
                writer.arguments = ["/bin/sh", "-c", "sleep 2; echo FORGED > \(reportFolder.path)/detached-writer.json; "
                    + "touch \(marker.path)", "\(token)"]
                try? writer.run()
                return \(eStepSolution)
            """))],
        "symlinked-exercise": ["Sources/Exercises/Lesson02.swift": .symbolicLink],
        "hard-linked-exercise": ["Sources/Exercises/Lesson03.swift": .hardLink],
        "symlinked-report": ["Output/grading": .symbolicLink],
        "unseeded-random": [exerciseFile: .text(try lessonOne { $0.replacingOccurrences(of: oneLine, with: """
                \(exponential) + Double.random(in: 0..<1e-12)
            """) })],
    ]
}

/// The batch run: the class folder, the reports and gradebook, and the checks' contents before it.
private struct ClassRun: Sendable {
    var reports: [String: GradeReport]
    var csv: String
    var output: URL
    var canary: URL
    var checksBefore: [String: Data]
}

/// The contents of every file of the teacher's checks folder.
private func teacherCheckFiles() throws -> [String: Data] {
    let folder = repositoryRoot.appendingPathComponent(CheckSuite.folder)
    return try Dictionary(uniqueKeysWithValues: listFiles(under: folder).map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
}

private func classRun() async throws -> ClassRun {
    let edition = try await releasedEdition().folder
    return try await EndToEndFixtures.shared.value("class") {
        let submissions = temporaryFolder("class"), output = temporaryFolder("gradebook"), canary = temporaryFolder("canary")
        try FileManager.default.createDirectory(at: canary, withIntermediateDirectories: true)
        let planted = try attacks(edition: edition, reportFolder: output)
        for (student, files) in planted {
            let folder = submissions.appendingPathComponent(student)
            try copyFiles(of: edition, to: folder)
            for path in filesChangedByRelease() where path.hasPrefix(ExerciseScanner.folder) {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
                try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(path), to: folder.appendingPathComponent(path))
            }
            for (path, planted) in files {
                let target = folder.appendingPathComponent(path)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                switch planted {
                case .text(let contents):
                    try Data(contents.utf8).write(to: target)
                case .symbolicLink:
                    let destination = path == "Output/grading" ? canary : repositoryRoot.appendingPathComponent(path)
                    try FileManager.default.createSymbolicLink(at: target, withDestinationURL: destination)
                case .hardLink:
                    // Linked to a copy: a second link to the teacher's own file would make other
                    // tests, grading the teacher's copy meanwhile, refuse it.
                    let original = temporaryFolder("linked")
                    try FileManager.default.createDirectory(at: original, withIntermediateDirectories: true)
                    let copy = original.appendingPathComponent((path as NSString).lastPathComponent)
                    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(path), to: copy)
                    try FileManager.default.linkItem(at: copy, to: target)
                }
            }
        }
        let checksBefore = try teacherCheckFiles()
        let process = Process()
        process.executableURL = releaseBinary
        process.currentDirectoryURL = repositoryRoot
        process.arguments = ["grade-all", submissions.path, "--checks", repositoryRoot.appendingPathComponent(CheckSuite.folder).path,
                             "--jobs", "2", "--output", output.path, "--timeout", "5"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GradingError("lessons grade-all exited with \(process.terminationStatus)") }
        var reports: [String: GradeReport] = [:]
        for student in planted.keys {
            let data = try Data(contentsOf: output.appendingPathComponent("\(student).json"))
            reports[student] = try JSONDecoder().decode(GradeReport.self, from: data)
        }
        let csv = try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8)
        return ClassRun(reports: reports, csv: csv, output: output, canary: canary, checksBefore: checksBefore)
    }
}

/// The `lessons` binary that `make test` builds before the tests.
let releaseBinary = repositoryRoot.appendingPathComponent(".build/release/lessons")

/// Whether the end-to-end class can run: the teacher's edition, with the release binary built.
let canGradeAClass = isTeacherEdition && FileManager.default.isExecutableFile(atPath: releaseBinary.path)

private func report(_ student: String) async throws -> GradeReport {
    try #require(try await classRun().reports[student])
}

/// The numbers of lesson 1's exercises.
private func lessonOneNumbers() throws -> Set<String> {
    Set(try gradedExerciseNumbers().filter { $0.hasPrefix("1.") })
}

/// Every exercise except `attacked` earned all its points.
private func expectIntact(_ report: GradeReport, except attacked: Set<String>) {
    #expect(report.exercises.count == (try? gradedExerciseNumbers().count))
    for exercise in report.exercises where !attacked.contains(exercise.number) {
        #expect(exercise.earned == exercise.possible && exercise.status == "passed",
                "\(report.workingCopy) \(exercise.number): \(exercise.feedback)")
    }
}

private func exercise(_ number: String, of report: GradeReport) throws -> ExerciseResult {
    try #require(report.exercises.first { $0.number == number })
}

@Suite(.serialized, .enabled(if: canGradeAClass, "needs the teacher's edition and .build/release/lessons"))
struct PlantedAttacksTests {
    @Test func ownProbeIsNeverBuilt() async throws {
        let report = try await report("own-probe")
        for number in try lessonOneNumbers() {
            let result = try exercise(number, of: report)
            #expect(result.earned == 0 && result.status == "not implemented", "\(number): \(result.feedback)")
        }
        expectIntact(report, except: try lessonOneNumbers())
        #expect(report.ignoredFiles == ["Sources/ExerciseProbe/main.swift"])
    }

    @Test func manifestThatRunsACommandIsNeverRun() async throws {
        let report = try await report("manifest-command")
        expectIntact(report, except: [])
        #expect(report.ignoredFiles == ["Package.swift"])
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func checksCannotBeReadByPath() async throws {
        let report = try await report("reads-checks-by-path")
        let attacked = try exercise("1.1", of: report)
        #expect(attacked.earned == 0 && attacked.status == "failed", "\(attacked.feedback)")
        expectIntact(report, except: ["1.1"])
    }

    @Test func checksCannotBeSeenThroughProc() async throws {
        let report = try await report("reads-checks-through-proc")
        let attacked = try exercise("1.2", of: report)
        #expect(attacked.earned == 0 && attacked.status == "failed", "\(attacked.feedback)")
        expectIntact(report, except: ["1.2"])
    }

    @Test func detachedProcessDiesWithItsExercise() async throws {
        let run = try await classRun()
        let report = try #require(run.reports["detached-writer"])
        let unsolved = try lessonOneNumbers().subtracting(["1.3"])
        #expect(try exercise("1.3", of: report).status == "passed")
        expectIntact(report, except: unsolved)
        let processes = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }
        for process in processes {
            let commandLine = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process)/cmdline"))) ?? Data()
            #expect(!String(decoding: commandLine, as: UTF8.self).contains(token), "process \(process) outlived its exercise")
        }
        // The writer would have struck after 2 s; the file still holds the grader's report.
        try await Task.sleep(for: .seconds(3))
        let onDisk = try JSONDecoder().decode(GradeReport.self, from: Data(contentsOf: run.output.appendingPathComponent("detached-writer.json")))
        #expect(onDisk.earned == report.earned && onDisk.earned < onDisk.possible)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func symlinkedExerciseFileIsRefusedAndCostsOnlyItsExercises() async throws {
        try await expectRefused("symlinked-exercise", lesson: "2", because: "Sources/Exercises/Lesson02.swift is a symbolic link")
    }

    @Test func hardLinkedExerciseFileIsRefusedAndCostsOnlyItsExercises() async throws {
        try await expectRefused("hard-linked-exercise", lesson: "3", because: "Sources/Exercises/Lesson03.swift is a hard link")
    }

    /// `student`'s exercises of `lesson` scored zero as refused, saying `reason`; the others are intact.
    private func expectRefused(_ student: String, lesson: String, because reason: String) async throws {
        let report = try await report(student)
        let refused = Set(try gradedExerciseNumbers().filter { $0.hasPrefix("\(lesson).") })
        for number in refused {
            let result = try exercise(number, of: report)
            #expect(result.earned == 0 && result.status == "refused")
            #expect(result.feedback.contains(reason))
        }
        expectIntact(report, except: refused)
        #expect(report.refusedFiles.count == 1)
    }

    @Test func symlinkedReportFolderReceivesNothing() async throws {
        let run = try await classRun()
        expectIntact(try #require(run.reports["symlinked-report"]), except: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.canary.path).isEmpty)
        #expect(try teacherCheckFiles() == run.checksBefore)
    }

    @Test func unseededRandomnessIsFlaggedAsNondeterministic() async throws {
        let run = try await classRun()
        let report = try #require(run.reports["unseeded-random"])
        let attacked = try exercise("1.2", of: report)
        #expect(attacked.earned == 0 && attacked.status == "nondeterministic")
        #expect(attacked.feedback.contains("different outputs on two calls"))
        expectIntact(report, except: ["1.2"])
        let row = try #require(run.csv.split(separator: "\n").first { $0.hasPrefix("unseeded-random,") })
        #expect(row.contains("nondeterministic: 1.2-"))
    }

    @Test func gradebookHasOneRowPerSubmissionWithItsPoints() async throws {
        let run = try await classRun()
        let rows = run.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let numbers = try gradedExerciseNumbers()
        #expect(rows.first == ["student"] + numbers + ["total", "possible", "notes"])
        #expect(rows.count == 1 + run.reports.count)
        for row in rows.dropFirst() {
            let report = try #require(run.reports[row[0]])
            #expect(Double(row[numbers.count + 1]) == report.earned)
            for (index, number) in numbers.enumerated() {
                #expect(Double(row[index + 1]) == (try exercise(number, of: report)).earned)
            }
        }
    }

    @Test func feedbackOnHiddenChecksCarriesNoHiddenInput() async throws {
        let run = try await classRun()
        let hiddenInputs = try teacherChecks(hidden: true).flatMap { check in
            check.inputs.values.map(\.description).filter { $0.count > 6 }
        }
        #expect(!hiddenInputs.isEmpty)
        for report in run.reports.values {
            for check in report.exercises.flatMap(\.checks) where check.isHidden {
                for input in hiddenInputs { #expect(!check.message.contains(input), "\(check.id): \(check.message)") }
            }
        }
    }
}
