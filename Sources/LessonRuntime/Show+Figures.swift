@_exported import Figures

/// Shows a figure (one plot or several panels) under the current cell.
public func show(_ figure: Figure) {
    show(svg: figure.svg())
}

/// Shows an image under the current cell, enlarged by `scale` (nearest neighbour) so that a
/// 28×28 sample is readable.
public func show(_ image: Image, scale: Int = 1) {
    show(png: (scale > 1 ? image.upscaled(by: scale) : image).pngData())
}

/// Shows images as one grid (the standard "64 samples" picture) under the current cell.
public func show(images: [Image], columns: Int, padding: Int = 2, scale: Int = 2) {
    show(Image.grid(images, columns: columns, padding: padding), scale: scale)
}

/// Shows an animation (an animated GIF that loops) under the current cell.
public func show(animation: Animation) {
    show(gif: animation.gifData())
}
