/// Builds SVG markup element by element, with attributes in a fixed order and text escaped.
///
/// Numbers go through `NumberFormatting.coordinate`, so the same drawing always gives the same
/// bytes.
struct SVGWriter {
    private(set) var markup = ""

    /// Appends a self-closing element, e.g. `<rect x="1" y="2"/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        markup += "<" + name + attributeText(attributes) + "/>\n"
    }

    /// Appends an element with escaped text content, e.g. `<text x="1">μ &lt; 1</text>`.
    mutating func element(_ name: String, _ attributes: [(String, String)], text: String) {
        markup += "<" + name + attributeText(attributes) + ">" + escapeXML(text) + "</" + name + ">\n"
    }

    /// Opens an element that later markup goes into; close it with `close(_:)`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        markup += "<" + name + attributeText(attributes) + ">\n"
    }

    /// Closes an element opened with `open(_:_:)`.
    mutating func close(_ name: String) {
        markup += "</" + name + ">\n"
    }

    /// Appends a `<text>` at `(x, y)` in the theme's font.
    mutating func text(_ content: String, x: Double, y: Double, size: Double = Theme.tickFontSize,
                       anchor: String = "middle", color: Color = Theme.textColor, weight: String? = nil,
                       rotation: Double? = nil, baseline: String? = nil) {
        var attributes: [(String, String)] = [("x", fmt(x)), ("y", fmt(y))]
        if size != Theme.tickFontSize { attributes.append(("font-size", fmt(size))) }
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if color != Theme.textColor { attributes.append(("fill", color.hexString)) }
        if let weight { attributes.append(("font-weight", weight)) }
        if let baseline { attributes.append(("dominant-baseline", baseline)) }
        if let rotation { attributes.append(("transform", "rotate(\(fmt(rotation)) \(fmt(x)) \(fmt(y)))")) }
        element("text", attributes, text: content)
    }

    /// Appends an unstyled straight line from `(x1, y1)` to `(x2, y2)`.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: Color, width: Double = 1) {
        element("line", [("x1", fmt(x1)), ("y1", fmt(y1)), ("x2", fmt(x2)), ("y2", fmt(y2)),
                         ("stroke", color.hexString), ("stroke-width", fmt(width))])
    }

    private func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " " + $0.0 + "=\"" + escapeXML($0.1) + "\"" }.joined()
    }
}

/// Returns `text` with `& < > " '` replaced by entities and control characters other than tab,
/// newline and return dropped (XML 1.0 forbids them); other Unicode (μ, σ, θ, x̂) passes through
/// as UTF-8.
func escapeXML(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && scalar.value != 0xfffe && scalar.value != 0xffff {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result
}

/// Formats an SVG coordinate or length.
func fmt(_ value: Double) -> String {
    NumberFormatting.coordinate(value)
}
