// swift-tools-version:6.0
import PackageDescription

/// Targets compiled in release mode and linked into every lesson program through `LessonKit`.
let libraryTargets = ["Generative", "Figures", "LessonRuntime", "Exercises"]

let package = Package(
    name: "GenerativeCourse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lessons", targets: ["lessons"]),
        // One shared library that lesson programs link against: the model library, figures and the
        // lesson runtime. The runner itself links none of it.
        .library(name: "LessonKit", type: .dynamic, targets: libraryTargets),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries (the only places their C calls appear)
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: - The model library
        .target(name: "Tensors", dependencies: ["COpenBLAS"]),
        .target(name: "NeuralNetworks", dependencies: ["Tensors"]),
        .target(name: "Probability", dependencies: ["Tensors"]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"]),
        .target(name: "Metrics", dependencies: ["Probability"]),
        .target(name: "GenerativeModels", dependencies: ["NeuralNetworks", "Probability", "Datasets", "Metrics"]),
        // The umbrella also bridges tensors to figures (points, images) for lessons.
        .target(name: "Generative", dependencies: ["Tensors", "NeuralNetworks", "Probability", "Datasets", "Metrics", "GenerativeModels", "Figures"]),
        .executableTarget(name: "Benchmarks", dependencies: ["NeuralNetworks", "COpenBLAS"]),

        // MARK: - Figures and the runtime linked into lesson programs
        .target(name: "Figures", dependencies: ["CZlib"]),
        // Swift 5 mode: the runtime works with C's stdio globals (`stdout`, `setvbuf`) directly.
        .target(name: "LessonRuntime", dependencies: ["Figures"], swiftSettings: [.swiftLanguageMode(.v5)]),

        // MARK: - The runner
        .target(name: "Notebook", dependencies: ["CCmark"]),
        .executableTarget(name: "lessons", dependencies: [
            "Notebook", "Grading", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Exercises and grading
        .target(name: "Exercises"),
        // Built inside the working copy being graded; runs one exercise per process under limits.
        .executableTarget(name: "ExerciseProbe", dependencies: ["Exercises"]),
        .target(name: "Grading"),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProbabilityTests", dependencies: ["Probability"], resources: [.copy("Reference")]),
        .testTarget(name: "GenerativeModelsTests", dependencies: ["GenerativeModels", "Datasets", "Tensors", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"], resources: [.copy("Reference")]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading"]),
        .testTarget(name: "GenerativeTests", dependencies: ["Generative"]),
    ]
)
