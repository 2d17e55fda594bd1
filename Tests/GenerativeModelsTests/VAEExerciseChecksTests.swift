import Foundation
import GenerativeModels
import NeuralNetworks
import Testing

// The library's reparameterisation and KL term against the graded checks of lesson 3, whose
// expected values come from scipy (scripts/reference/lesson03_checks.py).

/// The checks of `Tests/ExerciseChecks/lesson03.*.json` that call `function`.
func lesson03Checks(function: String) throws -> [[String: Any]] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExerciseChecks")
    var checks: [[String: Any]] = []
    for name in ["lesson03.public.json", "lesson03.hidden.json"] {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { continue }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        checks += (object?["checks"] as? [[String: Any]] ?? []).filter { $0["function"] as? String == function }
    }
    return checks
}

/// The check's input `name` as a row tensor `[1, n]`.
func rowTensor(_ check: [String: Any], _ name: String) -> Tensor {
    let values = ((check["inputs"] as? [String: Any])?[name] as? [Double] ?? []).map(Float.init)
    return Tensor(shape: [1, values.count], scalars: values)
}

@Test func posteriorSampleMatchesTheReparameterisationChecks() throws {
    let checks = try lesson03Checks(function: "reparameterize")
    #expect(!checks.isEmpty)
    for check in checks {
        let posterior = VAEPosterior(mean: rowTensor(check, "mean"), logVariance: rowTensor(check, "logVariance"))
        let z = posterior.sample(noise: rowTensor(check, "epsilon")).scalars
        let expected = check["expected"] as? [Double] ?? []
        #expect(z.count == expected.count)
        for (value, wanted) in zip(z, expected) {
            #expect(abs(Double(value) - wanted) < 1e-5 * max(1, abs(wanted)), "\(check["id"] ?? "")")
        }
    }
}

@Test func klDivergenceMatchesTheKLChecks() throws {
    let checks = try lesson03Checks(function: "klToStandardNormal")
    #expect(!checks.isEmpty)
    for check in checks {
        let kl = klDivergenceDiagonalGaussians(mean: rowTensor(check, "mean"), logVariance: rowTensor(check, "logVariance"))
        let wanted = check["expected"] as? Double ?? .nan
        #expect(abs(Double(kl.scalars[0]) - wanted) < 1e-5 * max(1, abs(wanted)), "\(check["id"] ?? "")")
    }
}
