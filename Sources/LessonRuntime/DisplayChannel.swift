import Foundation

/// The lesson program's side of the display channel: records (cell markers, figures, images,
/// tables, progress) go to the runner on a file descriptor of their own, never on stdout, so that
/// nothing a lesson prints can be taken for a record.
///
/// Wire format, one record: an ASCII header line `KIND LENGTH\n`, then `LENGTH` payload bytes.
/// After each record the program waits for one acknowledgement byte on a second descriptor; by
/// then the runner has read everything the program wrote to stdout and stderr before the record,
/// which attributes text to cells and orders it against figures exactly.
///
/// The runner passes the descriptors in `LESSON_CHANNEL_FD` and `LESSON_ACK_FD`. Without them
/// (the program run by hand) records are dropped and `show` prints a one-line note instead.
enum DisplayChannel {
    nonisolated(unsafe) private static var descriptors: (channel: Int32, ack: Int32)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let channel = environment["LESSON_CHANNEL_FD"].flatMap(Int32.init),
              let ack = environment["LESSON_ACK_FD"].flatMap(Int32.init) else { return nil }
        return (channel, ack)
    }()

    /// Whether a runner is listening.
    static var isConnected: Bool { descriptors != nil }

    /// Sends one record and waits until the runner has taken it.
    static func send(_ kind: String, _ payload: [UInt8]) {
        fflush(stdout)
        fflush(stderr)
        guard let (channel, ack) = descriptors else { return }
        let record = Array("\(kind) \(payload.count)\n".utf8) + payload
        guard writeAll(channel, record) else {
            descriptors = nil
            return
        }
        var byte: UInt8 = 0
        while read(ack, &byte, 1) < 0 && errno == EINTR {}
    }

    static func send(_ kind: String, _ text: String) {
        send(kind, Array(text.utf8))
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
}
