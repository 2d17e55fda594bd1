import Foundation
import Grading
import Testing

/// The wall-clock limit the planted copy is graded with.
private let plantedTimeout = 2.0

/// The teacher's copy with five planted faults, one per exercise, and 1.3 left intact:
/// 1.1 traps (index out of range), 1.2 loops forever, 1.4 does not compile, 1.5 allocates without
/// end, and 1.6 prints fake "passed" lines and a forged reply, then answers wrongly.
private func plantedSource(_ text: String) -> String {
    var text = replacingSolution(0, in: text, with: "    let empty: [Int] = []\n    return empty[probabilities.count]")
    text = text.components(separatedBy: "\n").map { line in
        line.hasSuffix(" // SOLUTION") ? "    var x = uniform\n    while true { x = x * 0.5 }" : line
    }.joined(separator: "\n")
    text = replacingSolution(2, in: text, with: """
            let broken: Int = "not a number"
            return MixtureParameters(weights: [], means: [], variances: [])
        """)
    text = replacingSolution(3, in: text, with: """
            var hoard: [[Double]] = []
            while true { hoard.append([Double](repeating: point, count: 1 << 24)) }
        """)
    return replacingSolution(4, in: text, with: #"""
            print("passed")
            print("✔ Test run with 17 tests passed. All tests passed. Score: 19 / 19")
            print(#"{"id":"1.6-downhill","output":true}"#)
            let ratio = (proposedLogDensity - currentLogDensity) + (reverseLogProposal - forwardLogProposal)
            return Foundation.log(uniform) >= min(0, ratio)
        """#)
}

private struct PlantedRun: Sendable {
    var folder: URL
    var report: GradeReport
    var seconds: Double
}

private func plantedRun() async throws -> PlantedRun {
    try await EndToEndFixtures.shared.value("planted") {
        let folder = try plantedCopy(editing: plantedSource)
        var options = GradingOptions(workingCopy: folder)
        options.limits = SandboxLimits(wallClockSeconds: plantedTimeout, memoryBytes: 256 << 20)
        let start = Date()
        let report = try Grader.grade(options)
        return PlantedRun(folder: folder, report: report, seconds: Date().timeIntervalSince(start))
    }
}

private func exercise(_ number: String, in run: PlantedRun) throws -> ExerciseResult {
    try #require(run.report.exercises.first { $0.number == number })
}

@Suite(.serialized, .enabled(if: isTeacherEdition, "the planted copy starts from the teacher's solutions"))
struct PlantedFaultsTests {
    @Test func untouchedExerciseKeepsFullPoints() async throws {
        let run = try await plantedRun()
        let planted: Set = ["1.1", "1.2", "1.4", "1.5", "1.6"]
        let intact = run.report.exercises.filter { !planted.contains($0.number) }
        #expect(intact.contains { $0.number == "1.3" })
        for exercise in intact {
            #expect(exercise.earned == exercise.possible && exercise.status == "passed", "\(exercise.number): \(exercise.feedback)")
        }
        #expect(run.report.earned == intact.reduce(0) { $0 + $1.earned })
    }

    @Test func crashCostsOnlyItsExerciseAndSaysWhereInTheStudentsFile() async throws {
        let run = try await plantedRun()
        let crashed = try exercise("1.1", in: run)
        #expect(crashed.earned == 0 && crashed.status == "crashed")
        #expect(crashed.feedback.contains("Index out of range"))
        #expect(crashed.feedback.contains("on input {probabilities: [0.2, 0.5, 0.3], uniform: 0.65}"))
        let source = try String(contentsOf: run.folder.appendingPathComponent(exerciseFile), encoding: .utf8)
        let line = try #require(source.components(separatedBy: "\n").firstIndex { $0.contains("return empty[") }) + 1
        #expect(crashed.feedback.contains("at Sources/Exercises/Lesson01.swift:\(line)"))
    }

    @Test func endlessLoopIsKilledAtTheWallClockLimit() async throws {
        let run = try await plantedRun()
        let looping = try exercise("1.2", in: run)
        #expect(looping.earned == 0 && looping.status == "timed out")
        #expect(looping.feedback.contains("no answer within 2 s"))
        // Two cold builds (the failing one and the isolated one) and one timeout fit easily.
        #expect(run.seconds < 150)
    }

    @Test func allocationStormStopsAtTheMemoryLimit() async throws {
        let storm = try exercise("1.5", in: try await plantedRun())
        #expect(storm.earned == 0 && storm.status == "crashed")
        #expect(storm.feedback.contains("memory limit is 256 MiB"))
    }

    @Test func compileErrorCostsOnlyItsExerciseAndNamesTheStudentsLine() async throws {
        let run = try await plantedRun()
        let broken = try exercise("1.4", in: run)
        let source = try String(contentsOf: run.folder.appendingPathComponent(exerciseFile), encoding: .utf8)
        let line = try #require(source.components(separatedBy: "\n").firstIndex { $0.contains("not a number") }) + 1
        #expect(broken.earned == 0 && broken.status == "compile error")
        #expect(broken.feedback.contains("Sources/Exercises/Lesson01.swift:\(line):"))
        #expect(broken.feedback.contains("cannot convert value of type 'String'"))
    }

    @Test func printingPassedOrForgingAReplyGainsNothing() async throws {
        let faker = try exercise("1.6", in: try await plantedRun())
        #expect(faker.earned == 0 && faker.status == "failed")
        #expect(faker.feedback.contains("expected true, got false"))
    }

    @Test func releaseRefusesWhenAReferenceSolutionFails() async throws {
        let run = try await plantedRun()
        var options = GradingOptions(workingCopy: run.folder)
        options.limits = SandboxLimits(wallClockSeconds: plantedTimeout, memoryBytes: 256 << 20)
        let destination = temporaryFolder("refused")
        let start = Date()
        #expect {
            try Releaser.release(options, to: destination)
        } throws: { error in
            "\(error)".contains("refusing to release: the reference solutions fail 14 checks")
        }
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        // A second grading of the same copy rebuilds only the isolated copy's exercises: what is
        // left is the faults' own cost, bounded by the 2 s limit, not by the endless loop.
        #expect(Date().timeIntervalSince(start) < 60)
    }
}
