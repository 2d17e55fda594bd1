/// Stops the program because a student has not written exercise `number` yet.
///
/// `lessons release` puts a call to this function where each reference solution was, so that a
/// lesson or a grader reaching an unsolved exercise stops with one clear line,
/// `exercise 1.3 `eStep` is not implemented yet`, instead of a wrong answer. The lesson runner and
/// the grader recognise the line by `notImplementedMarker` (module `Plumbing`). The message is
/// spelled out here rather than imported: the grader compiles these files alone, with Foundation
/// only, inside its sandbox; a test keeps the two spellings equal.
/// - Parameters:
///   - number: The exercise number, as in the statement: `"1.3"`.
///   - name: The name of the exercise function: `"eStep"`.
///   - file: The file to edit, the stub's own (filled in by the compiler).
///   - line: The stub's line, so the message points at the place to write the solution.
public func exerciseNotImplemented(_ number: String, _ name: String,
                                   file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(exerciseNotImplementedMessage(number, name), file: file, line: line)
}

/// The line `exerciseNotImplemented` stops with: "exercise 1.3 `eStep` is not implemented yet".
public func exerciseNotImplementedMessage(_ number: String, _ name: String) -> String {
    "exercise \(number) `\(name)` is not implemented yet"
}

/// The parameters of a one-dimensional Gaussian mixture with `K` components.
///
/// `p(x) = sum_k weights[k] * N(x | means[k], variances[k])`; the three arrays have length `K`.
public struct MixtureParameters: Equatable, Sendable {
    /// The mixing weights `w_k`, non-negative and summing to one.
    public var weights: [Double]
    /// The component means `mu_k`.
    public var means: [Double]
    /// The component variances `sigma_k^2` (not standard deviations).
    public var variances: [Double]

    /// Creates mixture parameters from the three per-component arrays.
    public init(weights: [Double], means: [Double], variances: [Double]) {
        precondition(weights.count == means.count && means.count == variances.count,
                     "MixtureParameters: \(weights.count) weights, \(means.count) means, \(variances.count) variances")
        self.weights = weights
        self.means = means
        self.variances = variances
    }
}
