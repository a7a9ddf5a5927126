import CLibpq

/// The rows of a query result, copied out of the `PGresult` so they outlive it and cross threads.
package struct PostgresRows: Sendable, RandomAccessCollection {
    /// The result's column names, in order.
    package let columns: [String]
    /// The rows, in the order the server sent them.
    package let rows: [PostgresRow]
    /// Rows inserted, updated, deleted, copied... by the command (`PQcmdTuples`); 0 when not applicable.
    package let affectedRows: Int

    package var startIndex: Int { rows.startIndex }
    package var endIndex: Int { rows.endIndex }
    package subscript(position: Int) -> PostgresRow { rows[position] }

    /// Copies everything out of a successful `result`. The caller still owns `result` and must
    /// PQclear it: every string libpq returns here (PQfname, PQgetvalue, PQcmdTuples) points into it.
    init(copying result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        self.columns = columns
        self.rows = (0..<Int32(PQntuples(result))).map { row in
            let cells = (0..<Int32(columnCount)).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
            return PostgresRow(columns: columns, cells: cells)
        }
        self.affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
