import Foundation
import Testing
import Metrics

/// Written by `scripts/reference/metrics_reference.py` (scipy's `sqrtm`, the `prdc` package).
private struct MetricsReference: Decodable {
    struct PRDC: Decodable {
        var precision: Double
        var recall: Double
        var density: Double
        var coverage: Double
    }
    var real: [[Double]]
    var fake: [[Double]]
    var frechet: Double
    var frechetRealHalves: Double
    var prdc3: PRDC
    var prdc5: PRDC
}

private func loadReference() throws -> MetricsReference {
    guard let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Reference") else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Reference/metrics.json"])
    }
    return try JSONDecoder().decode(MetricsReference.self, from: Data(contentsOf: url))
}

@Test func frechetDistanceMatchesScipySqrtm() throws {
    let reference = try loadReference()
    #expect(abs(frechetDistance(features: reference.real, reference.fake) - reference.frechet) < 1e-9 * reference.frechet)
    let halves = frechetDistance(features: Array(reference.real[..<150]), Array(reference.real[150...]))
    #expect(abs(halves - reference.frechetRealHalves) < 1e-9)
}

@Test func precisionRecallDensityCoverageMatchThePRDCPackage() throws {
    let reference = try loadReference()
    for (k, expected) in [(3, reference.prdc3), (5, reference.prdc5)] {
        let measured = PrecisionRecall(real: reference.real, generated: reference.fake, k: k)
        #expect(abs(measured.precision - expected.precision) < 1e-12, "k = \(k)")
        #expect(abs(measured.recall - expected.recall) < 1e-12, "k = \(k)")
        #expect(abs(measured.density - expected.density) < 1e-12, "k = \(k)")
        #expect(abs(measured.coverage - expected.coverage) < 1e-12, "k = \(k)")
    }
}
