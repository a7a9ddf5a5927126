/// A small strict JSON parser for the snapshot (see `AuctionState.init(snapshotJSON:)`): objects,
/// strings, integers, booleans and null; no arrays or fractions (the snapshot has none). Any
/// other input throws `SnapshotDecodingError`, never guesses.
struct JSONReader {
    /// A parsed value.
    indirect enum Value {
        /// Members in document order (a handful each: a list beats a hash table here).
        case object([(key: String, value: Value)])
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case null
    }

    private let bytes: [UInt8]
    private var index = 0

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8]) throws(SnapshotDecodingError) -> Value {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.index == bytes.count else { throw SnapshotDecodingError("trailing bytes at \(reader.index)") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func value(depth: Int) throws(SnapshotDecodingError) -> Value {
        guard depth < 8 else { throw SnapshotDecodingError("nested too deeply") }
        skipSpace()
        guard index < bytes.count else { throw SnapshotDecodingError("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .integer(try integer())
        }
    }

    private mutating func object(depth: Int) throws(SnapshotDecodingError) -> Value {
        index += 1
        var members: [(key: String, value: Value)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw SnapshotDecodingError("expected a key at \(index)") }
            let key = try string()
            skipSpace()
            try expect(":")
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard index < bytes.count else { throw SnapshotDecodingError("unexpected end") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            try expect("}")
            return .object(members)
        }
    }

    private mutating func string() throws(SnapshotDecodingError) -> String {
        index += 1
        // Fast path: no escape before the closing quote.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            guard let text = String(validating: bytes[index..<end], as: UTF8.self) else { throw SnapshotDecodingError("a string is not UTF-8") }
            index = end + 1
            return text
        }
        var scalars: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scalars, as: UTF8.self) else { throw SnapshotDecodingError("a string is not UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw SnapshotDecodingError("unexpected end") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(8)
                case UInt8(ascii: "f"): scalars.append(12)
                case UInt8(ascii: "n"): scalars.append(10)
                case UInt8(ascii: "r"): scalars.append(13)
                case UInt8(ascii: "t"): scalars.append(9)
                case UInt8(ascii: "u"): scalars.append(contentsOf: try unicodeEscape())
                default: throw SnapshotDecodingError("bad escape at \(index)")
                }
            case 0..<0x20: throw SnapshotDecodingError("a control character inside a string")
            default: scalars.append(byte)
            }
        }
        throw SnapshotDecodingError("unterminated string")
    }

    /// `\uXXXX` (after the `u`), a surrogate pair taking a second escape; returns its UTF-8.
    private mutating func unicodeEscape() throws(SnapshotDecodingError) -> [UInt8] {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw SnapshotDecodingError("a lone surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw SnapshotDecodingError("a lone surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw SnapshotDecodingError("a lone surrogate") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(SnapshotDecodingError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw SnapshotDecodingError("unexpected end") }
        var code: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = Self.hexDigit(byte) else { throw SnapshotDecodingError("bad \\u escape") }
            code = code << 4 | digit
        }
        index += 4
        return code
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func integer() throws(SnapshotDecodingError) -> Int64 {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let negative = bytes[start] == UInt8(ascii: "-")
        let digits = bytes[(negative ? start + 1 : start)..<index]
        guard !digits.isEmpty, digits.count <= 19 else { throw SnapshotDecodingError("expected an integer at \(start)") }
        var value: Int64 = 0
        for digit in digits {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow, !carry else { throw SnapshotDecodingError("integer out of range at \(start)") }
            value = sum
        }
        return negative ? -value : value
    }

    private mutating func literal(_ word: String) throws(SnapshotDecodingError) {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(SnapshotDecodingError) {
        try expect(UInt8(ascii: character))
    }

    private mutating func expect(_ byte: UInt8) throws(SnapshotDecodingError) {
        guard index < bytes.count, bytes[index] == byte else { throw SnapshotDecodingError("expected \(Unicode.Scalar(byte)) at \(index)") }
        index += 1
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
    }
}

/// A snapshot that does not decode: a bug or tampering, never something to repair by guessing.
public struct SnapshotDecodingError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
