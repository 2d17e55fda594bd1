import NeuralNetworks

/// The loss a GAN's generator minimises.
///
/// With `D(x) = σ(l(x))` the discriminator's probability that `x` is real:
/// - `saturating`: the minimax objective's own term, `E_z[log(1 - D(G(z)))]` (Goodfellow et al.,
///   2014). Its gradient vanishes when the discriminator confidently rejects the samples,
///   which is exactly the situation early in training.
/// - `nonSaturating`: `-E_z[log D(G(z))]`, the heuristic of the same paper: the same fixed point,
///   strong gradients when `D(G(z))` is near 0.
public enum GeneratorObjective: String, Sendable, CaseIterable {
    case saturating = "saturating"
    case nonSaturating = "non-saturating"
}

/// The discriminator's loss, the negative of the minimax value it maximises:
///
/// `-(E_x[log D(x)] + E_z[log(1 - D(G(z)))]) = mean softplus(-l_real) + mean softplus(l_fake)`,
///
/// computed from logits `l` (`D = σ(l)`) so that confident discriminators do not overflow.
/// - Parameters:
///   - realLogits: The discriminator's logits on data, `[batch, 1]` or `[batch]`.
///   - fakeLogits: Its logits on generated samples, any batch size.
@differentiable(reverse)
public func ganDiscriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    softplus(-realLogits).mean() + softplus(fakeLogits).mean()
}

/// The generator's loss on the discriminator's logits for generated samples:
///
/// - saturating: `E_z[log(1 - D(G(z)))] = -mean softplus(l)`;
/// - non-saturating: `-E_z[log D(G(z))] = mean softplus(-l)`.
@differentiable(reverse, wrt: fakeLogits)
public func ganGeneratorLoss(fakeLogits: Tensor, objective: GeneratorObjective) -> Tensor {
    switch objective {
    case .saturating: return -softplus(fakeLogits).mean()
    case .nonSaturating: return softplus(-fakeLogits).mean()
    }
}
