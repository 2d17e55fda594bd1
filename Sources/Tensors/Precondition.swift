// Checks for programmer errors that keep their message in optimized builds.
//
// The standard library's `precondition` drops its message under `-O`: a lesson that passes a
// tensor of the wrong shape would stop with a bare "Illegal instruction". These two functions
// shadow the standard ones in every module that imports `Tensors` (the whole model library and
// the lessons), so `precondition(a.shape == b.shape, "add: shapes \(a.shape) and \(b.shape) differ")`
// reads as usual and stops with its message, file and line.

/// Stops the program with `message` if `condition` is false, in every build configuration.
@inline(__always)
public func precondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
                         file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}

/// Stops the program with `message`, in every build configuration.
public func preconditionFailure(_ message: @autoclosure () -> String = String(),
                                file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
