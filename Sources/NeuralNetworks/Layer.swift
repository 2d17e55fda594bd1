@_exported import Tensors

/// A differentiable function of a tensor with parameters: the building block of models.
///
/// Layers are structs: parameters are `var` tensors, configuration is `@noDerivative let`.
/// The optimizers and checkpoints find the parameters by reflection, so a layer lists nothing.
public protocol Layer: Differentiable {
    /// Applies the layer to `input`.
    @differentiable(reverse)
    func callAsFunction(_ input: Tensor) -> Tensor
}

/// An elementwise activation function, such as `relu` or `tanh`, stored by layers.
public typealias Activation = @differentiable(reverse) (Tensor) -> Tensor

/// The identity activation, `f(x) = x`.
@differentiable(reverse)
public func identity(_ x: Tensor) -> Tensor { x }

// MARK: - Composition

/// Layers of one type applied in order: `layers[n-1](...layers[1](layers[0](input)))`.
///
/// ```swift
/// var rng = RandomGenerator(seed: 0)
/// let mlp = Sequential(layerSizes: [2, 16, 1], activation: relu, rng: &rng)
/// ```
public struct Sequential<Element: Layer>: Layer {
    /// The layers, applied first to last.
    public var layers: [Element]

    /// Creates the composition of `layers`, applied first to last.
    public init(_ layers: [Element]) { self.layers = layers }

    /// Applies every layer in order.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var output = input
        // The loop bound is not differentiable; `withoutDerivative` lets the compiler
        // differentiate the loop body through the array subscript.
        for index in 0..<withoutDerivative(at: layers.count) {
            output = layers[index](output)
        }
        return output
    }
}

/// Two layers of possibly different types applied in order: `second(first(input))`.
public struct Chain<First: Layer, Second: Layer>: Layer {
    /// The layer applied first.
    public var first: First
    /// The layer applied to the output of `first`.
    public var second: Second

    /// Creates the composition `second ∘ first`.
    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    /// Returns `second(first(input))`.
    @differentiable(reverse)
    public func callAsFunction(_ input: Tensor) -> Tensor { second(first(input)) }
}
