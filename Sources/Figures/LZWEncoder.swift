/// The variable-length LZW compressor of the GIF format.
///
/// Codes start at `minimumCodeSize + 1` bits and grow by one bit when the next code to be
/// assigned no longer fits, up to 12 bits; when code 4095 has been assigned, a clear code resets
/// the table (as giflib and gif.h do). Bits are packed least significant first. (GIF89a specification, appendix F.)
enum LZWEncoder {
    /// Returns the LZW code stream of `indices` (each below `2^minimumCodeSize`), starting with a
    /// clear code and ending with the end-of-information code.
    static func encode(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        let clearCode = 1 << minimumCodeSize
        let endCode = clearCode + 1
        var writer = BitWriter()
        var table: [Int: Int] = [:]
        var nextCode = endCode + 1
        var codeSize = minimumCodeSize + 1
        writer.write(clearCode, bits: codeSize)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(endCode, bits: codeSize)
            return writer.bytes()
        }
        for index in indices.dropFirst() {
            let symbol = Int(index)
            let key = prefix << 8 | symbol
            if let code = table[key] {
                prefix = code
                continue
            }
            writer.write(prefix, bits: codeSize)
            table[key] = nextCode
            nextCode += 1
            if nextCode == 4096 {
                writer.write(clearCode, bits: codeSize)
                table.removeAll(keepingCapacity: true)
                nextCode = endCode + 1
                codeSize = minimumCodeSize + 1
            } else if nextCode > 1 << codeSize {
                // The decoder adds each code one step later, so it widens exactly here too.
                codeSize += 1
            }
            prefix = symbol
        }
        writer.write(prefix, bits: codeSize)
        writer.write(endCode, bits: codeSize)
        return writer.bytes()
    }
}

/// Packs codes of varying width into bytes, least significant bit first.
private struct BitWriter {
    private var output: [UInt8] = []
    private var buffer = 0
    private var count = 0

    mutating func write(_ code: Int, bits: Int) {
        buffer |= code << count
        count += bits
        while count >= 8 {
            output.append(UInt8(buffer & 0xff))
            buffer >>= 8
            count -= 8
        }
    }

    func bytes() -> [UInt8] {
        count > 0 ? output + [UInt8(buffer & 0xff)] : output
    }
}
