import NeuralNetworks

/// Points and the log-determinant a flow has accumulated so far: what each invertible layer
/// hands to the next.
public struct FlowState: Differentiable {
    /// The points, `[N, D]`.
    public var values: Tensor
    /// `log |det J|` of the map applied so far, one per point, `[N]`.
    public var logDeterminant: Tensor

    /// Creates a state from points and their accumulated log-determinants.
    @differentiable(reverse)
    public init(values: Tensor, logDeterminant: Tensor) {
        self.values = values
        self.logDeterminant = logDeterminant
    }
}

/// One invertible layer of a normalizing flow: a map `y = f(x)` of points `[N, D]` with its
/// inverse, each adding its own `log |det ∂y/∂x|` (or `log |det ∂x/∂y|`) to the state's running
/// sum. `AffineCoupling` and `SplineCoupling` are the two kinds the library has.
public protocol FlowLayer: Differentiable {
    /// The forward map `y = f(x)`, adding `log |det ∂f/∂x|` to the state's log-determinant.
    @differentiable(reverse)
    func forward(_ state: FlowState) -> FlowState

    /// The inverse map `x = f⁻¹(y)`, adding `log |det ∂f⁻¹/∂y|` to the state's log-determinant.
    @differentiable(reverse)
    func inverse(_ state: FlowState) -> FlowState
}
