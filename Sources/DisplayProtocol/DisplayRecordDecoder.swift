/// Splits the bytes read from the display channel into records, however the reads cut them.
public struct DisplayRecordDecoder: Sendable {
    private var buffer: [UInt8] = []

    /// The longest header line a record can have; more bytes without a newline are not a header.
    static let headerLimit = 64

    public init() {}

    /// Adds bytes read from the channel.
    public mutating func append(_ bytes: [UInt8]) {
        buffer += bytes
    }

    /// Whether bytes of an unfinished record are waiting.
    public var hasPartialRecord: Bool { !buffer.isEmpty }

    /// Takes the next complete record off the front, or `nil` when it has not all arrived.
    /// - Throws: `DisplayProtocolError` when the bytes are not a record.
    public mutating func next() throws -> DisplayRecord? {
        guard let newline = buffer.prefix(Self.headerLimit + 1).firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.count > Self.headerLimit { throw DisplayProtocolError("bytes that are not a record header") }
            return nil
        }
        let header = String(decoding: buffer[..<newline], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard header.count == 2, let length = Int(header[1]), length >= 0 else {
            throw DisplayProtocolError("the header line '\(String(decoding: buffer[..<newline], as: UTF8.self))'")
        }
        let start = newline + 1
        guard buffer.count - start >= length else { return nil }
        let record = try DisplayRecord(kind: String(header[0]), payload: Array(buffer[start..<(start + length)]))
        buffer.removeFirst(start + length)
        return record
    }
}
