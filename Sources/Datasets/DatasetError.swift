/// Why a data file could not be read. Each description names the file and what was wrong.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist; `package` is the Debian package that provides it.
    case missingFile(path: String, package: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not valid gzip data.
    case corruptGzip(path: String, reason: String)
    /// The IDX header's magic number is not the one expected for this kind of file.
    case wrongMagicNumber(path: String, found: UInt32, expected: UInt32)
    /// The file holds fewer bytes than its header announces.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// An images file and its labels file disagree on the number of examples.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)

    /// A one-line message that starts with the file's path and says what to do about it.
    public var description: String {
        switch self {
        case let .missingFile(path, package):
            return "\(path): file not found; it is provided by the Debian package \(package), install it with: apt-get install \(package)"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .corruptGzip(path, reason):
            return "\(path): not valid gzip data: \(reason)"
        case let .wrongMagicNumber(path, found, expected):
            return "\(path): wrong IDX magic number \(found) (expected \(expected)); the file is corrupt or of another kind"
        case let .truncated(path, expectedBytes, actualBytes):
            return "\(path): truncated: the header announces \(expectedBytes) bytes but the file holds \(actualBytes)"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels"
        }
    }
}
