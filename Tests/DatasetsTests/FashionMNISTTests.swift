import Foundation
import Testing
import Datasets

/// Writes a tiny two-image test split (2 × 28 × 28) whose pixel `i` of image 0 is `i % 256`.
private func writeTinySplit(in directory: String, imageMagic: UInt32 = 2051, imageBytes: Int = 2 * 784) throws {
    let pixels = (0..<imageBytes).map { UInt8($0 % 256) }
    try GzipWriter.write(GzipWriter.idx(magic: imageMagic, dimensions: [2, 28, 28], bytes: pixels),
                         to: directory + "/t10k-images-idx3-ubyte.gz")
    try GzipWriter.write(GzipWriter.idx(magic: 2049, dimensions: [2], bytes: [7, 3]),
                         to: directory + "/t10k-labels-idx1-ubyte.gz")
}

@Test func loadsATinySplitWrittenByAnIndependentGzipWriter() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory)
    let data = try FashionMNIST.load(split: .test, directory: directory)
    #expect(data.count == 2 && data.rows == 28 && data.columns == 28)
    #expect(data.labels == [7, 3])
    #expect(data.pixels.count == 2 * 784)
    #expect(data.image(at: 0)[255] == 1)
    #expect(data.image(at: 0)[51] == Float(51) / 255)
    #expect(data.image(at: 1).first == Float(784 % 256) / 255)
    let batch = data.batch([1, 0])
    #expect(batch.labels == [3, 7] && batch.pixels.count == 2 * 784)
    #expect(Array(batch.pixels[784..<(2 * 784)]) == Array(data.image(at: 0)))
}

@Test func missingFilesNameTheDebianPackage() throws {
    let directory = try GzipWriter.temporaryDirectory()
    #expect {
        try FashionMNIST.load(split: .train, directory: directory)
    } throws: { error in
        guard let error = error as? DatasetError else { return false }
        let text = error.description
        return error == .missingFile(path: directory + "/train-images-idx3-ubyte.gz", package: "dataset-fashion-mnist")
            && text.contains("install it with: apt-get install dataset-fashion-mnist")
            && text.contains("train-images-idx3-ubyte.gz")
    }
}

@Test func wrongMagicNumberNamesTheFileAndTheNumberFound() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory, imageMagic: 2049)
    let path = directory + "/t10k-images-idx3-ubyte.gz"
    #expect(throws: DatasetError.wrongMagicNumber(path: path, found: 2049, expected: 2051)) {
        try FashionMNIST.load(split: .test, directory: directory)
    }
    let text = DatasetError.wrongMagicNumber(path: path, found: 2049, expected: 2051).description
    #expect(text.hasPrefix(path) && text.contains("2049") && text.contains("2051"))
}

@Test func shortImageDataIsATruncationErrorWithByteCounts() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory, imageBytes: 100)
    let path = directory + "/t10k-images-idx3-ubyte.gz"
    // The header announces 16 + 2·28·28 = 1584 bytes; the file holds 16 + 100 = 116.
    let expected = DatasetError.truncated(path: path, expectedBytes: 1584, actualBytes: 116)
    #expect(throws: expected) { try FashionMNIST.load(split: .test, directory: directory) }
    #expect(expected.description.contains("1584") && expected.description.contains("116") && expected.description.hasPrefix(path))
}

@Test func cutGzipStreamIsACorruptGzipError() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory)
    let path = directory + "/t10k-images-idx3-ubyte.gz"
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
    #expect {
        try FashionMNIST.load(split: .test, directory: directory)
    } throws: { error in
        guard case .corruptGzip(let failedPath, _)? = error as? DatasetError else { return false }
        return failedPath == path
    }
}

@Test func labelsAndImagesDisagreeingOnCountIsAnError() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory)
    try GzipWriter.write(GzipWriter.idx(magic: 2049, dimensions: [3], bytes: [1, 2, 3]),
                         to: directory + "/t10k-labels-idx1-ubyte.gz")
    #expect(throws: DatasetError.countMismatch(imagesPath: directory + "/t10k-images-idx3-ubyte.gz", images: 2,
                                               labelsPath: directory + "/t10k-labels-idx1-ubyte.gz", labels: 3)) {
        try FashionMNIST.load(split: .test, directory: directory)
    }
}

// MARK: - The real files from dataset-fashion-mnist

/// Reference values read independently with Python:
/// `python3 -c "import gzip; b=gzip.open('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz').read(); print(b[8:12])"`
/// prints `b'\t\x02\x01\x01'` (labels 9, 2, 1, 1), and
/// `python3 -c "import gzip; b=gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read(); print(list(b[16+28*14:16+28*14+28]))"`
/// prints row 14 of test image 0: `[0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 98, 136, 110, ...]`.
@Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory + "/t10k-images-idx3-ubyte.gz")))
func realTestSplitHasTenThousandImagesAndKnownFirstLabels() throws {
    let test = try FashionMNIST.load(split: .test)
    #expect(test.count == 10_000 && test.rows == 28 && test.columns == 28)
    #expect(test.labels.count == 10_000 && test.labels.allSatisfy { (0..<10).contains($0) })
    #expect(Array(test.labels.prefix(4)) == [9, 2, 1, 1])
    #expect(FashionMNIST.classNames[test.labels[0]] == "Ankle boot")
    let row14 = Array(test.image(at: 0)[(14 * 28)..<(14 * 28 + 15)])
    #expect(row14 == [0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 98, 136, 110].map { Float($0) / 255 })
    #expect(test.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
}

/// `python3 -c "import gzip; b=gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read(); print(b[8:16])"`
/// prints `b'\t\x00\x00\x03\x00\x02\x07\x02'`: labels 9, 0, 0, 3, 0, 2, 7, 2; every class has 6,000 images.
@Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory + "/train-images-idx3-ubyte.gz")))
func realTrainingSplitHasSixtyThousandBalancedImages() throws {
    let train = try FashionMNIST.load(split: .train)
    #expect(train.count == 60_000 && train.pixels.count == 60_000 * 784)
    #expect(Array(train.labels.prefix(8)) == [9, 0, 0, 3, 0, 2, 7, 2])
    for k in 0..<10 { #expect(train.labels.filter { $0 == k }.count == 6_000) }
}

@Test func prefixKeepsTheFirstImagesAndTheirLabels() throws {
    let directory = try GzipWriter.temporaryDirectory()
    try writeTinySplit(in: directory)
    let first = try FashionMNIST.load(split: .test, directory: directory).prefix(1)
    #expect(first.count == 1 && first.labels == [7] && first.rows == 28 && first.columns == 28)
    #expect(first.pixels == (0..<784).map { Float($0 % 256) / 255 })
}
