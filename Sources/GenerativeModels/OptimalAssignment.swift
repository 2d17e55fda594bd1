/// The permutation that minimises a total cost: the exact linear assignment problem, solved by the
/// Hungarian method with potentials (Kuhn 1955, Munkres 1957; Jonker-Volgenant's shortest
/// augmenting paths), in `O(n³)`.
///
/// Returns `assignment` with `assignment[i] = j` for the row `i` matched to column `j`, minimising
/// `Σ_i costs[i][assignment[i]]`. Minibatch optimal-transport flow matching pairs noise and data
/// with it, on squared distances (Tong et al., 2024; Pooladian et al., 2023).
/// - Precondition: `costs` is square, `n × n`.
public func optimalAssignment(costs: [[Double]]) -> [Int] {
    let n = costs.count
    precondition(costs.allSatisfy { $0.count == n }, "optimalAssignment: the cost matrix is not square (\(n) rows)")
    guard n > 0 else { return [] }
    // The inner loop runs about n³ times: raw buffers keep it free of bounds checks and copies.
    // Indices are 1-based with a virtual column 0, as in the classic formulation.
    let cost = Scratch<Double>(n * n, 0), rowPotential = Scratch<Double>(n + 1, 0)
    let columnPotential = Scratch<Double>(n + 1, 0), minimum = Scratch<Double>(n + 1, 0)
    let rowOfColumn = Scratch<Int>(n + 1, 0), previousColumn = Scratch<Int>(n + 1, 0)
    let used = Scratch<Bool>(n + 1, false)
    for (i, row) in costs.enumerated() { for (j, value) in row.enumerated() { cost[i * n + j] = value } }
    for row in 1...n {
        rowOfColumn[0] = row
        var column = 0
        for j in 0...n {
            minimum[j] = .infinity
            used[j] = false
        }
        repeat {
            used[column] = true
            let current = rowOfColumn[column], rowStart = (current - 1) * n - 1
            var delta = Double.infinity, next = 0
            for candidate in 1...n where !used[candidate] {
                let reduced = cost[rowStart + candidate] - rowPotential[current] - columnPotential[candidate]
                if reduced < minimum[candidate] {
                    minimum[candidate] = reduced
                    previousColumn[candidate] = column
                }
                if minimum[candidate] < delta {
                    delta = minimum[candidate]
                    next = candidate
                }
            }
            for candidate in 0...n {
                if used[candidate] {
                    rowPotential[rowOfColumn[candidate]] += delta
                    columnPotential[candidate] -= delta
                } else {
                    minimum[candidate] -= delta
                }
            }
            column = next
        } while rowOfColumn[column] != 0
        repeat {
            let previous = previousColumn[column]
            rowOfColumn[column] = rowOfColumn[previous]
            column = previous
        } while column != 0
    }
    var assignment = [Int](repeating: 0, count: n)
    for column in 1...n { assignment[rowOfColumn[column] - 1] = column - 1 }
    return assignment
}

/// A fixed-size buffer freed with its owner: the working arrays of `optimalAssignment`.
private final class Scratch<Element> {
    private let pointer: UnsafeMutablePointer<Element>

    init(_ count: Int, _ value: Element) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value, count: count)
    }

    deinit { pointer.deallocate() }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
}
