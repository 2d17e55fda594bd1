import Foundation

/// What an E-step returns: the responsibilities and the data's mean log-likelihood under the
/// parameters the E-step used.
public struct ExpectationStepResult: Sendable {
    /// `responsibilities[i][k] = p(k | x_i)`; every row sums to 1.
    public let responsibilities: [[Double]]
    /// `(1/N) Σ_i log p(x_i)`: scikit-learn's per-sample lower bound for a Gaussian mixture.
    public let meanLogLikelihood: Double

    /// Creates an E-step result.
    public init(responsibilities: [[Double]], meanLogLikelihood: Double) {
        self.responsibilities = responsibilities
        self.meanLogLikelihood = meanLogLikelihood
    }
}

/// A mixture model that expectation-maximisation can fit: an E-step and an M-step.
public protocol ExpectationMaximizable {
    /// The type of one data point.
    associatedtype Point

    /// The E-step: responsibilities `p(k | x_i)` under the current parameters and the mean log-likelihood.
    func expectationStep(_ data: [Point]) -> ExpectationStepResult

    /// The M-step: the new parameters given the responsibilities, with `regularization` added to
    /// every variance.
    func maximizationStep(_ data: [Point], responsibilities: [[Double]], regularization: Double) -> Self
}

/// The outcome of an EM fit: the final model and its trajectory.
public struct ExpectationMaximizationResult<Model: ExpectationMaximizable> {
    /// The parameters after the last M-step.
    public let model: Model
    /// `snapshots[t]` holds the parameters after `t` iterations; `snapshots[0]` is the initialisation.
    public let snapshots: [Model]
    /// `logLikelihoodHistory[t]` is the mean log-likelihood `(1/N) Σ_i log p(x_i)` under
    /// `snapshots[t]`. EM never decreases it (up to the `regularization` added to variances).
    public let logLikelihoodHistory: [Double]
    /// The number of EM iterations (M-steps) run.
    public let iterations: Int
    /// Whether the change in mean log-likelihood fell below the tolerance before the iteration limit.
    public let converged: Bool

    /// The mean log-likelihood of the data under the final `model`.
    public var finalMeanLogLikelihood: Double { logLikelihoodHistory[logLikelihoodHistory.count - 1] }
}

extension ExpectationMaximizable {
    /// Fits the mixture by expectation-maximisation, starting from `self`.
    ///
    /// Iteration `t` runs the E-step on the parameters `θ_{t-1}`, which yields `L(θ_{t-1})`, the
    /// mean log-likelihood, then the M-step, which yields `θ_t`. The fit stops after iteration `t`
    /// once `|L(θ_{t-1}) - L(θ_{t-2})| < tolerance`, or after `maxIterations`. This is exactly
    /// scikit-learn's `GaussianMixture.fit` loop (its `lower_bound_` is `L(θ_{t-1})`), so the same
    /// initialisation, `tolerance` (`tol`, default 1e-3), `maxIterations` (`max_iter`, default 100)
    /// and `regularization` (`reg_covar`, default 1e-6) give the same parameters.
    /// - Precondition: `maxIterations >= 1`, `tolerance >= 0`, `regularization >= 0`.
    public func fitted(to data: [Point], tolerance: Double = 1e-3, maxIterations: Int = 100,
                       regularization: Double = 1e-6) -> ExpectationMaximizationResult<Self> {
        precondition(maxIterations >= 1, "fitted(to:): maxIterations \(maxIterations) must be at least 1")
        precondition(tolerance >= 0 && regularization >= 0,
                     "fitted(to:): tolerance \(tolerance) and regularization \(regularization) must be non-negative")
        var model = self
        var snapshots = [self]
        var history: [Double] = []
        var converged = false
        var iterations = 0
        while iterations < maxIterations {
            let expectation = model.expectationStep(data)
            history.append(expectation.meanLogLikelihood)
            model = model.maximizationStep(data, responsibilities: expectation.responsibilities,
                                           regularization: regularization)
            snapshots.append(model)
            iterations += 1
            if history.count >= 2, abs(history[history.count - 1] - history[history.count - 2]) < tolerance {
                converged = true
                break
            }
        }
        history.append(model.expectationStep(data).meanLogLikelihood)
        return ExpectationMaximizationResult(model: model, snapshots: snapshots, logLikelihoodHistory: history,
                                             iterations: iterations, converged: converged)
    }
}
