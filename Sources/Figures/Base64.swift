/// Returns `bytes` in standard Base64 (RFC 4648, section 4) with `=` padding and no line breaks,
/// for PNG data URIs inside SVG.
func base64Encoded(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let remaining = min(3, bytes.count - index)
        let b0 = Int(bytes[index])
        let b1 = remaining > 1 ? Int(bytes[index + 1]) : 0
        let b2 = remaining > 2 ? Int(bytes[index + 2]) : 0
        let triple = b0 << 16 | b1 << 8 | b2
        output.append(alphabet[triple >> 18 & 63])
        output.append(alphabet[triple >> 12 & 63])
        output.append(remaining > 1 ? alphabet[triple >> 6 & 63] : UInt8(ascii: "="))
        output.append(remaining > 2 ? alphabet[triple & 63] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: output, as: UTF8.self)
}
