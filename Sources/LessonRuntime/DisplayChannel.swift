import DisplayProtocol
import Foundation

/// The lesson program's side of the display channel: records (cell markers, figures, images,
/// tables, progress) go to the runner on a file descriptor of their own, never on stdout, so that
/// nothing a lesson prints can be taken for a record. `DisplayRecord` defines the records.
///
/// After each record the program waits for one acknowledgement byte on a second descriptor; by
/// then the runner has read everything the program wrote to stdout and stderr before the record,
/// which attributes text to cells and orders it against figures exactly.
///
/// The runner passes the descriptors in `LESSON_CHANNEL_FD` and `LESSON_ACK_FD`. Without them
/// (the program run by hand) records are dropped and `show` prints a one-line note instead.
enum DisplayChannel {
    nonisolated(unsafe) private static let descriptors: (channel: Int32, ack: Int32)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let channel = environment["LESSON_CHANNEL_FD"].flatMap(Int32.init),
              let ack = environment["LESSON_ACK_FD"].flatMap(Int32.init) else { return nil }
        return (channel, ack)
    }()

    /// The cell that runs now, for the message when the channel breaks.
    nonisolated(unsafe) static var currentCell = 0

    /// Whether a runner is listening.
    static var isConnected: Bool { descriptors != nil }

    /// Sends one record and waits until the runner has taken it.
    ///
    /// A channel that fails (a cell closed or wrote over its descriptors) ends the program: going on
    /// would put what later cells show under the wrong cell, or nowhere.
    static func send(_ record: DisplayRecord) {
        fflush(stdout)
        fflush(stderr)
        guard let (channel, ack) = descriptors else { return }
        var byte: UInt8 = 0
        guard writeAll(channel, record.encoded()), readByte(ack, &byte) else {
            FileHandle.standardError.write(Data("Fatal error: display channel broken in cell \(currentCell): the cell closed or used descriptors \(channel) and \(ack), which carry the runner's records\n".utf8))
            _exit(70)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private static func readByte(_ fd: Int32, _ byte: inout UInt8) -> Bool {
        while true {
            let count = read(fd, &byte, 1)
            if count == 1 { return true }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }
}
