import Foundation
import Plumbing

/// The course's references, read from a BibTeX file (`Lessons/references.bib`): enough of BibTeX
/// for a reference list (entries of `field = {value}`, `"value"` or a bare number; braces inside
/// values are dropped; `%` starts a comment between entries). Write accents as UTF-8 (`Léon`), not
/// as TeX.
public struct Bibliography: Equatable, Sendable {
    /// One entry: its key, type and fields (names in lower case).
    public struct Entry: Equatable, Sendable {
        /// What citations write after `@`: `ho2020`.
        public var key: String
        /// The entry type in lower case: `article`, `inproceedings`.
        public var type: String
        /// The fields by lower-case name (`author`, `title`, `year`, `url`, `doi`, ...), braces removed.
        public var fields: [String: String]

        /// The family names of the authors, in order.
        var familyNames: [String] {
            (fields["author"] ?? "").components(separatedBy: " and ").map { name in
                let name = name.trimmingWhitespace()
                if let comma = name.firstIndex(of: ",") { return name[..<comma].trimmingWhitespace() }
                return name.split(separator: " ").last.map(String.init) ?? name
            }.filter { !$0.isEmpty }
        }

        /// How the prose cites it: "Ho et al., 2020", "Kingma and Welling, 2014".
        var shortCitation: String {
            let names = familyNames
            let who = switch names.count {
            case 0: key
            case 1: names[0]
            case 2: "\(names[0]) and \(names[1])"
            default: "\(names[0]) et al."
            }
            return fields["year"].map { "\(who), \($0)" } ?? who
        }

        /// The entry as the reference list shows it: authors, year, title, venue, link.
        var html: String {
            let authors = (fields["author"] ?? "").components(separatedBy: " and ").map { name -> String in
                let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingWhitespace() }
                return parts.count == 2 ? "\(parts[1]) \(parts[0])" : name.trimmingWhitespace()
            }.joined(separator: ", ")
            var html = escapeHTML(authors)
            if let year = fields["year"] { html += " (\(escapeHTML(year)))." }
            if let title = fields["title"] { html += " <cite>\(escapeHTML(title))</cite>." }
            if let venue = fields["journal"] ?? fields["booktitle"] ?? fields["publisher"] { html += " \(escapeHTML(venue))." }
            if let url = fields["url"] ?? fields["doi"].map({ "https://doi.org/\($0)" }) {
                html += " <a href=\"\(escapeHTML(url))\">\(escapeHTML(url))</a>"
            }
            return html
        }
    }

    /// The entries by key.
    public var entries: [String: Entry]

    /// Reads the BibTeX text of `path`.
    /// - Throws: `RunnerError` at the line of an entry that does not parse or repeats a key.
    public init(bibtex text: String, path: String) throws {
        entries = [:]
        let characters = Array(text)
        var i = 0
        var line = 1
        func fail(_ message: String) -> RunnerError {
            RunnerError(file: path, line: line, stage: .parse, summary: message)
        }
        func advance() {
            if characters[i] == "\n" { line += 1 }
            i += 1
        }
        func skipSpace() { while i < characters.count, characters[i].isWhitespace { advance() } }
        func word(until stops: Set<Character>) -> String {
            var word = ""
            while i < characters.count, !stops.contains(characters[i]) { word.append(characters[i]); advance() }
            return word.trimmingWhitespace()
        }
        while i < characters.count {
            // Between entries, a line starting with `%` is a comment.
            if characters[i] == "%" {
                while i < characters.count, characters[i] != "\n" { advance() }
                continue
            }
            guard characters[i] == "@" else { advance(); continue }
            advance()
            let entryLine = line
            let type = word(until: ["{", "\n"]).lowercased()
            guard i < characters.count, characters[i] == "{" else { throw fail("expected '{' after @\(type)") }
            advance()
            if type == "comment" || type == "preamble" || type == "string" { continue }
            let key = word(until: [",", "}"])
            guard !key.isEmpty, i < characters.count else { throw fail("an entry needs a key: @\(type){key, ...}") }
            guard entries[key] == nil else { line = entryLine; throw fail("the key '\(key)' is defined twice") }
            var fields: [String: String] = [:]
            while i < characters.count, characters[i] == "," {
                advance()
                skipSpace()
                if i < characters.count, characters[i] == "}" { break }
                let name = word(until: ["=", "}"]).lowercased()
                guard i < characters.count, characters[i] == "=" else { throw fail("expected '=' after the field '\(name)' of '\(key)'") }
                advance()
                skipSpace()
                guard i < characters.count else { throw fail("the field '\(name)' of '\(key)' has no value") }
                var value = ""
                if characters[i] == "{" || characters[i] == "\"" {
                    let closing: Character = characters[i] == "{" ? "}" : "\""
                    var depth = 0
                    advance()
                    while i < characters.count, depth > 0 || characters[i] != closing {
                        if characters[i] == "{" { depth += 1 } else if characters[i] == "}" { depth -= 1 } else { value.append(characters[i]) }
                        advance()
                    }
                    guard i < characters.count else { line = entryLine; throw fail("the field '\(name)' of '\(key)' is not closed") }
                    advance()
                } else {
                    value = word(until: [",", "}"])
                }
                fields[name] = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                skipSpace()
            }
            guard i < characters.count, characters[i] == "}" else { line = entryLine; throw fail("the entry '\(key)' is not closed with '}'") }
            advance()
            entries[key] = Entry(key: key, type: type, fields: fields)
        }
    }
}
