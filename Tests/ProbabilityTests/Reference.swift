import Foundation

/// Loads `Reference/<name>.json`, written by `scripts/reference/sklearn_probability.py`.
func loadReference<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Reference") else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Reference/\(name).json"])
    }
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// One `sklearn.mixture.GaussianMixture` fit from a given initialisation.
struct MixtureFitReference: Decodable {
    struct Options: Decodable {
        var tol: Double?
        var max_iter: Int?
        var reg_covar: Double?
    }
    var covarianceType: String
    var options: Options
    var initialWeights: [Double]
    var initialMeans: [[Double]]
    /// Full matrices (`"full"`) or per-coordinate variances (`"diag"`).
    var initialCovariances: MatricesOrRows
    var meanLogLikelihood: Double
    var lowerBound: Double
    var iterations: Int
    var converged: Bool
    var weights: [Double]
    var means: [[Double]]
    var covariances: MatricesOrRows
}

/// Decodes either `[[[Double]]]` or `[[Double]]`.
enum MatricesOrRows: Decodable {
    case matrices([[[Double]]])
    case rows([[Double]])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let m = try? container.decode([[[Double]]].self) { self = .matrices(m) } else {
            self = .rows(try container.decode([[Double]].self))
        }
    }

    var asMatrices: [[[Double]]] {
        switch self {
        case .matrices(let m): return m
        case .rows(let r): return r.map { v in v.indices.map { i in v.indices.map { j in i == j ? v[i] : 0 } } }
        }
    }
}

struct MixtureReferenceFile<Point: Decodable>: Decodable {
    var data: [Point]
    var fits: [MixtureFitReference]
}

struct KernelDensityReference: Decodable {
    struct Estimate: Decodable {
        var rule: String
        var bandwidth: Double
        var logDensities: [Double]
    }
    var data1D: [Double]
    var queries1D: [Double]
    var estimates1D: [Estimate]
    var standardised1D: [Double]
    var sklearnFactors1D: [String: Double]
    var scipyLogPDFScott1D: [Double]
    var data2D: [[Double]]
    var queries2D: [[Double]]
    var bandwidth2D: Double
    var logDensities2D: [Double]
}

struct NormalReference: Decodable {
    var probabilities: [Double]
    var quantiles: [Double]
    var points: [Double]
    var cdf: [Double]
    var logpdf: [Double]
}

/// `|a - b| <= tolerance * max(1, |b|)`.
func isClose(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}
