import GenerativeModels
import Testing

@Test func moduleLoads() {}
