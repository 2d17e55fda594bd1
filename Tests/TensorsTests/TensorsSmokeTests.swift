import Testing
import Tensors

@Test func moduleLoads() {}
