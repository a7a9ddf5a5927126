/// Base64url without padding (RFC 4648 §5), straight to and from bytes.
///
/// Session and CSRF tokens are made on every page view; going through Foundation's base64 and
/// then replacing characters in the result was the largest cost of a cached page.
package enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The value of each alphabet byte; 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next(), third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            if second != nil { output.append(alphabet[Int(group >> 6 & 63)]) }
            if third != nil { output.append(alphabet[Int(group & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `text`, or nil when it holds a byte outside the alphabet (padding included)
    /// or has a length no encoding produces.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var index = 0
        while index < input.count {
            let end = min(index + 4, input.count)
            var group: UInt32 = 0
            for position in index..<end {
                let value = values[Int(input[position])]
                guard value != 0xFF else { return nil }
                group |= UInt32(value) << (18 - 6 * (position - index))
            }
            output.append(UInt8(group >> 16 & 0xFF))
            if end - index > 2 { output.append(UInt8(group >> 8 & 0xFF)) }
            if end - index > 3 { output.append(UInt8(group & 0xFF)) }
            index = end
        }
        return output
    }
}
