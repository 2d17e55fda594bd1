import Foundation

/// The Fokker–Planck equation of Langevin dynamics in one dimension, solved by finite volumes.
///
/// Particles that follow `dx = s(x) dt + √2 dW`, with drift `s = (log π)'` the score of a target `π`,
/// have a density `p(x, t)` that evolves as
///
/// `∂p/∂t = -∂/∂x (p s) + ∂²p/∂x²`,
///
/// whose stationary solution is `π`. The grid holds cell averages `p_i` on `cellCount` cells of
/// width `h` covering `range`; the flux through the face between cells `i` and `i + 1` is
/// `J = s_{i+½} (p_i + p_{i+1}) / 2 - (p_{i+1} - p_i) / h`, and no flux leaves the outer faces, so
/// explicit Euler steps `p_i += dt (J_{i-½} - J_{i+½}) / h` conserve `Σ p_i h` exactly.
/// The time step is chosen stable: `dt ≤ h² / 4` and `dt ≤ h / (2 max |s|)`.
public struct FokkerPlanck1D {
    /// The centres of the cells.
    public let cellCentres: [Double]
    /// The width `h` of a cell.
    public let cellWidth: Double
    /// The drift `s` at the `cellCount - 1` inner faces.
    let faceDrift: [Double]
    /// The explicit time step.
    public let timeStep: Double

    /// Creates the solver for the drift `drift(x)` (the target's score) on `range`.
    public init(range: ClosedRange<Double>, cellCount: Int, drift: (Double) -> Double) {
        precondition(cellCount >= 3, "FokkerPlanck1D: need at least 3 cells, got \(cellCount)")
        let width = (range.upperBound - range.lowerBound) / Double(cellCount)
        cellWidth = width
        cellCentres = (0..<cellCount).map { range.lowerBound + (Double($0) + 0.5) * width }
        faceDrift = (1..<cellCount).map { drift(range.lowerBound + Double($0) * width) }
        let fastest = faceDrift.map(Swift.abs).max() ?? 0
        timeStep = min(width * width / 4, fastest > 0 ? width / (2 * fastest) : .infinity)
    }

    /// The density at each cell centre, normalised so that `Σ p_i h = 1`.
    public func discretised(_ density: (Double) -> Double) -> [Double] {
        let values = cellCentres.map(density)
        let mass = values.reduce(0, +) * cellWidth
        precondition(mass > 0, "FokkerPlanck1D.discretised: the density has no mass on the grid")
        return values.map { $0 / mass }
    }

    /// Evolves the cell averages `density` for `duration` time units.
    public func evolved(_ density: [Double], for duration: Double) -> [Double] {
        precondition(density.count == cellCentres.count,
                     "FokkerPlanck1D.evolved: \(density.count) values for \(cellCentres.count) cells")
        let stepCount = Int((duration / timeStep).rounded(.up))
        guard stepCount > 0 else { return density }
        let dt = duration / Double(stepCount), h = cellWidth
        var p = density
        var flux = [Double](repeating: 0, count: p.count - 1)
        for _ in 0..<stepCount {
            for face in 0..<flux.count {
                flux[face] = faceDrift[face] * (p[face] + p[face + 1]) / 2 - (p[face + 1] - p[face]) / h
            }
            for cell in 0..<p.count {
                let inflow = cell > 0 ? flux[cell - 1] : 0
                let outflow = cell < flux.count ? flux[cell] : 0
                p[cell] += dt * (inflow - outflow) / h
            }
        }
        return p
    }

    /// The total mass `Σ p_i h` of cell averages on this grid.
    public func mass(_ density: [Double]) -> Double {
        density.reduce(0, +) * cellWidth
    }
}
