import SwiftDiagnostics
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// Reads one cell's code on its own with swift-syntax's parser, before the cells are joined into
/// a program: a cell that ends inside `func f() {`, `/*`, `#if false` or a multi-line string would
/// otherwise swallow the cells after it, and the compiler would blame the wrong cell or none.
enum CellSyntax {
    /// The cell's syntax errors as compiler diagnostics at the Markdown's lines
    /// (`Lessons/x.md:12:3: error: expected '}' to end function`); empty when the code parses.
    static func errors(in source: String, firstLine: Int, path: String) -> [String] {
        let tree = Parser.parse(source: source)
        guard tree.hasError else { return [] }
        let converter = SourceLocationConverter(fileName: path, tree: tree)
        return ParseDiagnosticsGenerator.diagnostics(for: tree)
            .filter { $0.diagMessage.severity == .error }
            .map { diagnostic in
                let location = diagnostic.location(converter: converter)
                return "\(path):\(firstLine + location.line - 1):\(location.column): error: \(diagnostic.message)"
            }
    }

    /// A declaration that Swift allows only at file scope, found at the top level of a cell.
    struct FileScopeDeclaration: Equatable {
        /// The keyword that starts it: `import`, `extension`, `protocol`, `operator`, ...
        var keyword: String
        /// Its 1-based line within the cell and column.
        var line: Int
        var column: Int
    }

    /// The cell's top-level declarations that may appear only at file scope (imports, extensions,
    /// protocols, operators and precedence groups, macros).
    static func fileScopeDeclarations(in source: String) -> [FileScopeDeclaration] {
        let tree = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        return tree.statements.compactMap { statement -> FileScopeDeclaration? in
            let item = statement.item
            let keyword: TokenSyntax
            if let decl = item.as(ImportDeclSyntax.self) { keyword = decl.importKeyword }
            else if let decl = item.as(ExtensionDeclSyntax.self) { keyword = decl.extensionKeyword }
            else if let decl = item.as(ProtocolDeclSyntax.self) { keyword = decl.protocolKeyword }
            else if let decl = item.as(OperatorDeclSyntax.self) { keyword = decl.operatorKeyword }
            else if let decl = item.as(PrecedenceGroupDeclSyntax.self) { keyword = decl.precedencegroupKeyword }
            else if let decl = item.as(MacroDeclSyntax.self) { keyword = decl.macroKeyword }
            else { return nil }
            let location = keyword.startLocation(converter: converter)
            return FileScopeDeclaration(keyword: keyword.text, line: location.line, column: location.column)
        }
    }
}
