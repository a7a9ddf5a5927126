import Foundation

/// A statement parameter. Each case is sent with an explicit type OID so the server never guesses.
///
/// There is deliberately no case for money: amounts are integers of minor units (`.int`).
package enum PostgresValue: Sendable, Hashable {
    case null
    /// `text` (OID 25). PostgreSQL text cannot hold NUL characters; sending one throws.
    case text(String)
    /// `int8` (OID 20).
    case int(Int64)
    /// `bool` (OID 16).
    case bool(Bool)
    /// `float8` (OID 701). Not for money.
    case double(Double)
    /// `bytea` (OID 17), sent in binary format.
    case bytes([UInt8])
    /// `timestamptz` (OID 1184), sent in binary format with microsecond precision.
    case timestamp(Date)
    /// `jsonb` (OID 3802), given as JSON text. The server validates and normalizes it.
    case json(String)
}

extension PostgresValue {
    /// One parameter as `PQexecParams` wants it: type OID, bytes, and format (0 text, 1 binary).
    ///
    /// Text-format bytes are NUL-terminated here because libpq reads text parameters as C strings.
    struct Encoded {
        var oid: UInt32
        var bytes: [UInt8]?
        var isBinary: Bool
    }

    func encodedParameter() throws -> Encoded {
        switch self {
        case .null: return Encoded(oid: 0, bytes: nil, isBinary: false)
        case .text(let string): return Encoded(oid: 25, bytes: try Self.cString(string), isBinary: false)
        case .int(let value): return Encoded(oid: 20, bytes: Array(String(value).utf8) + [0], isBinary: false)
        case .bool(let value): return Encoded(oid: 16, bytes: Array((value ? "t" : "f").utf8) + [0], isBinary: false)
        case .double(let value): return Encoded(oid: 701, bytes: Array(Self.floatText(value).utf8) + [0], isBinary: false)
        case .bytes(let bytes): return Encoded(oid: 17, bytes: bytes, isBinary: true)
        case .timestamp(let date):
            // Binary timestamptz: big-endian int8 microseconds since 2000-01-01 00:00:00 UTC.
            let micros = PostgresTimestamp.microsecondsSince2000(date)
            return Encoded(oid: 1184, bytes: withUnsafeBytes(of: micros.bigEndian) { Array($0) }, isBinary: true)
        case .json(let text): return Encoded(oid: 3802, bytes: try Self.cString(text), isBinary: false)
        }
    }

    /// The value in `COPY ... FROM STDIN` text format, escaped; `\N` for NULL.
    func copyText() throws -> String {
        switch self {
        case .null: return #"\N"#
        case .text(let string), .json(let string):
            try Self.rejectNUL(string)
            return Self.copyEscaped(string)
        case .int(let value): return String(value)
        case .bool(let value): return value ? "t" : "f"
        case .double(let value): return Self.floatText(value)
        // bytea's hex input `\x...`, whose backslash COPY itself needs doubled.
        case .bytes(let bytes): return #"\\x"# + PostgresHex.encode(bytes)
        case .timestamp(let date): return PostgresTimestamp.text(date)
        }
    }

    /// Escapes COPY text format's special characters: backslash, tab, newline, carriage return.
    private static func copyEscaped(_ string: String) -> String {
        guard string.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count + 8)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": out += #"\\"#
            case "\t": out += #"\t"#
            case "\n": out += #"\n"#
            case "\r": out += #"\r"#
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// float8 input text. Swift's description is the shortest text that reads back exactly.
    private static func floatText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    private static func cString(_ string: String) throws -> [UInt8] {
        try rejectNUL(string)
        return Array(string.utf8) + [0]
    }

    private static func rejectNUL(_ string: String) throws {
        if string.utf8.contains(0) {
            throw PostgresError(code: .invalidArgument, message: "PostgreSQL text cannot contain NUL characters")
        }
    }
}
