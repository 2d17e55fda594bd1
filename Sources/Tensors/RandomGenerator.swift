import Foundation

/// The course's one source of randomness: a seeded, splittable pseudo-random generator.
///
/// The algorithm is xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64, so the
/// same seed gives the same numbers on every machine. `split()` derives an independent child
/// generator, so that, for example, data shuffling and weight initialisation each get their own
/// stream and adding a draw to one does not shift the other.
///
/// ```swift
/// var rng = RandomGenerator(seed: 42)
/// var initRNG = rng.split()
/// let u = rng.nextUniform()      // in [0, 1)
/// let z = rng.nextNormal()       // standard normal
/// ```
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// Returns a new generator with a stream independent of this one, and advances this one.
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next())
    }

    /// Returns a uniform draw from `[0, 1)` with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Returns a uniform draw from `[0, 1)` with 24 random bits.
    public mutating func nextUniformFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// Returns a draw from the standard normal distribution N(0, 1).
    ///
    /// Box–Muller: `z = sqrt(-2 log u1) cos(2π u2)` with `u1` in `(0, 1]`.
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUniform()
        let u2 = nextUniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Returns a uniform integer in `0..<upperBound` without modulo bias.
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextInt(below:): upperBound \(upperBound) must be positive")
        return Int.random(in: 0..<upperBound, using: &self)
    }

    /// Returns `true` with probability `probability` (a Bernoulli draw).
    public mutating func nextBernoulli(probability: Double) -> Bool {
        precondition(probability >= 0 && probability <= 1, "nextBernoulli: probability \(probability) not in [0, 1]")
        return nextUniform() < probability
    }

    /// Returns an index `i` with probability `weights[i] / Σ weights` (a categorical draw) by
    /// inverting the cumulative sum of the weights.
    /// - Precondition: the weights are non-negative with a positive sum.
    public mutating func nextCategorical(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "nextCategorical: weights \(weights) are not a distribution")
        let target = nextUniform() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): spreads one 64-bit seed over xoshiro's 256-bit state.
private struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
