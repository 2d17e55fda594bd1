/// The matrix product `op(a) • op(b)`, where `op` transposes when the flag is set.
///
/// `a` of shape `[m, k]` (`[k, m]` if `transposeA`) and `b` of shape `[k, n]` (`[n, k]` if
/// `transposeB`) give `[m, n]`. Computed by `sgemm` with its transpose flags, so no
/// transposed copy is made. Derivatives: `dA = U • Bᵀ`, `dB = Aᵀ • U` (for no transposes).
@differentiable(reverse, wrt: (a, b))
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul: expects matrices, got shapes \(a.shape) and \(b.shape)")
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let bk = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(k == bk, "matmul: shapes \(a.shape) and \(b.shape) do not align"
                 + " (transposeA: \(transposeA), transposeB: \(transposeB))")
    return Tensor(shape: [m, n]) { out, _ in
        sgemm(a.storage.pointer, rows: a.shape[0], columns: a.shape[1], transposed: transposeA,
              b.storage.pointer, rows: b.shape[0], columns: b.shape[1], transposed: transposeB, into: out)
    }
}

@derivative(of: matmul, wrt: (a, b))
public func vjpMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let value = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
    return (value, { upstream in
        let u = upstream.expanded(to: value.shape)
        switch (transposeA, transposeB) {
        case (false, false):
            return (matmul(u, b, transposeB: true), matmul(a, u, transposeA: true))
        case (true, false):
            return (matmul(b, u, transposeB: true), matmul(a, u))
        case (false, true):
            return (matmul(u, b), matmul(u, a, transposeA: true))
        case (true, true):
            return (matmul(b, u, transposeA: true, transposeB: true), matmul(u, a, transposeA: true, transposeB: true))
        }
    })
}

/// The affine map of a dense layer, `input • weight + bias`, fused into one GEMM.
///
/// `input` `[batch, inputSize]`, `weight` `[inputSize, outputSize]`, `bias` `[outputSize]`;
/// result `[batch, outputSize]`. The bias is copied into every output row and GEMM accumulates
/// onto it. Derivatives: `dInput = U • Wᵀ`, `dWeight = inputᵀ • U`, `dBias = Σ_rows U`.
@differentiable(reverse)
public func affine(_ input: Tensor, _ weight: Tensor, _ bias: Tensor) -> Tensor {
    precondition(input.rank == 2 && weight.rank == 2 && input.shape[1] == weight.shape[0],
                 "affine: input \(input.shape) and weight \(weight.shape) do not align")
    precondition(bias.shape == [weight.shape[1]], "affine: bias \(bias.shape) does not match weight \(weight.shape)")
    let (batch, outputSize) = (input.shape[0], weight.shape[1])
    return Tensor(shape: [batch, outputSize]) { out, _ in
        for row in 0..<batch { (out + row * outputSize).initialize(from: bias.storage.pointer, count: outputSize) }
        sgemm(input.storage.pointer, rows: batch, columns: input.shape[1], transposed: false,
              weight.storage.pointer, rows: weight.shape[0], columns: outputSize, transposed: false,
              into: out, beta: 1)
    }
}

@derivative(of: affine)
public func vjpAffine(_ input: Tensor, _ weight: Tensor, _ bias: Tensor)
    -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor, Tensor)) {
    let value = affine(input, weight, bias)
    return (value, { upstream in
        let u = upstream.expanded(to: value.shape)
        return (matmul(u, weight, transposeB: true), matmul(input, u, transposeA: true), u.sum(axis: 0))
    })
}
