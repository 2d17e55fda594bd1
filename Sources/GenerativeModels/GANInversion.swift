import NeuralNetworks

/// Latents found for given images by optimisation, since a GAN has no encoder.
public struct GANInversion {
    /// The latents `z*`, `[N, latentSize]`.
    public var latents: Tensor
    /// `G(z*)`, the shape of the targets.
    public var reconstructions: Tensor
    /// The mean squared error `‖G(z*) - x‖² / D` of each image, `[N]`.
    public var meanSquaredErrors: [Float]
    /// The mean over the batch of the same error after every step, first step first.
    public var errorOverSteps: [Float]
}

/// Inverts a generator by gradient descent on its input (Zhu et al., "Generative visual
/// manipulation on the natural image manifold", 2016): starting from `start`, Adam minimises
///
/// `L(z) = mean_i ‖G(z_i) - x_i‖² / D`
///
/// over the latents only (the generator's weights are fixed). The result is one latent per image
/// whose image is as close as the generator can get from that start, which may be far from the
/// image when the image lies outside what the generator can draw.
/// - Parameters:
///   - targets: The images `x`, `[N, D]` in the generator's output range.
///   - start: The initial latents, `[N, latentSize]` (for instance draws from the prior).
///   - steps: Adam steps.
/// - Precondition: `G(start)` has the shape of `targets`; `steps > 0`.
public func invertGenerator<Generator: Layer>(_ generator: Generator, targets: Tensor, start: Tensor, steps: Int,
                                              learningRate: Float = 0.05) -> GANInversion {
    precondition(steps > 0, "invertGenerator: steps \(steps) must be positive")
    let startShape = generator(start).shape
    precondition(startShape == targets.shape, "invertGenerator: G(start) \(startShape) and targets \(targets.shape) differ in shape")
    // The optimizer updates any `Differentiable` value; a lone tensor is the model here.
    var latents = LatentCode(values: start)
    let optimizer = Adam(learningRate: learningRate)
    var errors: [Float] = []
    for _ in 0..<steps {
        let (loss, gradient) = valueWithGradient(at: latents) { code -> Tensor in
            let difference = generator(code.values) - targets
            return (difference * difference).mean()
        }
        optimizer.update(&latents, along: gradient)
        errors.append(loss.scalar)
    }
    let reconstructions = generator(latents.values)
    let difference = reconstructions - targets
    let perImage = (difference * difference).mean(axis: 1).scalars
    return GANInversion(latents: latents.values, reconstructions: reconstructions, meanSquaredErrors: perImage,
                        errorOverSteps: errors)
}

/// The latents being optimised, wrapped as a model so that `Optimizer` finds them by reflection.
struct LatentCode: Differentiable {
    var values: Tensor
}
