/// Checks and quotes SQL identifiers for the few statements that must name a table or column
/// (`COPY`), where parameters cannot be used.
///
/// Only plain lower-case names `[a-z_][a-z0-9_]*` of at most 63 bytes are accepted, then
/// double-quoted (so reserved words such as `user` work too). Nothing else reaches the SQL text.
enum PostgresIdentifier {
    static func quoted(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        let valid = !bytes.isEmpty && bytes.count <= 63 && bytes.enumerated().allSatisfy { index, byte in
            byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (index > 0 && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte))
        }
        guard valid else {
            throw PostgresError(code: .invalidArgument, message: "not a plain lower-case SQL identifier: \(name.debugDescription)")
        }
        return "\"\(name)\""
    }

    /// `table` or `schema.table`, each part checked and quoted.
    static func qualified(_ name: String) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw PostgresError(code: .invalidArgument, message: "not a table name: \(name.debugDescription)")
        }
        return try parts.map { try quoted(String($0)) }.joined(separator: ".")
    }
}
