import Foundation
import NeuralNetworks

extension DiffusionSampler {
    /// DDIM inversion (Song et al., 2021, section 4.3): the deterministic `η = 0` update run from
    /// data towards noise, through the timesteps of `ddim(from:stepCount:eta: 0)` in reverse order.
    ///
    /// From `x_s` at the previous timestep `s` (`ᾱ_s = 1` before the first step) to `x_t`:
    /// `ε̂ = ε_θ(x_s, t)`, `x̂_0 = (x_s - √(1 - ᾱ_s) ε̂) / √ᾱ_s`, `x_t = √ᾱ_t x̂_0 + √(1 - ᾱ_t) ε̂`.
    /// The noise is predicted at the point it is leaving, not the one it reaches (unknown yet), so
    /// `ddim(from: inversion, stepCount:)` gives the data back only up to a discretisation error
    /// that shrinks with `stepCount`. `clipRange` is not applied: clipping has no inverse.
    /// - Parameters:
    ///   - clean: Data `x_0`, `[N, ...]`.
    ///   - labels: `N` labels for a conditional model; empty otherwise.
    /// - Returns: `x_T`, the shape of `clean`.
    public func ddimInversion(of clean: Tensor, stepCount: Int, labels: [Int] = []) -> Tensor {
        var x = clean
        var previousAlphaBar = 1.0
        for t in Self.ddimTimesteps(stepCount, of: schedule.stepCount).reversed() {
            let alphaBar = schedule.alphaBars[t]
            let epsilon = predictedNoise(x, timestep: t, labels: labels)
            let predicted = (x - Float((1 - previousAlphaBar).squareRoot()) * epsilon) / Float(previousAlphaBar.squareRoot())
            x = Float(alphaBar.squareRoot()) * predicted + Float((1 - alphaBar).squareRoot()) * epsilon
            previousAlphaBar = alphaBar
        }
        return x
    }
}
