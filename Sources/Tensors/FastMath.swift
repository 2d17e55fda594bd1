// Branch-free scalar kernels that the loop vectorizer turns into SIMD code (calls to libm's
// `expf` would keep every elementwise loop scalar).

/// `e^x` in single precision with a relative error below 2e-7 (Cephes' `expf` polynomial):
/// `x = n ln 2 + r` with `|r| <= ln 2 / 2`, `e^r` by a degree-7 polynomial, `2^n` by building the
/// exponent bits. Overflows to infinity above 88.72 and flushes to 0 below -87.33.
@inline(__always) @usableFromInline
func fastExp(_ x: Float) -> Float {
    let clamped = Swift.min(Swift.max(x, -87.33), 88.72)
    // Adding 1.5·2²³ rounds to the nearest integer and leaves it in the low mantissa bits.
    let shifted = clamped * 1.442695041 + 12_582_912
    let n = shifted - 12_582_912
    let r = clamped - n * 0.693359375 + n * 2.12194440e-4
    var p: Float = 1.9875691500e-4
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    let polynomial = p * r * r + r + 1
    let exponent = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
    let scale = Float(bitPattern: UInt32(bitPattern: (exponent &+ 127) << 23))
    let value = polynomial * scale
    return x > 88.72 ? .infinity : (x < -87.33 ? 0 : value)
}

/// The logistic function `1 / (1 + e^-x)`, without overflow for any `x`.
@inline(__always) @usableFromInline
func logistic(_ x: Float) -> Float {
    let e = fastExp(-Swift.abs(x))
    let reciprocal = 1 / (1 + e)
    return x >= 0 ? reciprocal : e * reciprocal
}
