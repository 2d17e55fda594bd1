import Exercises
import Plumbing
import Testing

// The reference solutions are graded end to end by ReleaseEndToEndTests against the checks in
// Tests/ExerciseChecks; here the stub's message and the types the exercises share.

@Test func notImplementedMessageNamesTheExerciseAndFunction() {
    #expect(notImplementedMessage("1.3", "eStep") == "exercise 1.3 `eStep` is not implemented yet")
    #expect(notImplementedMessage("3.2", "reparameterize").hasSuffix(notImplementedMarker))
}

@Test func theStubStopsWithTheMessageTheRunnerAndGraderLookFor() {
    #expect(exerciseNotImplementedMessage("4.2", "ddpmPosteriorMean") == notImplementedMessage("4.2", "ddpmPosteriorMean"))
}

@Test func mixtureParametersKeepTheirComponents() {
    let mixture = MixtureParameters(weights: [0.25, 0.75], means: [-1, 2], variances: [1, 0.5])
    #expect(mixture.weights == [0.25, 0.75] && mixture.means == [-1, 2] && mixture.variances == [1, 0.5])
}
