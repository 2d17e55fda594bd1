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
        // The runner checks each cell's syntax on its own; only `Notebook` links it.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    ],
    targets: [
        // MARK: - System libraries (the only places their C calls appear)
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Linux process calls that Swift's Glibc module does not expose (`pipe2`).
        .target(name: "CProcess"),
        // The AVX-512 matrix product that `Tensors` runs instead of OpenBLAS where the processor has it.
        .target(name: "CGEMM"),

        // MARK: - The model library
        .target(name: "Tensors", dependencies: ["COpenBLAS", "CGEMM"]),
        .target(name: "NeuralNetworks", dependencies: ["Tensors"]),
        .target(name: "Probability", dependencies: ["Tensors"]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"]),
        .target(name: "Metrics", dependencies: ["Probability"]),
        .target(name: "GenerativeModels", dependencies: ["NeuralNetworks", "Probability", "Datasets", "Metrics"]),
        // The umbrella also bridges tensors to figures (points, images) for lessons.
        .target(name: "Generative", dependencies: ["Tensors", "NeuralNetworks", "Probability", "Datasets", "Metrics", "GenerativeModels", "Figures"]),
        .executableTarget(name: "Benchmarks", dependencies: ["Tensors", "NeuralNetworks", "GenerativeModels"]),

        // MARK: - Shared by the runner, the runtime and the grader
        // Process plumbing: wait statuses and signal names, HTML escaping, the "not implemented"
        // marker, compiler diagnostics.
        .target(name: "Plumbing"),
        // The records a lesson program sends the runner, and their encoding.
        .target(name: "DisplayProtocol"),

        // MARK: - Figures and the runtime linked into lesson programs
        .target(name: "Figures", dependencies: ["CZlib"]),
        // Swift 5 mode: the runtime works with C's stdio globals (`stdout`, `setvbuf`) directly.
        .target(name: "LessonRuntime", dependencies: ["Figures", "DisplayProtocol", "Plumbing"],
                swiftSettings: [.swiftLanguageMode(.v5)]),

        // MARK: - The runner
        .target(name: "Notebook", dependencies: [
            "CCmark", "CProcess", "DisplayProtocol", "Plumbing",
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftParserDiagnostics", package: "swift-syntax"),
            .product(name: "SwiftDiagnostics", package: "swift-syntax"),
        ]),
        .executableTarget(name: "lessons", dependencies: [
            "Notebook", "Grading", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Exercises and grading
        .target(name: "Exercises"),
        // Built by the grader, from its own copy of these sources and a submission's exercise
        // files, and run in a sandbox: one exercise per process under limits.
        .executableTarget(name: "ExerciseProbe", dependencies: ["Exercises"]),
        .target(name: "Grading", dependencies: ["Plumbing"]),

        // MARK: - Tests
        // The student edition keeps only ExercisesTests, so that its `swift test` grades the
        // student's exercises and nothing else (a release removes the lines between the markers).
        .testTarget(name: "ExercisesTests", dependencies: ["Grading"]),
        // BEGIN HIDDEN
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "CGEMM", "TestSupport"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProbabilityTests", dependencies: ["Probability"], resources: [.copy("Reference")]),
        .testTarget(name: "GenerativeModelsTests", dependencies: ["GenerativeModels", "Datasets", "Tensors", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Probability"], resources: [.copy("Reference")]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LessonFuzzing", "DisplayProtocol", "Plumbing"], resources: [.copy("Fixtures")]),
        // Random lessons through the parser and the program writer: a short seeded run in the
        // tests, and `swift run -c release LessonFuzz SECONDS` for a long one.
        .target(name: "LessonFuzzing", dependencies: ["Notebook"], path: "Tests/LessonFuzzing"),
        .executableTarget(name: "LessonFuzz", dependencies: ["LessonFuzzing"], path: "Tests/LessonFuzz"),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "Exercises", "Plumbing"]),
        .testTarget(name: "GenerativeTests", dependencies: ["Generative", "LessonRuntime"]),
        // END HIDDEN
    ]
)
