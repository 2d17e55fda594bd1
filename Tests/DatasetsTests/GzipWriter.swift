import Foundation

/// Writes gzip files independently of zlib: deflate "stored" blocks (RFC 1951 §3.2.4) in a gzip
/// member (RFC 1952) with a bitwise CRC-32, so the loader is tested against a second implementation.
enum GzipWriter {
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out.append(final)
            out += littleEndian16(UInt16(length)) + littleEndian16(~UInt16(length))
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        out += littleEndian32(crc32(data)) + littleEndian32(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    /// An IDX file: magic, big-endian sizes, bytes.
    static func idx(magic: UInt32, dimensions: [UInt32], bytes: [UInt8]) -> [UInt8] {
        ([magic] + dimensions).flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } } + bytes
    }

    static func write(_ data: [UInt8], to path: String) throws {
        try Data(gzip(data)).write(to: URL(fileURLWithPath: path))
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "datasets-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func littleEndian16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func littleEndian32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}
