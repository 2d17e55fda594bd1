import Foundation

/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28 × 28 grey-scale images of clothing in 10 classes.
///
/// Read from Debian's `dataset-fashion-mnist` package, which installs the four IDX gz files in
/// `/usr/share/datasets/fashion-mnist/`; the training split has 60,000 images, the test split 10,000.
/// ```swift
/// let train = try FashionMNIST.load(split: .train)
/// let firstImage = train.image(at: 0)        // 784 values in [0, 1]
/// print(FashionMNIST.classNames[train.labels[0]])
/// ```
public struct FashionMNIST: Sendable {
    /// Which of the two splits to read.
    public enum Split: String, Sendable {
        /// 60,000 training examples (`train-*-ubyte.gz`).
        case train
        /// 10,000 test examples (`t10k-*-ubyte.gz`).
        case test

        var filePrefix: String { self == .train ? "train" : "t10k" }
    }

    /// The directory where Debian's package installs the files.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// The Debian package that provides the files.
    public static let debianPackage = "dataset-fashion-mnist"
    /// The class names, indexed by label.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// All pixels, image after image, row after row: pixel `(r, c)` of image `i` is at
    /// `i * rows * columns + r * columns + c`, scaled from bytes to `[0, 1]` as `byte / 255`.
    public let pixels: [Float]
    /// The class of each image, in `0..<10`.
    public let labels: [Int]
    /// The number of images.
    public let count: Int
    /// The image height (28).
    public let rows: Int
    /// The image width (28).
    public let columns: Int

    /// The number of pixels per image, `rows * columns`.
    public var pixelsPerImage: Int { rows * columns }

    /// Reads one split from `directory`.
    /// - Throws: `DatasetError` naming the file: `.missingFile` (with the Debian package to install),
    ///   `.corruptGzip`, `.wrongMagicNumber`, `.truncated`, or `.countMismatch`.
    public static func load(split: Split, directory: String = defaultDirectory) throws -> FashionMNIST {
        let imagesPath = directory + "/\(split.filePrefix)-images-idx3-ubyte.gz"
        let labelsPath = directory + "/\(split.filePrefix)-labels-idx1-ubyte.gz"
        let images = try IDXFile(contents: Gzip.decompressFile(at: imagesPath, package: debianPackage),
                                 rank: 3, path: imagesPath)
        let labelFile = try IDXFile(contents: Gzip.decompressFile(at: labelsPath, package: debianPackage),
                                    rank: 1, path: labelsPath)
        guard images.dimensions[0] == labelFile.dimensions[0] else {
            throw DatasetError.countMismatch(imagesPath: imagesPath, images: images.dimensions[0],
                                             labelsPath: labelsPath, labels: labelFile.dimensions[0])
        }
        return FashionMNIST(pixels: images.bytes.map { Float($0) / 255 }, labels: labelFile.bytes.map { Int($0) },
                            count: images.dimensions[0], rows: images.dimensions[1], columns: images.dimensions[2])
    }

    /// The first `count` images and their labels as a data set of their own (for short runs and tests).
    public func prefix(_ count: Int) -> FashionMNIST {
        precondition(count >= 0 && count <= self.count, "FashionMNIST.prefix: \(count) images of \(self.count)")
        return FashionMNIST(pixels: Array(pixels.prefix(count * pixelsPerImage)), labels: Array(labels.prefix(count)),
                            count: count, rows: rows, columns: columns)
    }

    /// The pixels of image `index` (`rows * columns` values in `[0, 1]`).
    public func image(at index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < count, "FashionMNIST.image(at:): index \(index) is outside 0..<\(count)")
        return pixels[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// The images and labels at `indices`, gathered into one contiguous batch.
    public func batch(_ indices: [Int]) -> ImageBatch {
        var gathered: [Float] = []
        gathered.reserveCapacity(indices.count * pixelsPerImage)
        for i in indices { gathered.append(contentsOf: image(at: i)) }
        return ImageBatch(pixels: gathered, labels: indices.map { labels[$0] }, count: indices.count,
                          rows: rows, columns: columns)
    }
}

/// A batch of images gathered from a data set, laid out as `[count, rows, columns]`.
public struct ImageBatch: Sendable {
    /// `count * rows * columns` pixel values in `[0, 1]`, image after image.
    public let pixels: [Float]
    /// One label per image.
    public let labels: [Int]
    /// The number of images.
    public let count: Int
    /// The image height.
    public let rows: Int
    /// The image width.
    public let columns: Int
}
