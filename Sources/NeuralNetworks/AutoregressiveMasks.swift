/// The connectivity masks of autoregressive networks, built from degrees (Germain et al., "MADE:
/// Masked autoencoder for distribution estimation", 2015, section 4).
///
/// Every unit gets a degree: input `j` has degree `position(j) + 1`, its 1-based place in the
/// ordering; a hidden unit's degree `m` says it may see the inputs of degree `≤ m`. A weight is kept
/// where the receiving unit may see everything the sending unit sees:
///
///     hidden layers:  M[j, k] = 1  if  m_out(k) ≥ m_in(j)
///     output layer:   M[j, d] = 1  if  m_out(d) > m_in(j)   (strict: output d never sees input d)
///
/// Composed, output `d` depends only on inputs that come strictly before it in the ordering.
public enum AutoregressiveMasks {
    /// The mask `[inputDegrees.count, outputDegrees.count]` for one dense layer, in the layout of
    /// `Dense.weight` (`[inputSize, outputSize]`).
    /// - Parameter strict: `true` for the output layer (`>`), `false` for hidden layers (`≥`).
    public static func mask(inputDegrees: [Int], outputDegrees: [Int], strict: Bool) -> Tensor {
        var scalars = [Float](repeating: 0, count: inputDegrees.count * outputDegrees.count)
        for (j, input) in inputDegrees.enumerated() {
            for (k, output) in outputDegrees.enumerated() where strict ? output > input : output >= input {
                scalars[j * outputDegrees.count + k] = 1
            }
        }
        return Tensor(shape: [inputDegrees.count, outputDegrees.count], scalars: scalars)
    }

    /// The degrees of the inputs (and outputs) for an ordering: `degrees[ordering[t]] = t + 1`.
    /// - Precondition: `ordering` is a permutation of `0..<ordering.count`.
    public static func degrees(ordering: [Int]) -> [Int] {
        precondition(ordering.sorted() == Array(0..<ordering.count),
                     "AutoregressiveMasks.degrees: \(ordering.prefix(8))... is not a permutation")
        var degrees = [Int](repeating: 0, count: ordering.count)
        for (position, index) in ordering.enumerated() { degrees[index] = position + 1 }
        return degrees
    }

    /// Degrees for a hidden layer of `count` units, drawn uniformly from
    /// `min(previous)...(dimension - 1)` as in MADE, so no unit is cut off from every input and none
    /// sees all of them (it would connect to no output).
    public static func hiddenDegrees(count: Int, previous: [Int], dimension: Int,
                                     using rng: inout RandomGenerator) -> [Int] {
        precondition(dimension >= 2, "AutoregressiveMasks.hiddenDegrees: dimension \(dimension) has no hidden degrees")
        let lowest = Swift.min(previous.min() ?? 1, dimension - 1)
        return (0..<count).map { _ in lowest + rng.nextInt(below: dimension - lowest) }
    }

    /// The masks of every layer of a MADE with `hiddenSizes`, for one ordering: the first mask is
    /// `[D, hiddenSizes[0]]`, the last `[hiddenSizes.last, D]`; with no hidden layer, one strictly
    /// triangular (in the ordering) `[D, D]` mask: a fully visible sigmoid belief net.
    public static func made(ordering: [Int], hiddenSizes: [Int], using rng: inout RandomGenerator) -> [Tensor] {
        let inputDegrees = degrees(ordering: ordering)
        var previous = inputDegrees
        var masks: [Tensor] = []
        for size in hiddenSizes {
            let next = hiddenDegrees(count: size, previous: previous, dimension: ordering.count, using: &rng)
            masks.append(mask(inputDegrees: previous, outputDegrees: next, strict: false))
            previous = next
        }
        masks.append(mask(inputDegrees: previous, outputDegrees: inputDegrees, strict: true))
        return masks
    }
}
