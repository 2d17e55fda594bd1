import Foundation
import LessonFuzzing

// Fuzzes the lesson parser and the program writer with random lessons for a while:
// `swift run -c release LessonFuzz [seconds] [seed]`. Prints the number of inputs, and each input
// that went wrong (with its seed) before exiting non-zero.

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.first.flatMap(Double.init) ?? 60
let firstSeed = arguments.dropFirst().first.flatMap(UInt64.init) ?? 1
let deadline = Date().addingTimeInterval(seconds)
var seed = firstSeed
var failures = 0
while Date() < deadline {
    for _ in 0..<100 {
        var random = SplitMix64(seed: seed)
        let lesson = RandomLesson(using: &random)
        let problems = LessonFuzzCheck.problems(in: lesson)
        if !problems.isEmpty {
            failures += 1
            print("seed \(seed): \(problems.joined(separator: "; "))\n\(lesson.markdown.debugDescription)\n")
        }
        seed += 1
    }
}
print("\(seed - firstSeed) inputs (seeds \(firstSeed)..<\(seed)), \(failures) failed")
exit(failures == 0 ? 0 : 1)
