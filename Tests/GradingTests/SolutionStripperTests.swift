import Grading
import Testing

private let lessonTwoSource = """
    import Foundation

    /// Exercise 2.1: doubles its input.
    ///
    /// `f(x) = 2 x`
    public func double(_ x: Double) -> Double {
        let scale = 2.0
        // BEGIN SOLUTION
        let doubled = scale * x
        return doubled
        // END SOLUTION
    }

    /// Exercise 2.2: the successor.
    public func successor(
        of n: Int
    ) -> Int {
        n + 1 // SOLUTION
    }
    """

private let file = "Sources/Exercises/Lesson02.swift"

@Test func scannerFindsEachExerciseWithItsNumberNameAndBody() throws {
    let exercises = try ExerciseScanner.scan(text: lessonTwoSource, file: file)
    #expect(exercises.map(\.number) == ["2.1", "2.2"])
    #expect(exercises.map(\.name) == ["double", "successor"])
    #expect(exercises.map(\.statementLine) == [3, 14])
    #expect(exercises[0].statement == "Exercise 2.1: doubles its input.\n\n`f(x) = 2 x`")
    #expect(exercises.map(\.openingLine) == [6, 17])
    #expect(exercises.map(\.closingLine) == [12, 19])
}

@Test func releaseReplacesSolutionBlocksAndOneLineSolutionsWithStubs() throws {
    let exercises = try ExerciseScanner.scan(text: lessonTwoSource, file: file)
    let released = try SolutionStripper.strippingSolutions(lessonTwoSource, file: file, exercises: exercises)
    #expect(released == """
        import Foundation

        /// Exercise 2.1: doubles its input.
        ///
        /// `f(x) = 2 x`
        public func double(_ x: Double) -> Double {
            let scale = 2.0
            exerciseNotImplemented("2.1", "double")
        }

        /// Exercise 2.2: the successor.
        public func successor(
            of n: Int
        ) -> Int {
            exerciseNotImplemented("2.2", "successor")
        }
        """)
}

@Test func unbalancedSolutionMarkerIsAnErrorAtItsLine() throws {
    let broken = lessonTwoSource.replacingOccurrences(of: "    // END SOLUTION\n", with: "")
    let exercises = try ExerciseScanner.scan(text: broken, file: file)
    #expect {
        try SolutionStripper.strippingSolutions(broken, file: file, exercises: exercises)
    } throws: { error in
        "\(error)".hasPrefix("Sources/Exercises/Lesson02.swift:8: error: BEGIN SOLUTION")
    }
}

@Test func compileIsolationReplacesTheWholeBodyOfABrokenExercise() throws {
    let exercises = try ExerciseScanner.scan(text: lessonTwoSource, file: file)
    let stubbed = SolutionStripper.replacingBodies(lessonTwoSource, of: [exercises[1]])
    #expect(stubbed.hasSuffix("""
        public func successor(
            of n: Int
        ) -> Int {
            exerciseNotImplemented("2.2", "successor")
        }
        """))
    #expect(stubbed.contains("let doubled = scale * x"))
}

@Test func hiddenBlocksDisappearWithTheirMarkers() throws {
    let script = "a = 1\n# BEGIN HIDDEN\nsecret = 2\n# END HIDDEN\nb = 3"
    #expect(try SolutionStripper.strippingHiddenBlocks(script, file: "x.py") == "a = 1\nb = 3")
    #expect(throws: GradingError.self) {
        try SolutionStripper.strippingHiddenBlocks("# BEGIN HIDDEN\nsecret", file: "x.py")
    }
}
