import Testing
import Figures

@Test func moduleLoads() {}
