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

/// `tanh(x)` in single precision with a relative error of a few ulps (Cephes' `tanhf`): an odd
/// polynomial for `|x| < 0.625`, and `1 - 2 / (e^{2|x|} + 1)` with the sign of `x` beyond, where
/// the subtraction loses no digits. Both are computed and one selected, so the loop vectorizes.
@inline(__always) @usableFromInline
func fastTanh(_ x: Float) -> Float {
    let z = x * x
    var p: Float = -5.70498872745e-3
    p = p * z + 2.06390887954e-2
    p = p * z - 5.37397155531e-2
    p = p * z + 1.33314422036e-1
    p = p * z - 3.33332819422e-1
    let small = p * z * x + x
    let magnitude = 1 - 2 / (fastExp(2 * Swift.abs(x)) + 1)
    let large = x < 0 ? -magnitude : magnitude
    return Swift.abs(x) < 0.625 ? small : large
}

/// `log(1 + x)` for `x > -1` with a relative error below 3e-7 (Cephes' `logf` polynomial on the
/// mantissa of `u = 1 + x`, plus the first-order correction `(x - (u - 1)) / u` for the rounding
/// of `u`, which keeps small `x` accurate).
@inline(__always) @usableFromInline
func fastLog1p(_ x: Float) -> Float {
    let u = 1 + x
    let bits = u.bitPattern
    var exponent = Float(Int32(bitPattern: bits >> 23) &- 127)
    var mantissa = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
    let isLarge = mantissa > 1.41421356
    mantissa = isLarge ? mantissa * 0.5 : mantissa
    exponent = isLarge ? exponent + 1 : exponent
    let f = mantissa - 1
    let z = f * f
    var p: Float = 7.0376836292e-2
    p = p * f - 1.1514610310e-1
    p = p * f + 1.1676998740e-1
    p = p * f - 1.2420140846e-1
    p = p * f + 1.4249322787e-1
    p = p * f - 1.6668057665e-1
    p = p * f + 2.0000714765e-1
    p = p * f - 2.4999993993e-1
    p = p * f + 3.3333331174e-1
    let y = p * f * z - 2.12194440e-4 * exponent - 0.5 * z
    let logU = f + y + 0.693359375 * exponent
    return logU + (x - (u - 1)) / u
}
