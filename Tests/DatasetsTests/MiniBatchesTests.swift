import Testing
import Datasets

@Test func everyIndexAppearsOncePerEpoch() {
    let batches = MiniBatches(count: 103, batchSize: 10, seed: 5)
    let epoch = batches.epoch(0)
    #expect(epoch.count == 11 && batches.batchesPerEpoch == 11)
    #expect(epoch.dropLast().allSatisfy { $0.count == 10 })
    #expect(epoch.last?.count == 3)
    #expect(epoch.flatMap { $0 }.sorted() == Array(0..<103))
}

@Test func droppingTheLastPartialBatchKeepsOnlyFullBatches() {
    let batches = MiniBatches(count: 103, batchSize: 10, dropsLastPartialBatch: true, seed: 5)
    let epoch = batches.epoch(2)
    #expect(epoch.count == 10 && epoch.allSatisfy { $0.count == 10 })
    #expect(Set(epoch.flatMap { $0 }).count == 100)
}

@Test func sameSeedGivesSameOrderAndEpochsDiffer() {
    let a = MiniBatches(count: 50, batchSize: 8, seed: 9)
    let b = MiniBatches(count: 50, batchSize: 8, seed: 9)
    #expect(a.epoch(3) == b.epoch(3))
    #expect(a.epoch(0) != a.epoch(1))
    #expect(MiniBatches(count: 50, batchSize: 8, seed: 10).epoch(0) != a.epoch(0))
    #expect(a.epoch(0).flatMap { $0 } != Array(0..<50))
}

@Test func shuffledPositionsAreUniformOverManyEpochs() {
    // Where index 0 lands among 4 positions: each position has probability 1/4.
    let batches = MiniBatches(count: 4, batchSize: 4, seed: 1)
    var positions = [0, 0, 0, 0]
    let epochs = 4_000
    for e in 0..<epochs {
        if let p = batches.epoch(e)[0].firstIndex(of: 0) { positions[p] += 1 }
    }
    // Standard error of each count: sqrt(4000 · 1/4 · 3/4) ≈ 27.
    #expect(positions.allSatisfy { abs($0 - 1_000) < 110 }, "\(positions)")
}

@Test func firstStepsRunThroughWholeEpochsInOrderAndStopExactly() {
    // 10 rows in batches of 4 (the last partial batch kept): 3 batches of 4, 4 and 2 rows an epoch.
    let batches = MiniBatches(count: 10, batchSize: 4, seed: 21)
    let seven = batches.first(7)
    #expect(seven.map(\.count) == [4, 4, 2, 4, 4, 2, 4])
    #expect(Set(seven[0..<3].flatMap { $0 }) == Set(0..<10) && Set(seven[3..<6].flatMap { $0 }) == Set(0..<10))
    #expect(Array(seven[0..<3]) == batches.epoch(0) && Array(seven[3..<6]) == batches.epoch(1) && seven[6] == batches.epoch(2)[0])
    #expect(batches.first(6).count == 6 && batches.first(0).isEmpty)
}
