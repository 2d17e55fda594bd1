/// A file in the IDX format of MNIST and Fashion-MNIST: a big-endian header, then unsigned bytes.
///
/// Header: a 32-bit magic number `0x0000_08nn` (`0x08` = unsigned byte data, `nn` = number of
/// dimensions, so 2049 for a 1-D label file and 2051 for a 3-D image file), then one 32-bit size
/// per dimension, then `Π sizes` bytes of data in row-major order.
struct IDXFile {
    /// The sizes of the dimensions, e.g. `[60000, 28, 28]`.
    let dimensions: [Int]
    /// The data bytes after the header.
    let bytes: ArraySlice<UInt8>

    /// The magic number of an IDX file of unsigned bytes with `rank` dimensions.
    static func magicNumber(rank: Int) -> UInt32 {
        0x0800 + UInt32(rank)
    }

    /// Parses `contents` (already decompressed) of the file at `path`, expecting `rank` dimensions.
    /// - Throws: `DatasetError.wrongMagicNumber` or `.truncated`.
    init(contents: [UInt8], rank: Int, path: String) throws {
        let headerBytes = 4 + 4 * rank
        guard contents.count >= 4 else {
            throw DatasetError.truncated(path: path, expectedBytes: headerBytes, actualBytes: contents.count)
        }
        let magic = Self.bigEndianUInt32(contents, at: 0)
        guard magic == Self.magicNumber(rank: rank) else {
            throw DatasetError.wrongMagicNumber(path: path, found: magic, expected: Self.magicNumber(rank: rank))
        }
        guard contents.count >= headerBytes else {
            throw DatasetError.truncated(path: path, expectedBytes: headerBytes, actualBytes: contents.count)
        }
        dimensions = (0..<rank).map { Int(Self.bigEndianUInt32(contents, at: 4 + 4 * $0)) }
        let expected = headerBytes + dimensions.reduce(1, *)
        guard contents.count >= expected else {
            throw DatasetError.truncated(path: path, expectedBytes: expected, actualBytes: contents.count)
        }
        bytes = contents[headerBytes..<expected]
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { ($0 << 8) | UInt32(bytes[offset + $1]) }
    }
}
