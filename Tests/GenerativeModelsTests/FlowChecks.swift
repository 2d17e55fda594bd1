import Foundation
import GenerativeModels
import Tensors
import Testing

/// Expects the log-determinant of `flow.inverse` at each of `count` random 2-D points (seed `seed`)
/// to match `log |det J|` of a central finite-difference Jacobian with `step`, within `tolerance`.
func expectLogDeterminantMatchesFiniteDifferences<Base: FlowBase, Layer: FlowLayer>(
    of flow: NormalizingFlow<Base, Layer>, count: Int, seed: UInt64, step: Float, tolerance: Double) {
    var rng = RandomGenerator(seed: seed)
    let points = Tensor(randomNormal: [count, 2], using: &rng).scalars
    for i in 0..<count {
        let x = [points[2 * i], points[2 * i + 1]]
        func mapped(_ dx: Float, _ dy: Float) -> [Double] {
            flow.inverse(Tensor(shape: [1, 2], scalars: [x[0] + dx, x[1] + dy])).values.scalars.map(Double.init)
        }
        let (px, mx, py, my) = (mapped(step, 0), mapped(-step, 0), mapped(0, step), mapped(0, -step))
        let h = 2 * Double(step)
        let jacobian = [[(px[0] - mx[0]) / h, (py[0] - my[0]) / h], [(px[1] - mx[1]) / h, (py[1] - my[1]) / h]]
        let finiteDifference = log(abs(jacobian[0][0] * jacobian[1][1] - jacobian[0][1] * jacobian[1][0]))
        let analytic = Double(flow.inverse(Tensor(shape: [1, 2], scalars: x)).logDeterminant.scalar)
        #expect(abs(analytic - finiteDifference) < tolerance, "point \(x): log-det \(analytic), finite differences \(finiteDifference)")
    }
}

/// The probability mass of `flow`'s 2-D density on a 300 × 300 grid of cell centres over [-9, 9]²
/// (midpoint rule): 1 for a normalised density whose mass lies inside the square.
func massOnGrid<Base: FlowBase, Layer: FlowLayer>(of flow: NormalizingFlow<Base, Layer>) -> Double {
    let side = 300, extent: Float = 9
    let spacing = 2 * extent / Float(side)
    let centres = (0..<side).map { -extent + (Float($0) + 0.5) * spacing }
    let grid = Tensor(shape: [side * side, 2], scalars: centres.flatMap { x in centres.flatMap { y in [x, y] } })
    return flow.logLikelihood(grid).scalars.reduce(0.0) { $0 + exp(Double($1)) } * Double(spacing * spacing)
}
