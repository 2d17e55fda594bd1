import LessonFuzzing
import Testing

/// A short, seeded run of the fuzzer (`swift run -c release LessonFuzz SECONDS` runs it longer):
/// random Markdown, fences and info strings never crash the parser or the program writer, and
/// every swift fence becomes a cell or is reported.
@Test func randomLessonsParseIntoTheirCellsOrAreReported() {
    for seed in UInt64(1)...300 {
        var random = SplitMix64(seed: seed)
        let lesson = RandomLesson(using: &random)
        let problems = LessonFuzzCheck.problems(in: lesson)
        #expect(problems.isEmpty, "seed \(seed): \(problems)\n\(lesson.markdown.debugDescription)")
    }
}
