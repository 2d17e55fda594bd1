import Foundation
import Exercises

/// Calls one exercise function on decoded inputs and returns its output as JSON text.
typealias ExerciseAdapter = @Sendable (ProbeArguments) throws -> String

/// The exercise functions the grader can call, by the name a check gives in `function`.
///
/// One entry per exercise: decode the named inputs, call the student's function, encode the result.
let exerciseAdapters: [String: ExerciseAdapter] = [
    "sampleDiscrete": { arguments in
        "\(sampleDiscrete(probabilities: try arguments.doubles("probabilities"), uniform: try arguments.double("uniform")))"
    },
    "sampleExponential": { arguments in
        jsonNumber(sampleExponential(rate: try arguments.double("rate"), uniform: try arguments.double("uniform")))
    },
    "eStep": { arguments in
        let rows = eStep(data: try arguments.doubles("data"), parameters: try arguments.mixture("parameters"))
        return "[" + rows.map(jsonNumbers).joined(separator: ",") + "]"
    },
    "mStep": { arguments in
        let result = mStep(data: try arguments.doubles("data"), responsibilities: try arguments.matrix("responsibilities"))
        return "{\"weights\":\(jsonNumbers(result.weights)),\"means\":\(jsonNumbers(result.means)),"
            + "\"variances\":\(jsonNumbers(result.variances))}"
    },
    "kdeLogDensity": { arguments in
        jsonNumber(kdeLogDensity(at: try arguments.double("point"), samples: try arguments.doubles("samples"),
                                 bandwidth: try arguments.double("bandwidth")))
    },
    "metropolisHastingsAccepts": { arguments in
        let accepted = metropolisHastingsAccepts(
            currentLogDensity: try arguments.double("currentLogDensity"),
            proposedLogDensity: try arguments.double("proposedLogDensity"),
            forwardLogProposal: try arguments.double("forwardLogProposal"),
            reverseLogProposal: try arguments.double("reverseLogProposal"),
            uniform: try arguments.double("uniform"))
        return accepted ? "true" : "false"
    },
    "discriminatorLoss": { arguments in
        jsonNumber(discriminatorLoss(realLogits: try arguments.doubles("realLogits"),
                                     fakeLogits: try arguments.doubles("fakeLogits")))
    },
    "nonSaturatingGeneratorLoss": { arguments in
        jsonNumber(nonSaturatingGeneratorLoss(fakeLogits: try arguments.doubles("fakeLogits")))
    },
    "reparameterize": { arguments in
        jsonNumbers(reparameterize(mean: try arguments.doubles("mean"), logVariance: try arguments.doubles("logVariance"),
                                   epsilon: try arguments.doubles("epsilon")))
    },
    "klToStandardNormal": { arguments in
        jsonNumber(klToStandardNormal(mean: try arguments.doubles("mean"), logVariance: try arguments.doubles("logVariance")))
    },
    "qSample": { arguments in
        jsonNumbers(qSample(clean: try arguments.doubles("clean"), alphaBar: try arguments.double("alphaBar"),
                            noise: try arguments.doubles("noise")))
    },
    "ddpmPosteriorMean": { arguments in
        jsonNumbers(ddpmPosteriorMean(clean: try arguments.doubles("clean"), noisy: try arguments.doubles("noisy"),
                                  beta: try arguments.double("beta"), previousAlphaBar: try arguments.double("previousAlphaBar")))
    },
    "ddimStep": { arguments in
        jsonNumbers(ddimStep(noisy: try arguments.doubles("noisy"), predictedNoise: try arguments.doubles("predictedNoise"),
                             alphaBar: try arguments.double("alphaBar"), previousAlphaBar: try arguments.double("previousAlphaBar")))
    },
    "affineCouplingForward": { arguments in
        let result = affineCouplingForward(x: try arguments.doubles("x"), mask: try arguments.doubles("mask").map { $0 != 0 },
                                           logScale: try arguments.doubles("logScale"), shift: try arguments.doubles("shift"))
        return "{\"output\":\(jsonNumbers(result.output)),\"logDeterminant\":\(jsonNumber(result.logDeterminant))}"
    },
    "conditionalFlowTarget": { arguments in
        let result = conditionalFlowTarget(noise: try arguments.doubles("noise"), data: try arguments.doubles("data"),
                                           time: try arguments.double("time"))
        return "{\"point\":\(jsonNumbers(result.point)),\"velocity\":\(jsonNumbers(result.velocity))}"
    },
    "eulerStep": { arguments in
        jsonNumbers(eulerStep(point: try arguments.doubles("point"), velocity: try arguments.doubles("velocity"),
                              stepSize: try arguments.double("stepSize")))
    },
    "madeMask": { arguments in
        let rows = madeMask(inputDegrees: try arguments.doubles("inputDegrees").map { Int($0) },
                            outputDegrees: try arguments.doubles("outputDegrees").map { Int($0) },
                            isOutputLayer: try arguments.double("isOutputLayer") != 0)
        return "[" + rows.map(jsonNumbers).joined(separator: ",") + "]"
    },
    "binaryLogLikelihood": { arguments in
        jsonNumber(binaryLogLikelihood(pixels: try arguments.doubles("pixels"), logits: try arguments.doubles("logits")))
    },
    "sampleFullyVisible": { arguments in
        jsonNumbers(sampleFullyVisible(weights: try arguments.matrix("weights"), biases: try arguments.doubles("biases"),
                                       uniforms: try arguments.doubles("uniforms")))
    },
    "langevinStep": { arguments in
        jsonNumbers(langevinStep(position: try arguments.doubles("position"), score: try arguments.doubles("score"),
                                 stepSize: try arguments.double("stepSize"), noise: try arguments.doubles("noise")))
    },
    "denoisingScoreMatchingTarget": { arguments in
        jsonNumbers(denoisingScoreMatchingTarget(clean: try arguments.doubles("clean"), noisy: try arguments.doubles("noisy"),
                                                 noiseLevel: try arguments.double("noiseLevel")))
    },
    "aisLogWeightUpdate": { arguments in
        jsonNumber(aisLogWeightUpdate(logWeight: try arguments.double("logWeight"), baseLogDensity: try arguments.double("baseLogDensity"),
                                      targetLogDensity: try arguments.double("targetLogDensity"),
                                      previousTemperature: try arguments.double("previousTemperature"),
                                      temperature: try arguments.double("temperature")))
    },
    "normalizedImportanceWeights": { arguments in
        jsonNumbers(normalizedImportanceWeights(logJoint: try arguments.doubles("logJoint"), logProposal: try arguments.doubles("logProposal")))
    },
    "wakeGradient": { arguments in
        let rows = wakeGradient(visible: try arguments.doubles("visible"), latent: try arguments.doubles("latent"),
                                weights: try arguments.matrix("weights"), biases: try arguments.doubles("biases"))
        return "[" + rows.map(jsonNumbers).joined(separator: ",") + "]"
    },
    "gsnStep": { arguments in
        // The denoiser of a check is one logistic layer: P(x_i = 1 | xTilde) = sigmoid(b_i + sum_j xTilde_j W[j][i]).
        let weights = try arguments.matrix("denoiserWeights"), biases = try arguments.doubles("denoiserBiases")
        let denoiser: ([Double]) -> [Double] = { corrupted in
            biases.indices.map { i in 1 / (1 + exp(-(biases[i] + corrupted.indices.reduce(0) { $0 + corrupted[$1] * weights[$1][i] }))) }
        }
        return jsonNumbers(gsnStep(state: try arguments.doubles("state"), flipProbability: try arguments.double("flipProbability"),
                                   corruptionUniforms: try arguments.doubles("corruptionUniforms"),
                                   samplingUniforms: try arguments.doubles("samplingUniforms"), reconstruction: denoiser))
    },
]
