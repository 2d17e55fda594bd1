import Testing
import Notebook

@Test func moduleLoads() {}
