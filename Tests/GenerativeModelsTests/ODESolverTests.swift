import Foundation
import GenerativeModels
import Tensors
import Testing

/// The error at t = 1 of `method` with `stepCount` steps on dx/dt = cos(t) x, x(0) = 1,
/// whose solution is x(t) = exp(sin t).
private func errorAtOne(_ method: ODEMethod, stepCount: Int) -> Double {
    let end = solveODE(from: Tensor([1]), time: 0, to: 1, stepCount: stepCount, method: method) { x, t in
        Float(cos(t)) * x
    }.final.scalars[0]
    return abs(Double(end) - exp(sin(1.0)))
}

@Test func eulerConvergesAtFirstOrder() {
    let ratios = [16, 32].map { errorAtOne(.euler, stepCount: $0) / errorAtOne(.euler, stepCount: 2 * $0) }
    #expect(ratios.allSatisfy { $0 > 1.8 && $0 < 2.2 }, "error ratios when halving the step: \(ratios)")
}

@Test func midpointAndHeunConvergeAtSecondOrder() {
    for method in [ODEMethod.midpoint, .heun] {
        let ratios = [16, 32].map { errorAtOne(method, stepCount: $0) / errorAtOne(method, stepCount: 2 * $0) }
        #expect(ratios.allSatisfy { $0 > 3.5 && $0 < 4.5 }, "\(method): error ratios when halving the step: \(ratios)")
    }
}

@Test func solverCountsEvaluationsAndKeepsStates() {
    var calls = 0
    let solution = solveODE(from: Tensor([0]), time: 1, to: 0, stepCount: 4, method: .heun, keepingStates: true) { x, _ in
        calls += 1
        return x + 1
    }
    #expect(calls == 8 && solution.evaluations == 8 && solution.states.count == 5)
    // Backwards in time on dx/dt = x + 1 from x(1) = 0: each Heun step with h = -1/4 multiplies x + 1
    // by 1 + h + h²/2 = 0.78125, so x(0) = 0.78125⁴ - 1 (the exact flow gives e^{-1} - 1).
    #expect(abs(Double(solution.final.scalars[0]) - (pow(0.78125, 4) - 1)) < 1e-6)
}

@Test func pathLengthRatioIsOneForStraightPathsAndHalfPiForAQuarterCircle() {
    let straight = solveODE(from: Tensor(shape: [2, 2], scalars: [0, 0, 1, 1]), time: 0, to: 1, stepCount: 10, method: .euler,
                            keepingStates: true) { x, _ in Tensor(shape: [1, 2], scalars: [3, -1]) + 0 * x }
    #expect(abs(straight.pathLengthRatio - 1) < 1e-6)
    // Rotation dx/dt = (-y, x) for π/2 carries (1, 0) to (0, 1) along a quarter circle: length π/2, chord √2.
    let arc = solveODE(from: Tensor(shape: [1, 2], scalars: [1, 0]), time: 0, to: Double.pi / 2, stepCount: 400,
                       method: .midpoint, keepingStates: true) { x, _ in
        Tensor(shape: [1, 2], scalars: [-x.scalars[1], x.scalars[0]])
    }
    #expect(abs(arc.pathLengthRatio - (Double.pi / 2) / 2.0.squareRoot()) < 1e-3)
}
