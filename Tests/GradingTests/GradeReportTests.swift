import Grading
import Testing

private func check(_ id: String, hidden: Bool) -> Check {
    Check(id: id, exercise: "1.1", function: "f", points: 2, inputs: ["x": .number(1)], expected: .number(2),
          success: "doubles", failure: "should double", isHidden: hidden)
}

private func report(_ results: [CheckResult]) -> GradeReport {
    GradeReport(workingCopy: "/tmp/w",
                exercises: [ExerciseResult(number: "1.1", name: "f", location: "Sources/Exercises/L.swift:3", checks: results)],
                compilerDiagnostics: [])
}

@Test func summaryOfOnlyPublicChecksSaysPublicTestsPassedNeverAllTests() {
    let passed = report([CheckResult(check("a", hidden: false), .passed, "doubles")])
    #expect(passed.summary == "Score: 2 / 2 points. public tests passed (1 of 1); hidden tests were not run, so the final grade may differ.")
    #expect(!passed.summary.lowercased().contains("all tests passed"))
    let failed = report([CheckResult(check("a", hidden: false), .failed, "no"), CheckResult(check("b", hidden: false), .passed, "ok")])
    #expect(failed.summary.contains("1 of 2 public tests passed"))
}

@Test func summaryWithHiddenChecksCountsBoth() {
    let mixed = report([CheckResult(check("a", hidden: false), .passed, "ok"), CheckResult(check("b", hidden: true), .failed, "no")])
    #expect(mixed.summary == "Score: 2 / 4 points. 1 of 2 tests passed (1 of 1 public, 0 of 1 hidden).")
}

@Test func tableShowsPointsStatusAndTheFirstProblem() {
    let table = report([CheckResult(check("a", hidden: false), .passed, "ok"),
                        CheckResult(check("b", hidden: true), .failed, "should double (hidden check)")]).table()
    #expect(table.contains("1.1 f     2 / 4   partial  1 of 2 checks passed; should double (hidden check)"))
    #expect(table.contains("  b (hidden, failed, 0 / 2): should double (hidden check)"))
}

@Test func feedbackPageEscapesMessages() {
    let page = report([CheckResult(check("a", hidden: false), .failed, "expected <1> & got 2")]).html()
    #expect(page.contains("expected &lt;1&gt; &amp; got 2"))
    #expect(!page.contains("<1>"))
}

@Test func gradebookHasAColumnPerExerciseAndARowPerStudent() {
    let graded = StudentGrade(student: "ada", report: report([CheckResult(check("a", hidden: false), .passed, "ok"),
                                                             CheckResult(check("b", hidden: true), .failed, "no")]))
    let failed = StudentGrade(student: "=HYPERLINK(\"x\")", problem: "the exercises failed to build, at line 1")
    #expect(Gradebook.csv([graded, failed], exercises: ["1.1", "1.2"]) == """
        student,1.1,1.2,total,possible,notes
        ada,2,0,2,4,
        "'=HYPERLINK(""x"")",0,0,0,,"the exercises failed to build, at line 1"

        """)
}
