/// One row of a query result, copied out of libpq's `PGresult`, with typed decoding.
package struct PostgresRow: Sendable {
    /// The result's column names, in order.
    package let columns: [String]
    /// The cells in PostgreSQL's text output format; nil is SQL NULL.
    package let cells: [String?]

    /// Decodes the cell of the column named `column` (the first one, if several share the name).
    package func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        guard let index = columns.firstIndex(of: column) else {
            throw PostgresError(code: .decoding, message: "no column named \(column) in the result", column: column)
        }
        return try decode(type, at: index)
    }

    /// Decodes the cell at `index` (0-based).
    package func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        guard cells.indices.contains(index) else {
            throw PostgresError(code: .decoding, message: "no column at index \(index); the result has \(cells.count)")
        }
        let column = columns[index]
        guard let text = cells[index] else {
            guard let null = T.postgresNull else {
                throw PostgresError(code: .decoding, message: "NULL cannot be decoded as non-optional \(T.self)", column: column)
            }
            return null
        }
        guard let value = T.decodePostgres(text) else {
            throw PostgresError(code: .decoding, message: "the value cannot be decoded as \(T.self)", column: column)
        }
        return value
    }
}
