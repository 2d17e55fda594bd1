import Foundation
import Grading
import Testing

@Test func numbersMatchWithinARelativeTolerance() {
    #expect(CheckValue.number(1000.0000001).matches(.number(1000), tolerance: 1e-9))
    #expect(!CheckValue.number(1000.01).matches(.number(1000), tolerance: 1e-9))
    #expect(CheckValue.number(1e-12).matches(.number(0), tolerance: 1e-9))
}

@Test func nanMatchesOnlyNaNAndShapesMustAgree() {
    #expect(!CheckValue.number(.nan).matches(.number(0.5), tolerance: 1e-9))
    #expect(CheckValue.number(.nan).matches(.number(.nan), tolerance: 1e-9))
    #expect(!CheckValue.array([.number(1)]).matches(.array([.number(1), .number(2)]), tolerance: 1e-9))
    #expect(!CheckValue.object(["means": .array([])]).matches(.object(["weights": .array([])]), tolerance: 1e-9))
    #expect(!CheckValue.bool(true).matches(.number(1), tolerance: 1e-9))
}

@Test func nonFiniteNumbersTravelAsStrings() throws {
    let decoded = try JSONDecoder().decode(CheckValue.self, from: Data(#"[1.5, "NaN", "-Infinity", true, "text"]"#.utf8))
    #expect(decoded.description == #"[1.5, NaN, -Infinity, true, "text"]"#)
}
