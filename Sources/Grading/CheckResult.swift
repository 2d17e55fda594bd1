/// How one check ended.
public enum CheckStatus: String, Codable, Sendable {
    /// The output matched the expected value.
    case passed
    /// The function returned, but not the expected value.
    case failed
    /// The process died during this check (a trap, a signal, the memory limit, an early exit).
    case crashed
    /// The process was killed at the wall-clock limit.
    case timedOut = "timed out"
    /// The function still calls `exerciseNotImplemented`.
    case notImplemented = "not implemented"
    /// The exercise did not compile, so the check could not run.
    case compileError = "compile error"
    /// Two calls with the same inputs returned different outputs.
    case nondeterministic
    /// The exercise's file was not a plain file (a symbolic link, say), so it was not used.
    case refused
    /// The check itself could not be run (a malformed check or a missing adapter): a course bug.
    case error
}

/// The outcome of one check: points earned and the feedback to show.
///
/// Holds no inputs and no expected value of its own: a hidden check's result carries only its
/// message, so reports built from results cannot show a hidden check's source.
public struct CheckResult: Codable, Sendable {
    /// The check's id.
    public var id: String
    /// The exercise number.
    public var exercise: String
    /// Whether the check is hidden.
    public var isHidden: Bool
    /// The points the check is worth.
    public var points: Double
    /// The points awarded: all or nothing.
    public var earned: Double
    /// How the check ended.
    public var status: CheckStatus
    /// The success message, or the failure message with what was expected and what came back.
    public var message: String

    /// Creates the result of `check`, earning its points only when `status` is `.passed`.
    public init(_ check: Check, _ status: CheckStatus, _ message: String) {
        id = check.id
        exercise = check.exercise
        isHidden = check.isHidden
        points = check.points
        earned = status == .passed ? check.points : 0
        self.status = status
        self.message = message
    }
}
