import Foundation

/// A JSON value as checks hold it: inputs, expected outputs and the outputs a student's function gave.
///
/// Numbers that JSON cannot hold travel as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`
/// and decode as numbers.
public indirect enum CheckValue: Codable, Equatable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([CheckValue])
    case object([String: CheckValue])
    case null

    /// Decodes any JSON value.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = Self.nonFinite[value].map(CheckValue.number) ?? .string(value)
        } else if let value = try? container.decode([CheckValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: CheckValue].self))
        }
    }

    /// Encodes the value as JSON, non-finite numbers as strings.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.isFinite { try container.encode(value) } else { try container.encode(Self.spelling(value)) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// Whether `self`, an output, matches `expected`: the same shape, equal booleans and strings,
    /// and numbers with `|output - expected| <= tolerance * max(1, |expected|)`; NaN matches only NaN.
    public func matches(_ expected: CheckValue, tolerance: Double) -> Bool {
        switch (self, expected) {
        case (.number(let output), .number(let wanted)):
            if wanted.isNaN || output.isNaN { return wanted.isNaN && output.isNaN }
            if wanted.isInfinite || output.isInfinite { return output == wanted }
            return abs(output - wanted) <= tolerance * max(1, abs(wanted))
        case (.array(let outputs), .array(let wanted)):
            return outputs.count == wanted.count
                && zip(outputs, wanted).allSatisfy { $0.matches($1, tolerance: tolerance) }
        case (.object(let outputs), .object(let wanted)):
            return Set(outputs.keys) == Set(wanted.keys)
                && wanted.allSatisfy { key, value in outputs[key]?.matches(value, tolerance: tolerance) ?? false }
        default:
            return self == expected
        }
    }

    /// Compact JSON-like text, numbers with up to 10 significant digits, objects with sorted keys.
    public var description: String {
        switch self {
        case .bool(let value): return "\(value)"
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return value.isFinite ? String(format: "%.10g", value) : Self.spelling(value)
        case .string(let value): return "\"\(value)\""
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { "\($0): \(fields[$0]?.description ?? "")" }
                .joined(separator: ", ") + "}"
        case .null: return "null"
        }
    }

    private static let nonFinite: [String: Double] = ["NaN": .nan, "Infinity": .infinity, "-Infinity": -.infinity]

    private static func spelling(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")
    }
}
