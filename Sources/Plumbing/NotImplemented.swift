import Foundation

/// The words that end every "exercise 1.3 `eStep` is not implemented yet" message, with which the
/// student edition's exercise stubs stop; the runner and the grader search output for them.
public let notImplementedMarker = "is not implemented yet"

/// The message the stub of exercise `number`, function `name`, stops with:
/// `exercise 1.3 `eStep` is not implemented yet`.
public func notImplementedMessage(_ number: String, _ name: String) -> String {
    "exercise \(number) `\(name)` \(notImplementedMarker)"
}

/// The "exercise 1.3 `eStep` is not implemented yet" part of the first line of `log` that has one.
public func notImplementedLine(in log: String) -> String? {
    guard let line = log.split(separator: "\n").first(where: { $0.contains(notImplementedMarker) }) else { return nil }
    let start = line.range(of: "exercise ")?.lowerBound ?? line.startIndex
    let end = line.range(of: notImplementedMarker)?.upperBound ?? line.endIndex
    return String(line[start..<end])
}
