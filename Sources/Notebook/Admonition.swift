/// A block quote that opens with a bold label, rendered as a styled box:
///
/// - `> **Exercise 1.2** (...)` (or `**Exercises 1.3 and 1.4**`): an exercise box, with an anchor
///   `exercise-1-2` and a link to the lesson's public checks;
/// - `> **The slide says** ... **It should say** ...`: a correction of the lecture, in two parts;
/// - `> **Note**` and `> **Warning**` (a colon may follow): note and warning boxes.
///
/// Any other block quote stays a block quote.
enum Admonition: Equatable {
    case exercise(number: String)
    case slideCorrection
    case note
    case warning

    /// The kind of box for a block quote whose first paragraph starts with the bold text `label`.
    init?(label: String) {
        let label = label.trimmingWhitespace()
        let bare = label.hasSuffix(":") ? String(label.dropLast()) : label
        switch bare {
        case "Note": self = .note
        case "Warning": self = .warning
        case "The slide says": self = .slideCorrection
        default:
            let words = bare.split(separator: " ")
            guard let first = words.first, first == "Exercise" || first == "Exercises", words.count > 1,
                  words[1].allSatisfy({ $0.isNumber || $0 == "." }), words[1].contains(".") else { return nil }
            self = .exercise(number: String(words[1]))
        }
    }

    /// The box around `html`, a block quote as cmark renders it (`<blockquote>\n...</blockquote>\n`).
    func html(wrapping html: String) -> String {
        var content = html
        if content.hasPrefix("<blockquote>\n") { content.removeFirst("<blockquote>\n".count) }
        if content.hasSuffix("</blockquote>\n") { content.removeLast("</blockquote>\n".count) }
        switch self {
        case .exercise(let number):
            let lesson = number.split(separator: ".").first.flatMap { Int($0) } ?? 0
            let checks = "lesson\(lesson < 10 ? "0" : "")\(lesson).public.json"
            let anchor = "exercise-" + number.replacingOccurrences(of: ".", with: "-")
            return "<aside class=\"admonition exercise\" id=\"\(anchor)\">\n\(content)"
                + "<p class=\"admonition-links\"><a href=\"../Tests/ExerciseChecks/\(checks)\">The checks that grade it</a></p>\n</aside>\n"
        case .slideCorrection:
            // The two halves read as two paragraphs: what the slide says, and the correction.
            var split = content.replacingOccurrences(of: "<p><strong>The slide says</strong>",
                                                     with: "<p class=\"slide-says\"><strong>The slide says</strong>")
            for separator in [" ", "\n"] {
                split = split.replacingOccurrences(of: "\(separator)<strong>It should say</strong>",
                                                   with: "</p>\n<p class=\"should-say\"><strong>It should say</strong>")
            }
            return "<aside class=\"admonition slide-correction\">\n\(split)</aside>\n"
        case .note:
            return "<aside class=\"admonition note\">\n\(content)</aside>\n"
        case .warning:
            return "<aside class=\"admonition warning\">\n\(content)</aside>\n"
        }
    }
}
