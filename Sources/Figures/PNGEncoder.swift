import CZlib

extension Image {
    /// Returns the image as a PNG file: signature, `IHDR`, one `IDAT`, `IEND`.
    ///
    /// 8-bit grayscale (colour type 0) or truecolour (type 2), no interlace, filter type 0 on every
    /// row, compressed by zlib at level 9, each chunk closed by its CRC-32. The bytes depend only
    /// on the pixels (PNG specification, W3C, 2003, sections 5 and 11).
    public func pngData() -> [UInt8] {
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, channels == .rgb ? 2 : 0, 0, 0, 0]

        let rowBytes = width * channels.rawValue
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw += pixels[row * rowBytes..<(row + 1) * rowBytes]
        }

        var file: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        appendChunk("IHDR", header, to: &file)
        appendChunk("IDAT", zlibCompressed(raw), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }
}

/// Returns `bytes` as a zlib stream (RFC 1950) at compression level 9.
func zlibCompressed(_ bytes: [UInt8]) -> [UInt8] {
    var capacity = compressBound(uLong(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = output.withUnsafeMutableBufferPointer { target in
        bytes.withUnsafeBufferPointer { source in
            compress2(target.baseAddress, &capacity, source.baseAddress, uLong(bytes.count), 9)
        }
    }
    // compressBound guarantees room, so only memory exhaustion can fail here.
    require(status == Z_OK, "zlib compress2 failed with status \(status)")
    return Array(output[0..<Int(capacity)])
}

/// Appends a PNG chunk: length, type, data, CRC-32 of type and data.
private func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
    let typeBytes = Array(type.utf8)
    appendBigEndian(UInt32(data.count), to: &file)
    let body = typeBytes + data
    file += body
    let crc = body.withUnsafeBufferPointer { buffer in
        crc32(crc32(0, nil, 0), buffer.baseAddress, uInt(buffer.count))
    }
    appendBigEndian(UInt32(crc), to: &file)
}

/// Appends `value` as four big-endian bytes.
private func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
}
