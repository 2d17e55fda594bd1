// MARK: - Viridis and the categorical palette

extension Color {
    /// Returns the viridis colour at `t` in `0...1` (clamped; NaN maps to 0).
    ///
    /// Viridis is perceptually uniform and readable in grayscale. The control points are every 17th
    /// entry of the published 256-entry table (matplotlib's `_viridis_data`, CC0, by van der Walt
    /// and Smith), linearly interpolated; `viridis(0)` is `#440154` and `viridis(1)` is `#fde725`.
    public static func viridis(_ t: Double) -> Color {
        let position = clampUnit(t) * Double(viridisControlPoints.count - 1)
        let lower = min(Int(position), viridisControlPoints.count - 2)
        let fraction = position - Double(lower)
        let a = viridisControlPoints[lower], b = viridisControlPoints[lower + 1]
        return Color(red: a.0 + (b.0 - a.0) * fraction,
                     green: a.1 + (b.1 - a.1) * fraction,
                     blue: a.2 + (b.2 - a.2) * fraction)
    }

    /// The ten categorical colours of matplotlib's and Tableau's `tab10`, in order:
    /// blue, orange, green, red, purple, brown, pink, gray, olive, cyan.
    public static let tab10: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(hex: $0) }

    /// Returns the categorical colour for class `index`, cycling through `tab10`.
    public static func category(_ index: Int) -> Color {
        let count = tab10.count
        return tab10[((index % count) + count) % count]
    }
}

/// Entries 0, 17, 34, ..., 255 of matplotlib's 256-entry viridis table.
private let viridisControlPoints: [(Double, Double, Double)] = [
    (0.267004, 0.004874, 0.329415),
    (0.282656, 0.100196, 0.422160),
    (0.277134, 0.185228, 0.489898),
    (0.253935, 0.265254, 0.529983),
    (0.221989, 0.339161, 0.548752),
    (0.190631, 0.407061, 0.556089),
    (0.163625, 0.471133, 0.558148),
    (0.139147, 0.533812, 0.555298),
    (0.120565, 0.596422, 0.543611),
    (0.134692, 0.658636, 0.517649),
    (0.208030, 0.718701, 0.472873),
    (0.327796, 0.773980, 0.406640),
    (0.477504, 0.821444, 0.318195),
    (0.647257, 0.858400, 0.209861),
    (0.824940, 0.884720, 0.106217),
    (0.993248, 0.906157, 0.143936),
]
