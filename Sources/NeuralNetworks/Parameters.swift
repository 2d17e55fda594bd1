/// A tensor found inside a model (or its gradient) by reflection, with its field path.
public struct NamedTensor {
    /// The dotted field path, e.g. `encoder.layers.0.weight`; array elements are numbered.
    public let name: String
    /// The tensor at that path.
    public let tensor: Tensor
}

/// Every `Tensor` stored inside `value`, depth first in declaration order, with its field path.
///
/// A model and its `TangentVector` give the same paths for their parameters: the wrapper that
/// the compiler puts around arrays (`Array.DifferentiableView`) and `Optional`'s `some` add no
/// path component. Tensors marked `@noDerivative` appear for the model but not its tangent.
public func namedTensors(in value: Any) -> [NamedTensor] {
    var result: [NamedTensor] = []
    collectTensors(in: value, path: [], into: &result)
    return result
}

private func collectTensors(in value: Any, path: [String], into result: inout [NamedTensor]) {
    if let tensor = value as? Tensor {
        result.append(NamedTensor(name: path.joined(separator: "."), tensor: tensor))
        return
    }
    let mirror = Mirror(reflecting: value)
    let isTransparent = mirror.displayStyle == .optional
        || String(describing: mirror.subjectType).hasPrefix("DifferentiableView")
    for (index, child) in mirror.children.enumerated() {
        let component = isTransparent ? nil : (child.label ?? String(index))
        collectTensors(in: child.value, path: component.map { path + [$0] } ?? path, into: &result)
    }
}

/// The Euclidean norm of all the tensors in `gradient` taken together: `sqrt(Σ_leaves Σ g²)`.
public func globalNorm(of gradient: Any) -> Float {
    var total: Double = 0
    for leaf in namedTensors(in: gradient) {
        leaf.tensor.withUnsafeBufferPointer { for g in $0 { total += Double(g) * Double(g) } }
    }
    return Float(total.squareRoot())
}

/// Builds a step for a model along `gradient`: `update(name, gradientLeaf, stepBuffer)` writes
/// the step for each tensor of `gradient`; the caller then applies `model.move(by: step)`.
///
/// The stock compiler gives a synthesized `TangentVector` only `AdditiveArithmetic`, so a
/// tangent vector cannot be built field by field. Instead the step starts as
/// `gradient - gradient`: `Tensor`'s `-` always allocates (unlike `+`, which returns the other
/// operand when one is the scalar zero), so every leaf of the step is a new buffer owned by
/// nothing else, and writing it in place through reflection cannot be seen by any other value.
func makeStep<Tangent: AdditiveArithmetic>(
    along gradient: Tangent, _ update: (String, Tensor, UnsafeMutableBufferPointer<Float>) -> Void
) -> Tangent {
    let step = gradient - gradient
    for (gradientLeaf, stepLeaf) in zip(namedTensors(in: gradient), namedTensors(in: step)) {
        precondition(gradientLeaf.name == stepLeaf.name && gradientLeaf.tensor.shape == stepLeaf.tensor.shape,
                     "optimizer: gradient leaf \(gradientLeaf.name) and step leaf \(stepLeaf.name) differ")
        stepLeaf.tensor.overwriteSharedStorage { update(stepLeaf.name, gradientLeaf.tensor, $0) }
    }
    return step
}

/// The names of the tensors that layers store but never train: autoregressive and coupling
/// masks (`MaskedDense`, `MaskedConv2D`, `AffineCoupling`) and spectral normalisation's
/// power-iteration vector.
let fixedTensorNames: Set<String> = ["mask", "leftSingularVector"]

/// The number of trained scalars in `model`: every tensor `namedTensors(in:)` finds, except the
/// fixed ones (masks, power-iteration vectors), which are state rather than parameters.
public func parameterCount(of model: Any) -> Int {
    namedTensors(in: model).filter { leaf in
        !fixedTensorNames.contains(String(leaf.name.split(separator: ".").last ?? ""))
    }.reduce(0) { $0 + $1.tensor.scalarCount }
}
