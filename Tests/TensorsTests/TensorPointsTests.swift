import Testing
import Tensors

@Test func pointsRoundTripThroughATensor() {
    let points = [[1.0, -2.0], [0.5, 3.25], [0, 0]]
    let tensor = Tensor(points: points)
    #expect(tensor.shape == [3, 2])
    #expect(tensor.scalars == [1, -2, 0.5, 3.25, 0, 0])
    #expect(tensor.points == points)
}
