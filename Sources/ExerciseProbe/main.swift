import Foundation
#if canImport(Glibc)
import Glibc
#endif

// The child side of grading: reads one exercise's inputs, calls the student's function on each,
// and writes back only what it returned. It never sees expected values and never decides a grade;
// the grader compares (see `Grading.ExerciseRunner`).
//
// Usage: ExerciseProbe --memory-bytes N --cpu-seconds S --file-bytes F < request.json
// Request: {"function": "eStep", "cases": [{"id": "1.3-a", "inputs": {...}}, ...]}
// Replies, one JSON line per case on the channel (the original standard output):
//   {"id": "1.3-a", "output": ...}   or   {"id": "1.3-a", "error": "..."} for malformed inputs.

/// Applies the limits the grader asked for, to this process and anything it starts.
func applyLimits(_ arguments: [String]) {
    let names: [String: Int32] = [
        "--memory-bytes": Int32(RLIMIT_AS.rawValue),
        "--cpu-seconds": Int32(RLIMIT_CPU.rawValue),
        "--file-bytes": Int32(RLIMIT_FSIZE.rawValue),
    ]
    var index = 1
    while index + 1 < arguments.count {
        if let resource = names[arguments[index]], let value = UInt64(arguments[index + 1]) {
            var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
            if setrlimit(__rlimit_resource_t(resource), &limit) != 0 {
                FileHandle.standardError.write(Data("ExerciseProbe: setrlimit \(arguments[index]) failed\n".utf8))
                exit(70)
            }
        }
        index += 2
    }
}

/// Writes one reply line to the channel in a single `write`, so replies are never interleaved.
func reply(_ fields: [(String, String)], on channel: Int32) {
    let body = fields.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",")
    let line = Array("{\(body)}\n".utf8)
    var offset = 0
    while offset < line.count {
        let written = line[offset...].withUnsafeBytes { write(channel, $0.baseAddress, $0.count) }
        if written <= 0 { exit(71) }
        offset += written
    }
}

applyLimits(CommandLine.arguments)

// Move the channel off standard output, so that whatever the student's code prints lands in the
// captured log and can never be read as a reply.
let channel = dup(STDOUT_FILENO)
dup2(STDERR_FILENO, STDOUT_FILENO)

let requestData = FileHandle.standardInput.readDataToEndOfFile()
guard let request = (try? JSONSerialization.jsonObject(with: requestData)) as? [String: Any],
      let function = request["function"] as? String,
      let cases = request["cases"] as? [[String: Any]] else {
    FileHandle.standardError.write(Data("ExerciseProbe: malformed request on standard input\n".utf8))
    exit(64)
}
guard let adapter = exerciseAdapters[function] else {
    FileHandle.standardError.write(Data("ExerciseProbe: no adapter for function `\(function)`\n".utf8))
    exit(65)
}
for item in cases {
    let id = item["id"] as? String ?? "?"
    do {
        let output = try adapter(ProbeArguments(values: item["inputs"] as? [String: Any] ?? [:]))
        fflush(nil)
        reply([("id", jsonString(id)), ("output", output)], on: channel)
    } catch {
        reply([("id", jsonString(id)), ("error", jsonString("\(error)"))], on: channel)
    }
}
