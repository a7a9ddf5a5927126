import Foundation

/// A Swift type that a result cell (in PostgreSQL's text output format) decodes into.
package protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL cell; nil when the text is not a value of this type.
    static func decodePostgres(_ text: String) -> Self?
    /// The value SQL NULL decodes to, or nil when this type cannot hold NULL (the default).
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    package static var postgresNull: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Self? { Wrapped.decodePostgres(text).map { .some($0) } }
    package static var postgresNull: Self? { .some(.none) }
}

extension String: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> String? { text }
}

extension Int64: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Int64? { Int64(text) }
}

extension Int: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Int? { Int(text) }
}

extension Int32: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Int32? { Int32(text) }
}

extension Double: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Double? { Double(text) }
}

extension Bool: PostgresDecodable {
    package static func decodePostgres(_ text: String) -> Bool? {
        switch text {
        case "t": true
        case "f": false
        default: nil
        }
    }
}

extension [UInt8]: PostgresDecodable {
    /// Decodes `bytea` in the default hex output format (`\x...`).
    package static func decodePostgres(_ text: String) -> [UInt8]? { PostgresHex.decodeBytea(text) }
}

extension Date: PostgresDecodable {
    /// Decodes `timestamptz` text (the connection forces the ISO DateStyle).
    package static func decodePostgres(_ text: String) -> Date? { PostgresTimestamp.parse(text) }
}
