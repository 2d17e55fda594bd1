import Exercises
import Foundation

/// A malformed input in a check: names the argument and what was wrong with it.
struct ProbeInputError: Error, CustomStringConvertible {
    let description: String
}

/// The named inputs of one check, as decoded from JSON, with typed accessors for the adapters.
struct ProbeArguments {
    let values: [String: Any]

    /// The argument `name` as a number; JSON cannot hold NaN, so "NaN" and "Infinity" are strings.
    func double(_ name: String) throws -> Double {
        try Self.number(values[name], name)
    }

    /// The argument `name` as an array of numbers.
    func doubles(_ name: String) throws -> [Double] {
        guard let array = values[name] as? [Any] else { throw ProbeInputError(description: "`\(name)` is not an array") }
        return try array.map { try Self.number($0, name) }
    }

    /// The argument `name` as an array of rows of numbers.
    func matrix(_ name: String) throws -> [[Double]] {
        guard let rows = values[name] as? [Any] else { throw ProbeInputError(description: "`\(name)` is not an array") }
        return try rows.map { row in
            guard let row = row as? [Any] else { throw ProbeInputError(description: "`\(name)` has a row that is not an array") }
            return try row.map { try Self.number($0, name) }
        }
    }

    /// The argument `name` as mixture parameters: an object with `weights`, `means` and `variances`.
    func mixture(_ name: String) throws -> MixtureParameters {
        guard let object = values[name] as? [String: Any] else {
            throw ProbeInputError(description: "`\(name)` is not an object")
        }
        let fields = ProbeArguments(values: object)
        let parts = (try fields.doubles("weights"), try fields.doubles("means"), try fields.doubles("variances"))
        guard parts.0.count == parts.1.count, parts.1.count == parts.2.count else {
            throw ProbeInputError(description: "`\(name)` has arrays of different lengths")
        }
        return MixtureParameters(weights: parts.0, means: parts.1, variances: parts.2)
    }

    private static func number(_ value: Any?, _ name: String) throws -> Double {
        switch value {
        case let string as String:
            if let parsed = Double(string.replacingOccurrences(of: "Infinity", with: "inf")) { return parsed }
        case let number as NSNumber:
            return number.doubleValue
        default:
            break
        }
        throw ProbeInputError(description: "`\(name)` holds \(String(describing: value)), not a number")
    }
}

/// JSON for a number; non-finite values become the strings "NaN", "Infinity" and "-Infinity".
func jsonNumber(_ value: Double) -> String {
    if value.isNaN { return "\"NaN\"" }
    if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
    return "\(value)"
}

/// JSON for an array of numbers.
func jsonNumbers(_ values: [Double]) -> String {
    "[" + values.map(jsonNumber).joined(separator: ",") + "]"
}

/// JSON for a string, escaped.
func jsonString(_ value: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}
