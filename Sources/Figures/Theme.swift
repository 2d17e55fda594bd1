/// The one quiet look of every figure: sans-serif text at 11-13 px, a light grid, thin dark axes,
/// and no frame, shadow or background pattern.
public enum Theme {
    /// The CSS font stack of all text.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
    /// Tick labels, legend entries, notes.
    public static let tickFontSize = 11.0
    /// Axis labels.
    public static let labelFontSize = 12.0
    /// Panel titles.
    public static let titleFontSize = 13.0
    /// Text and tick labels.
    public static let textColor = Color.ink
    /// The axis lines and tick marks.
    public static let axisColor = Color(hex: 0x595959)
    /// Grid lines at the ticks.
    public static let gridColor = Color.gridGray
    /// The approximate advance of one character in ems, used to lay out labels without a font.
    static let characterWidth = 0.6

    /// Returns the estimated width in pixels of `text` at `size`.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * characterWidth
    }
}
