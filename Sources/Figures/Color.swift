/// An sRGB colour with components in `0...1`.
///
/// Colours print as `#rrggbb` in SVG; `Color.viridis(_:)` and `Color.tab10` give the colormap and
/// the categorical palette that every plot uses by default.
public struct Color: Hashable, Sendable {
    /// The red component in `0...1`.
    public var red: Double
    /// The green component in `0...1`.
    public var green: Double
    /// The blue component in `0...1`.
    public var blue: Double

    /// Creates a colour from components in `0...1`; values outside are clamped.
    public init(red: Double, green: Double, blue: Double) {
        self.red = clampUnit(red)
        self.green = clampUnit(green)
        self.blue = clampUnit(blue)
    }

    /// Creates a colour from a 24-bit hex literal, e.g. `Color(hex: 0x1f77b4)`.
    public init(hex: UInt32) {
        self.init(red: Double((hex >> 16) & 0xff) / 255,
                  green: Double((hex >> 8) & 0xff) / 255,
                  blue: Double(hex & 0xff) / 255)
    }

    /// The components as bytes, each `round(component * 255)`.
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8) {
        (UInt8((red * 255).rounded()), UInt8((green * 255).rounded()), UInt8((blue * 255).rounded()))
    }

    /// The colour as a lowercase CSS hex string, e.g. `"#440154"`.
    public var hexString: String {
        let (r, g, b) = bytes
        return "#" + [r, g, b].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Returns the linear blend `(1 - fraction) * self + fraction * other`.
    public func mixed(with other: Color, fraction: Double) -> Color {
        let t = clampUnit(fraction)
        return Color(red: red + (other.red - red) * t,
                     green: green + (other.green - green) * t,
                     blue: blue + (other.blue - blue) * t)
    }

    // MARK: - Named colours of the theme

    /// Black.
    public static let black = Color(hex: 0x000000)
    /// White.
    public static let white = Color(hex: 0xffffff)
    /// The dark gray of text and axes.
    public static let ink = Color(hex: 0x262626)
    /// The light gray of grid lines.
    public static let gridGray = Color(hex: 0xe5e5e5)
    /// The medium gray of secondary text such as notes.
    public static let mutedGray = Color(hex: 0x767676)
}

/// Clamps to `0...1`, mapping NaN to 0.
func clampUnit(_ value: Double) -> Double {
    value.isNaN ? 0 : min(max(value, 0), 1)
}
