import CLibpq

extension PostgresConnection {
    /// Bulk-loads `rows` with `COPY table (columns) FROM STDIN` in text format; returns the number
    /// of rows copied. Works inside `withTransaction` too.
    ///
    /// `table` (optionally `schema.table`) and `columns` must be plain lower-case identifiers; they
    /// are checked and quoted, and values are escaped for COPY's text format, never spliced as SQL.
    /// On any failure nothing is loaded: the COPY is ended with an error, so the server discards it.
    @discardableResult
    package func copyIn(table: String, columns: [String], rows: [[PostgresValue]]) throws -> Int {
        let target = try PostgresIdentifier.qualified(table)
        guard !columns.isEmpty else { throw PostgresError(code: .invalidArgument, message: "COPY needs at least one column") }
        let columnList = try columns.map(PostgresIdentifier.quoted).joined(separator: ", ")
        if let bad = rows.firstIndex(where: { $0.count != columns.count }) {
            throw PostgresError(code: .copy, message: "row \(bad) has \(rows[bad].count) values for \(columns.count) columns")
        }
        let handle = try connectedHandle()
        guard let start = PQexecParams(handle, "COPY \(target) (\(columnList)) FROM STDIN", 0, nil, nil, nil, nil, 0) else {
            throw PostgresError.fromConnection(handle)
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            let error = PostgresError.fromResult(start, connection: handle)
            PQclear(start)
            throw error
        }
        PQclear(start)

        var clientError: (any Error)?
        do {
            try sendCopyData(rows, handle)
        } catch {
            clientError = error
        }
        // "PQputCopyEnd: If errormsg is not NULL then the COPY is forced to fail, with the string
        // pointed to by errormsg used as the error message."
        let ended = PQputCopyEnd(handle, clientError == nil ? nil : "COPY aborted by the client")
        let outcome = copyOutcome(handle)
        if let clientError { throw clientError }
        guard ended == 1 else { throw PostgresError.fromConnection(handle, code: .copy) }
        return try outcome.get()
    }

    /// Streams the rows in chunks of about 64 KiB.
    private func sendCopyData(_ rows: [[PostgresValue]], _ handle: OpaquePointer) throws {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 17)
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { chunk.append(UInt8(ascii: "\t")) }
                chunk += try value.copyText().utf8
            }
            chunk.append(UInt8(ascii: "\n"))
            if chunk.count >= 1 << 16 {
                try send(chunk, handle)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try send(chunk, handle) }
    }

    private func send(_ chunk: [UInt8], _ handle: OpaquePointer) throws {
        // PQputCopyData returns 1 when the data was queued, -1 on error (0 only in nonblocking mode).
        let sent = chunk.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw PostgresError.fromConnection(handle, code: .copy) }
    }

    /// Reads the COPY's final result, then drains `PQgetResult` until it returns NULL, as libpq
    /// requires before the connection can run another command.
    private func copyOutcome(_ handle: OpaquePointer) -> Result<Int, PostgresError> {
        var outcome: Result<Int, PostgresError>?
        while let result = PQgetResult(handle) {
            if outcome == nil {
                outcome = PQresultStatus(result) == PGRES_COMMAND_OK
                    ? .success(Int(String(cString: PQcmdTuples(result))) ?? 0)
                    : .failure(PostgresError.fromResult(result, connection: handle))
            }
            PQclear(result)  // Each PGresult from PQgetResult is ours to PQclear.
        }
        return outcome ?? .failure(PostgresError.fromConnection(handle, code: .copy))
    }

    /// Leaves a COPY state that `query` or `executeTrustedScript` entered (`status`), so the
    /// connection stays usable: ends a COPY IN with an error, reads and drops COPY OUT data.
    func abandonCopy(_ handle: OpaquePointer, status: ExecStatusType) {
        if status == PGRES_COPY_IN || status == PGRES_COPY_BOTH {
            _ = PQputCopyEnd(handle, "COPY is only supported through copyIn")
        }
        if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
            var buffer: UnsafeMutablePointer<CChar>?
            // PQgetCopyData returns a row's length (> 0) until -1 (done) or -2 (error); each buffer
            // it hands back "should be freed using PQfreemem when no longer needed".
            while PQgetCopyData(handle, &buffer, 0) > 0 {
                PQfreemem(buffer)
                buffer = nil
            }
        }
        while let result = PQgetResult(handle) { PQclear(result) }
    }
}
