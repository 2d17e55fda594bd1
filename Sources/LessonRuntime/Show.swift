import Foundation

/// Shows an SVG document under the current cell.
public func show(svg: String) {
    guard DisplayChannel.isConnected else { return print("[figure: \(svg.utf8.count) bytes of SVG]") }
    DisplayChannel.send(.svg(svg))
}

/// Shows PNG-encoded bytes as an image under the current cell.
public func show(png: [UInt8]) {
    guard DisplayChannel.isConnected else { return print("[image: \(png.count) bytes of PNG]") }
    DisplayChannel.send(.png(png))
}

/// Shows GIF-encoded bytes (an animation) under the current cell.
public func show(gif: [UInt8]) {
    guard DisplayChannel.isConnected else { return print("[animation: \(gif.count) bytes of GIF]") }
    DisplayChannel.send(.gif(gif))
}

/// Shows a table under the current cell.
///
/// ```swift
/// show(table: [["DDPM", "1000", "18.2"], ["DDIM", "50", "41.0"]], header: ["sampler", "steps", "Chamfer"])
/// ```
/// - Precondition: every row has as many cells as `header`.
public func show(table rows: [[String]], header: [String]) {
    for (index, row) in rows.enumerated() {
        precondition(row.count == header.count, "show(table:): row \(index) has \(row.count) cells, the header has \(header.count)")
    }
    guard DisplayChannel.isConnected else {
        print(([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n"))
        return
    }
    DisplayChannel.send(.table(header: header, rows: rows))
}
