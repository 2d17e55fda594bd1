import Foundation

/// Formats numbers for tick labels and SVG attributes without locale and without `-0`.
///
/// Every function here works on integers after rounding, so the output is the same on every
/// machine and never shows binary noise such as `0.30000000000000004`.
public enum NumberFormatting {
    /// Returns `value` rounded to `digits` decimals, e.g. `fixed(0.6000000001, digits: 1) == "0.6"`.
    ///
    /// - Parameters:
    ///   - value: The number; non-finite values print as `"nan"`, `"inf"` or `"-inf"`.
    ///   - digits: Decimals after the point, `0...12`.
    ///   - trimmingZeros: Drops trailing zeros (and a bare point), as SVG coordinates want.
    ///   - minus: The sign to print for negative numbers; tick labels use U+2212.
    public static func fixed(_ value: Double, digits: Int, trimmingZeros: Bool = false,
                             minus: String = "-") -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let digits = min(max(digits, 0), 12)
        let scale = pow(10, Double(digits))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return scientific(value, minus: minus) }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        var text = String(integer / divisor)
        if digits > 0 {
            var fraction = String(integer % divisor)
            fraction = String(repeating: "0", count: digits - fraction.count) + fraction
            if trimmingZeros {
                while fraction.hasSuffix("0") { fraction.removeLast() }
            }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return (value < 0 && integer != 0 ? minus : "") + text
    }

    /// Returns a compact coordinate for SVG: at most 2 decimals, trailing zeros dropped.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, digits: 2, trimmingZeros: true)
    }

    /// Returns `value` as `mantissa e exponent` with up to 3 significant digits, e.g. `"2.5e-5"`.
    public static func scientific(_ value: Double, minus: String = "-") -> String {
        guard value.isFinite, value != 0 else { return fixed(value, digits: 0) }
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = abs(value) / pow(10, Double(exponent))
        if (mantissa * 100).rounded() >= 1000 {
            exponent += 1
            mantissa /= 10
        }
        let exponentText = (exponent < 0 ? minus : "") + String(abs(exponent))
        return (value < 0 ? minus : "") + fixed(mantissa, digits: 2, trimmingZeros: true) + "e" + exponentText
    }

    /// Returns the label of a tick at `value` on an axis whose ticks are `step` apart.
    ///
    /// Uses as many decimals as the step needs (`0.0, 0.2, ..., 1.0`), and scientific notation
    /// when the numbers are very large or the step very small (`2e6`, `5e-5`).
    public static func tickLabel(_ value: Double, step: Double) -> String {
        let magnitude = max(abs(value), abs(step))
        if magnitude >= 1e6 || (step > 0 && step < 1e-4) {
            return scientific(value, minus: "\u{2212}")
        }
        let digits = step > 0 ? max(0, -Int(floor(log10(step) + 1e-9))) : 0
        let needsExtraDigit = step > 0 && abs((step * pow(10, Double(digits))).rounded()
            - step * pow(10, Double(digits))) > 1e-6
        return fixed(value, digits: digits + (needsExtraDigit ? 1 : 0), minus: "\u{2212}")
    }

    /// Returns the label of a decade tick `10^exponent` on a log axis.
    ///
    /// Plain numbers (`0.01`, `1`, `1000`) when `plain` is true, otherwise a power of ten with
    /// Unicode superscripts (`10⁻⁵`, `10⁶`).
    public static func decadeLabel(_ exponent: Int, plain: Bool) -> String {
        if plain {
            return fixed(pow(10, Double(exponent)), digits: max(0, -exponent))
        }
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let digits = String(abs(exponent)).map { superscripts[Int(String($0)) ?? 0] }
        return "10" + (exponent < 0 ? "⁻" : "") + String(digits)
    }
}
