import Foundation
import Probability
import Tensors

/// How annealed importance sampling moves its chains at each intermediate temperature of an RBM.
public enum RBMAnnealingMove: Sendable {
    /// One block Gibbs sweep of the intermediate model: any size of model, but a sharp model mixes
    /// slowly, and chains stuck away from its mass make the estimate far too low.
    case gibbsSweep
    /// An exact draw from the intermediate model through its hidden units: `p_β(h)` summed over
    /// all `2^H` configurations, then `v ~ p_β(v | h)`. Perfect mixing, for small `H` only.
    case exactDraw
}

extension RBM {
    /// Estimates `log Z` by annealed importance sampling from a base-rate model (Salakhutdinov and
    /// Murray, 2008).
    ///
    /// The base model `A` has visible biases `b_A`, no weights and no hidden biases, so
    /// `log Z_A = Σ_i softplus(b_{A,i}) + H log 2` and it is sampled exactly. The intermediate models
    /// scale the energies, `E_k = (1 - β_k) E_A + β_k E`, whose unnormalised marginal is
    ///
    /// `log f_k(v) = ((1 - β_k) b_A + β_k b)ᵀv + Σ_j softplus(β_k (c_j + (vᵀW)_j))`,
    ///
    /// and each is sampled by one block Gibbs sweep with the scaled conditionals. Every chain adds
    /// `log f_k(v) - log f_{k-1}(v)` to its log weight before the sweep at `β_k`.
    /// - Parameters:
    ///   - baseVisibleBias: `b_A`, `[V]`; the data's log-odds `log(m / (1 - m))` of each pixel's mean
    ///     `m` makes a good base.
    ///   - temperatures: `0 = β_0 < ... < β_K = 1`.
    ///   - chainCount: The number of independent AIS runs.
    ///   - move: The transition at each temperature: a Gibbs sweep, or an exact draw (`H ≤ 16`).
    public func annealedLogPartition(baseVisibleBias: Tensor, temperatures: [Double], chainCount: Int,
                                     move: RBMAnnealingMove = .gibbsSweep,
                                     using rng: inout RandomGenerator) -> AISEstimate {
        precondition(baseVisibleBias.shape == [visibleCount],
                     "RBM.annealedLogPartition: base bias \(baseVisibleBias.shape), expected [\(visibleCount)]")
        precondition(temperatures.first == 0 && temperatures.last == 1,
                     "RBM.annealedLogPartition: temperatures must run from 0 to 1")
        let baseProbabilities = sigmoid(baseVisibleBias).broadcasted(to: [chainCount, visibleCount])
        var visible = Tensor(randomBernoulli: baseProbabilities, using: &rng)
        let baseLogPartition = softplus(baseVisibleBias).sum().scalar + Float(hiddenCount) * Float(log(2.0))
        var logWeights = [Double](repeating: Double(baseLogPartition), count: chainCount)
        let exactSampler = move == .exactDraw ? ExactIntermediateSampler(self, base: baseVisibleBias) : nil
        for k in 1..<temperatures.count {
            let previous = intermediateLogDensity(visible, base: baseVisibleBias, temperature: temperatures[k - 1])
            let current = intermediateLogDensity(visible, base: baseVisibleBias, temperature: temperatures[k])
            for chain in 0..<chainCount { logWeights[chain] += Double(current[chain]) - Double(previous[chain]) }
            guard k < temperatures.count - 1 else { continue }
            if let exactSampler {
                visible = exactSampler.sample(chainCount, temperature: temperatures[k], using: &rng)
            } else {
                visible = intermediateGibbsStep(visible, base: baseVisibleBias, temperature: temperatures[k], using: &rng)
            }
        }
        return AISEstimate(logWeights: logWeights)
    }

    /// `log f_β(v) = ((1 - β) b_A + β b)ᵀv + Σ_j softplus(β (c_j + (vᵀW)_j))` for each row of `visible`.
    func intermediateLogDensity(_ visible: Tensor, base: Tensor, temperature: Double) -> [Float] {
        let beta = Float(temperature)
        let bias = (1 - beta) * base + beta * visibleBias
        let linear = matmul(visible, bias.reshaped(to: [visibleCount, 1])).reshaped(to: [visible.shape[0]])
        return (linear + softplus(beta * affine(visible, weight, hiddenBias)).sum(axis: 1)).scalars
    }

    /// One block Gibbs sweep of the intermediate model at `β`.
    func intermediateGibbsStep(_ visible: Tensor, base: Tensor, temperature: Double,
                               using rng: inout RandomGenerator) -> Tensor {
        let beta = Float(temperature)
        let hidden = Tensor(randomBernoulli: sigmoid(beta * affine(visible, weight, hiddenBias)), using: &rng)
        let logits = beta * matmul(hidden, weight, transposeB: true) + ((1 - beta) * base + beta * visibleBias)
        return Tensor(randomBernoulli: sigmoid(logits), using: &rng)
    }

    /// The base-rate visible biases `log((m + δ) / (1 - m + δ))` of binary data `[N, V]`, with pixel
    /// means `m` smoothed by `δ` so that constant pixels stay finite.
    public static func baseRateBias(of data: Tensor, smoothing: Float = 0.01) -> Tensor {
        let means = data.mean(axis: 0)
        return log(means + smoothing) - log(1 - means + smoothing)
    }
}

/// Exact draws from the intermediate RBMs of AIS, through all `2^H` hidden configurations.
///
/// With `a_β(h) = (1 - β) b_A + β (b + Wh)`, the intermediate model's hidden marginal is
/// `log f_β(h) = β cᵀh + Σ_i softplus(a_β(h)_i)` and `p_β(v_i = 1 | h) = σ(a_β(h)_i)`.
struct ExactIntermediateSampler {
    /// `b - b_A + Wh` for every configuration `h`, `[2^H, V]`.
    let slopes: Tensor
    /// `cᵀh` for every configuration, `[2^H]`.
    let hiddenTerms: Tensor
    /// `b_A`, `[1, V]`.
    let base: Tensor

    init(_ rbm: RBM, base: Tensor) {
        precondition(rbm.hiddenCount <= 16, "RBMAnnealingMove.exactDraw: 2^\(rbm.hiddenCount) hidden configurations are too many")
        let hidden = RBM.hiddenConfigurations(0..<(1 << rbm.hiddenCount), hiddenCount: rbm.hiddenCount)
        slopes = matmul(hidden, rbm.weight, transposeB: true) + (rbm.visibleBias - base)
        hiddenTerms = matmul(hidden, rbm.hiddenBias.reshaped(to: [rbm.hiddenCount, 1])).reshaped(to: [hidden.shape[0]])
        self.base = base.reshaped(to: [1, rbm.visibleCount])
    }

    /// `count` independent draws `v ~ p_β(v)`, `[count, V]`.
    func sample(_ count: Int, temperature: Double, using rng: inout RandomGenerator) -> Tensor {
        let beta = Float(temperature)
        let logits = base + beta * slopes
        let logWeights = softplus(logits).sum(axis: 1) + beta * hiddenTerms
        let hidden = Categorical(logits: logWeights.scalars.map(Double.init))
        let rows = (0..<count).map { _ in hidden.sample(using: &rng) }
        return Tensor(randomBernoulli: sigmoid(logits.gathering(rows: rows)), using: &rng)
    }
}
