import Testing
import Probability

@Test func moduleLoads() {}
