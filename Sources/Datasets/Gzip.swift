import CZlib
import Foundation

/// Reading gzip-compressed files with zlib.
enum Gzip {
    /// Returns the decompressed bytes of the gzip file at `path`.
    ///
    /// `inflateInit2` with window bits `16 + MAX_WBITS` makes zlib expect a gzip header and check
    /// the CRC-32 and length in the trailer. Concatenated gzip members are decompressed in turn.
    /// - Throws: `DatasetError.missingFile` (naming `package`), `.unreadable`, `.corruptGzip`.
    static func decompressFile(at path: String, package: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatasetError.missingFile(path: path, package: package)
        }
        let compressed: Data
        do {
            compressed = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DatasetError.unreadable(path: path, reason: error.localizedDescription)
        }
        do {
            return try decompress([UInt8](compressed))
        } catch let GzipFailure.zlib(reason) {
            throw DatasetError.corruptGzip(path: path, reason: reason)
        }
    }

    enum GzipFailure: Error {
        case zlib(String)
    }

    /// Inflates gzip `input`; throws `GzipFailure` with zlib's message.
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var stream = z_stream()
        var offset = 0
        try input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { throw GzipFailure.zlib("the file is empty") }
            while offset < source.count {
                let status = inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
                guard status == Z_OK else { throw GzipFailure.zlib("inflateInit2 returned \(status)") }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                stream.avail_in = uInt(source.count - offset)
                var result = Z_OK
                while result != Z_STREAM_END {
                    result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                        stream.next_out = buffer.baseAddress
                        stream.avail_out = uInt(buffer.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    let produced = chunk.count - Int(stream.avail_out)
                    output.append(contentsOf: chunk[0..<produced])
                    if result == Z_BUF_ERROR && stream.avail_in == 0 {
                        throw GzipFailure.zlib("unexpected end of compressed data after \(output.count) bytes")
                    }
                    guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                        let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(result)"
                        throw GzipFailure.zlib(message)
                    }
                }
                offset = source.count - Int(stream.avail_in)
                // Another member follows only if it starts with the gzip magic bytes; ignore padding.
                if offset + 1 < source.count, source[offset] == 0x1F, source[offset + 1] == 0x8B { continue }
                break
            }
        }
        return output
    }
}
