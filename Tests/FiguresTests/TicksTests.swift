import Figures
import Testing

@Test func unitIntervalGetsTicksEveryPointTwo() {
    let ticks = Ticks.linear(from: 0, to: 1)
    #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(ticks.step == 0.2)
}

@Test func ticksEncloseAnAwkwardRange() {
    #expect(Ticks.linear(from: 0, to: 97).labels == ["0", "20", "40", "60", "80", "100"])
    #expect(Ticks.linear(from: -3.7, to: 2.2).labels == ["−4", "−3", "−2", "−1", "0", "1", "2", "3"])
    #expect(Ticks.linear(from: -3.7, to: 2.2, count: 3).labels == ["−4", "−2", "0", "2", "4"])
}

@Test func tickValuesHaveNoBinaryNoiseInLabels() {
    let ticks = Ticks.linear(from: 0.1, to: 0.7, count: 6)
    #expect(ticks.labels == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
}

@Test func zeroTickIsNeverNegativeZero() {
    let ticks = Ticks.linear(from: -1, to: 1)
    #expect(ticks.labels == ["−1.0", "−0.5", "0.0", "0.5", "1.0"])
    #expect(!ticks.labels.contains { $0 == "−0" || $0 == "-0" || $0 == "−0.0" })
    #expect(NumberFormatting.fixed(-0.0001, digits: 2) == "0.00")
    #expect(NumberFormatting.coordinate(-0.0001) == "0")
}

@Test func degenerateRangeIsWidened() {
    let ticks = Ticks.linear(from: 5, to: 5)
    #expect(ticks.values.first! < 5 && ticks.values.last! > 5)
}

@Test func logTicksSitAtDecades() {
    #expect(Ticks.logarithmic(from: 0.003, to: 20).labels == ["0.001", "0.01", "0.1", "1", "10", "100"])
    #expect(Ticks.logarithmic(from: 1e-6, to: 1e-3).labels == ["10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³"])
}

@Test func shortLogRangeAddsTwoAndFive() {
    #expect(Ticks.logarithmic(from: 1, to: 100).values == [1, 2, 5, 10, 20, 50, 100])
}

@Test func hugeValuesUseScientificNotation() {
    #expect(Ticks.linear(from: 0, to: 4e6).labels == ["0", "1e6", "2e6", "3e6", "4e6"])
}

@Test func fixedFormattingIsLocaleFree() {
    #expect(NumberFormatting.fixed(1234.5678, digits: 2) == "1234.57")
    #expect(NumberFormatting.coordinate(12.5) == "12.5")
    #expect(NumberFormatting.coordinate(-3) == "-3")
}

@Test func linearScaleMapsEndsAndMiddle() {
    let scale = Scale(domain: 0...10, rangeStart: 100, rangeEnd: 0)
    #expect(scale(0) == 100 && scale(10) == 0 && scale(2.5) == 75)
}

@Test func logScaleMapsDecadesEvenly() {
    let scale = Scale(kind: .logarithmic, domain: 1...1000, rangeStart: 0, rangeEnd: 300)
    #expect(abs(scale(10) - 100) < 1e-9 && abs(scale(100) - 200) < 1e-9)
    #expect(scale(0).isNaN && !scale.accepts(-1))
}

@Test func logScaleTicksStayInsideATightDomain() {
    let scale = Scale(kind: .logarithmic, domain: 0.05...2.7, rangeStart: 0, rangeEnd: 300)
    #expect(scale.ticks().labels == ["0.05", "0.1", "0.2", "0.5", "1", "2"])
}

@Test func scientificNotationKeepsThreeSignificantDigits() {
    #expect(NumberFormatting.scientific(2.5e-5) == "2.5e-5")
    #expect(NumberFormatting.scientific(-123_456) == "-1.23e5")
    #expect(NumberFormatting.scientific(9.999e3) == "1e4")
}
