import Testing
import NeuralNetworks

@Test func moduleLoads() {}
