import Foundation

/// The table printed at the end of every run: per lesson, cells run, cached, failed, and seconds.
public struct BuildReport: Sendable {
    public struct Row: Sendable {
        public var lesson: String
        public var cells: Int
        public var run: Int
        public var cached: Int
        public var failed: Int
        public var seconds: Double
        /// A parse, compile-stage or output error that stopped the lesson as a whole.
        public var error: String?
    }

    public var rows: [Row]
    public var seconds: Double

    /// Whether anything failed: the command exits non-zero then.
    public var failed: Bool { rows.contains { $0.failed > 0 || $0.error != nil } }

    /// The report as an aligned text table.
    public var table: String {
        let header = ["lesson", "cells", "run", "cached", "failed", "seconds"]
        var lines = rows.map { [$0.lesson, "\($0.cells)", "\($0.run)", "\($0.cached)", "\($0.failed)", Self.format($0.seconds)] }
        lines.append(["total", "\(rows.map(\.cells).reduce(0, +))", "\(rows.map(\.run).reduce(0, +))",
                      "\(rows.map(\.cached).reduce(0, +))", "\(rows.map(\.failed).reduce(0, +))", Self.format(seconds)])
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return column == 0 ? text + pad : pad + text
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([render(header), rule] + lines.dropLast().map(render) + [rule, render(lines.last ?? [])]).joined(separator: "\n")
    }

    private static func format(_ seconds: Double) -> String {
        String(format: "%.2f", seconds)
    }
}
