import Testing
import Datasets

@Test func moduleLoads() {}
