import Foundation

// MARK: - Lesson 2: generative adversarial networks

/// Exercise 2.1: the discriminator's loss, from its logits.
///
/// The discriminator outputs a logit `l`; its probability that the input is real is
/// `D = sigmoid(l) = 1 / (1 + exp(-l))`. It maximises `mean_i log D(x_i) + mean_j log(1 - D(G(z_j)))`,
/// so its loss is the negative:
/// `L_D = -mean_i log sigmoid(r_i) - mean_j log(1 - sigmoid(f_j))`.
/// Use `-log sigmoid(l) = softplus(-l)` and `-log(1 - sigmoid(l)) = softplus(l)`, with the stable
/// `softplus(a) = max(a, 0) + log(1 + exp(-|a|))`, so that a confident discriminator
/// (logits of +-100) still gets a finite loss.
/// - Parameters:
///   - realLogits: The logits `r_i` on real data, at least one.
///   - fakeLogits: The logits `f_j` on generated samples, at least one.
public func discriminatorLoss(realLogits: [Double], fakeLogits: [Double]) -> Double {
    // BEGIN SOLUTION
    func softplus(_ a: Double) -> Double { Swift.max(a, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(a))) }
    let realTerm = realLogits.map { softplus(-$0) }.reduce(0, +) / Double(realLogits.count)
    let fakeTerm = fakeLogits.map { softplus($0) }.reduce(0, +) / Double(fakeLogits.count)
    return realTerm + fakeTerm
    // END SOLUTION
}

/// Exercise 2.2: the generator's non-saturating loss, from the discriminator's logits.
///
/// Instead of minimising `mean_j log(1 - D(G(z_j)))`, whose gradient vanishes when the
/// discriminator rejects the samples, the generator minimises
/// `L_G = -mean_j log D(G(z_j)) = mean_j softplus(-f_j)` with `D = sigmoid(f)`.
/// Compute it stably, as in exercise 2.1.
/// - Parameter fakeLogits: The discriminator's logits `f_j` on generated samples, at least one.
public func nonSaturatingGeneratorLoss(fakeLogits: [Double]) -> Double {
    // BEGIN SOLUTION
    fakeLogits.map { Swift.max(-$0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }.reduce(0, +)
        / Double(fakeLogits.count)
    // END SOLUTION
}
