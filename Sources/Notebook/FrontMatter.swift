import Foundation

/// A lesson's front matter: `key: value` lines between two `---` lines at the very top of the file,
/// as Jupyter Book, Quarto and mdBook write it.
///
/// ```markdown
/// ---
/// families: GANs, variational autoencoders
/// ---
/// # 2. Generative adversarial networks
/// ```
/// The one key today is `families`, the model families the lesson teaches, which the contents page
/// lists under the lesson. Blank lines and `#` comments are allowed; any other key is an error.
struct FrontMatter: Equatable {
    /// The model families the lesson teaches, in the order written.
    var families: [String] = []

    /// The keys a front matter may hold.
    static let knownKeys = ["families"]

    /// Splits `text` (LF line endings) into its front matter and the rest. The front matter's lines
    /// are blanked, not removed, so every later line keeps its number in error messages.
    /// - Throws: `RunnerError` at the line of an unknown key, of a line that is not `key: value`,
    ///   or at line 1 for a front matter whose closing `---` is missing.
    static func split(_ text: String, path: String) throws -> (frontMatter: FrontMatter, body: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingWhitespace() == "---" else { return (FrontMatter(), text) }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhitespace() == "---" }) else {
            throw RunnerError(file: path, line: 1, column: 1, stage: .parse,
                              summary: "the front matter that starts here has no closing '---' line")
        }
        var frontMatter = FrontMatter()
        for index in 1..<closing {
            let line = lines[index].trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw RunnerError(file: path, line: index + 1, column: 1, stage: .parse,
                                  summary: "a front-matter line is 'key: value', not '\(line)'")
            }
            let key = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            switch key {
            case "families":
                frontMatter.families = listItems(value)
            default:
                throw RunnerError(file: path, line: index + 1, column: 1, stage: .parse,
                                  summary: "unknown front-matter key '\(key)'; known keys: \(knownKeys.joined(separator: ", "))")
            }
        }
        for index in 0...closing { lines[index] = "" }
        return (frontMatter, lines.joined(separator: "\n"))
    }

    /// The items of `a, b` or of YAML's flow list `[a, b]`, trimmed, empty ones dropped; a comma
    /// inside parentheses stays in its item (`diffusion models (DDPM, DDIM)` is one family).
    private static func listItems(_ value: String) -> [String] {
        var list = Substring(value)
        if list.hasPrefix("[") && list.hasSuffix("]") { list = list.dropFirst().dropLast() }
        var items: [String] = [], current = "", depth = 0
        for character in list {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            if character == "," && depth == 0 {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        return items.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
