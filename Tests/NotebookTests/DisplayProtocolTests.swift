import DisplayProtocol
import Testing

/// The records of the display channel, encoded by the runtime's side and decoded by the runner's.
struct DisplayProtocolTests {
    static let everyKind: [DisplayRecord] = [
        .cellStarted(3), .svg("<svg/>"), .png([0x89, 0x50, 0x0A, 0x00]), .gif([0x47, 0x49, 0x46]),
        .table(header: ["sampler", "steps"], rows: [["DDIM", "50"], ["a\tb", "new\nline"]]),
        .progress(label: "training", completed: 7, total: 5000),
        .failedAsExpected(cell: 2, reason: "stopped at its time limit of 1 s"), .failedAsExpected(cell: 4, reason: ""),
        .succeededUnexpectedly(cell: 5), .end,
    ]

    @Test func everyRecordSurvivesTheWireEvenWhenReadsCutItAnywhere() throws {
        let wire = Self.everyKind.flatMap { $0.encoded() }
        for chunk in [1, 3, 7, wire.count] {
            var decoder = DisplayRecordDecoder()
            var decoded: [DisplayRecord] = []
            for start in stride(from: 0, to: wire.count, by: chunk) {
                decoder.append(Array(wire[start..<min(start + chunk, wire.count)]))
                while let record = try decoder.next() { decoded.append(record) }
            }
            #expect(decoded == Self.everyKind)
            #expect(!decoder.hasPartialRecord)
        }
    }

    @Test func wireFormatIsAHeaderLineThenThePayload() {
        #expect(DisplayRecord.cellStarted(12).encoded() == Array("cell 2\n12".utf8))
        #expect(DisplayRecord.progress(label: "fit", completed: 1, total: 10).encoded() == Array("progress 8\nfit\t1\t10".utf8))
        #expect(DisplayRecord.end.encoded() == Array("end 0\n".utf8))
    }

    @Test func unknownKindIsAnError() {
        var decoder = DisplayRecordDecoder()
        decoder.append(Array("plot 2\nxy".utf8))
        #expect(throws: DisplayProtocolError("an unknown record kind 'plot'")) { try decoder.next() }
    }

    @Test func bytesThatAreNotAHeaderAreAnError() {
        var decoder = DisplayRecordDecoder()
        decoder.append(Array("garbage\n".utf8))
        #expect(throws: DisplayProtocolError("the header line 'garbage'")) { try decoder.next() }

        var endless = DisplayRecordDecoder()
        endless.append([UInt8](repeating: UInt8(ascii: "x"), count: 100))
        #expect(throws: DisplayProtocolError.self) { try endless.next() }
    }

    @Test func payloadThatDoesNotFitItsKindIsAnError() {
        var decoder = DisplayRecordDecoder()
        decoder.append(Array("cell 3\nabc".utf8))
        #expect(throws: DisplayProtocolError.self) { try decoder.next() }
    }
}
