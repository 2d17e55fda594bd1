import Foundation

/// One message from a lesson program to the runner on the display channel: cell markers, what a
/// cell shows (figures, images, tables), progress, and how `expect-error` cells ended.
///
/// Wire format of one record: an ASCII header line `KIND LENGTH\n`, then `LENGTH` payload bytes.
/// Both sides use this type, so the kinds and their payloads are written down only here.
public enum DisplayRecord: Equatable, Sendable {
    /// Cell `number` starts: text and records from here on belong to it.
    case cellStarted(Int)
    case svg(String)
    case png([UInt8])
    case gif([UInt8])
    case table(header: [String], rows: [[String]])
    /// A loop's progress, for the terminal only.
    case progress(label: String, completed: Int, total: Int)
    /// An `expect-error` cell failed as intended; `reason` says how when its own output does not
    /// (a time limit, say), and is empty after a trap, whose message is on stderr.
    case failedAsExpected(cell: Int, reason: String)
    /// An `expect-error` cell ran without an error.
    case succeededUnexpectedly(cell: Int)
    /// The program reached its end.
    case end

    /// The record's header word.
    public var kind: String {
        switch self {
        case .cellStarted: "cell"
        case .svg: "svg"
        case .png: "png"
        case .gif: "gif"
        case .table: "table"
        case .progress: "progress"
        case .failedAsExpected: "failed-as-expected"
        case .succeededUnexpectedly: "succeeded-unexpectedly"
        case .end: "end"
        }
    }

    /// The record as it goes on the wire: header line, then payload.
    public func encoded() -> [UInt8] {
        let payload = self.payload
        return Array("\(kind) \(payload.count)\n".utf8) + payload
    }

    private var payload: [UInt8] {
        switch self {
        case .cellStarted(let number), .succeededUnexpectedly(let number): Array("\(number)".utf8)
        case .svg(let text): Array(text.utf8)
        case .png(let bytes), .gif(let bytes): bytes
        case .table(let header, let rows):
            (try? Self.tableEncoder.encode(TablePayload(header: header, rows: rows))).map { [UInt8]($0) } ?? []
        case .progress(let label, let completed, let total): Array("\(label)\t\(completed)\t\(total)".utf8)
        case .failedAsExpected(let cell, let reason): Array("\(cell)\t\(reason)".utf8)
        case .end: []
        }
    }

    /// Reads a record from its header word and payload.
    /// - Throws: `DisplayProtocolError` for an unknown kind or a payload that does not fit it.
    public init(kind: String, payload: [UInt8]) throws {
        let text = String(decoding: payload, as: UTF8.self)
        func number(_ field: Substring) throws -> Int {
            guard let value = Int(field) else { throw DisplayProtocolError("a '\(kind)' record with the payload '\(text.prefix(80))'") }
            return value
        }
        switch kind {
        case "cell": self = .cellStarted(try number(Substring(text)))
        case "svg": self = .svg(text)
        case "png": self = .png(payload)
        case "gif": self = .gif(payload)
        case "table":
            guard let table = try? JSONDecoder().decode(TablePayload.self, from: Data(payload)) else {
                throw DisplayProtocolError("a 'table' record that is not a table")
            }
            self = .table(header: table.header, rows: table.rows)
        case "progress":
            let parts = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { throw DisplayProtocolError("a 'progress' record with \(parts.count) fields") }
            self = .progress(label: String(parts[0]), completed: try number(parts[1]), total: try number(parts[2]))
        case "failed-as-expected":
            let parts = text.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            self = .failedAsExpected(cell: try number(parts[0]), reason: parts.count > 1 ? String(parts[1]) : "")
        case "succeeded-unexpectedly": self = .succeededUnexpectedly(cell: try number(Substring(text)))
        case "end": self = .end
        default: throw DisplayProtocolError("an unknown record kind '\(kind.prefix(40))'")
        }
    }

    private struct TablePayload: Codable {
        var header: [String]
        var rows: [[String]]
    }

    private static let tableEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

/// The display channel carried something that is not a record: a lesson wrote to the channel's
/// descriptors itself, or the two sides disagree.
public struct DisplayProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
