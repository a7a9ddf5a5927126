import CLibpq

/// One libpq connection: owns a `PGconn*` and speaks Swift.
///
/// Every call blocks, so a connection lives on one `WorkerThread` (see `PostgresClient`); it is not
/// `Sendable` because libpq forbids using one `PGconn` from two threads at once.
///
/// Statements are always parameterized (`PQexecParams`, which also refuses several statements in
/// one string). The single exception is `executeTrustedScript`, for migration files.
///
/// Reconnection: when the connection has gone bad (server restart, `pg_terminate_backend`), the
/// call that discovers it throws a `.connection` error, and the next call runs `PQreset` first and
/// works again. A lost call is never retried silently, because it may not be idempotent.
package final class PostgresConnection {
    private var handle: OpaquePointer?
    /// True while `withTransaction` has a transaction block open. A connection lost inside a
    /// transaction is not reset until the transaction ends, so later statements of the same body
    /// cannot run outside the transaction they belong to.
    var inTransaction = false

    /// Connects with a libpq conninfo string, such as `host=127.0.0.1 port=5432 dbname=auction`.
    ///
    /// The session always uses UTF-8, `TimeZone=UTC` and `DateStyle=ISO`, on which decoding relies;
    /// these override `client_encoding` and `options` given in `connectionString`.
    package init(connectionString: String) throws {
        // PQconnectdbParams with expand_dbname = 1 expands the first "dbname" value as a whole conninfo
        // string; the keywords after it override what it says. PQreset reuses all of them.
        let keywords = ["dbname", "client_encoding", "options"]
        let values = [connectionString, "UTF8", "-c TimeZone=UTC -c DateStyle=ISO"]
        let handle = Self.withCStrings(keywords) { keywords in
            Self.withCStrings(values) { values in PQconnectdbParams(keywords, values, 1) }
        }
        // "Note that when PQconnectdb returns a non-null pointer, you must call PQfinish when you are
        // finished with it, in order to dispose of the structure" - even when the connection failed.
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError.fromConnection(handle)
            if let handle { PQfinish(handle) }
            throw error
        }
        self.handle = handle
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection. Idempotent; later calls throw a `.connection` error.
    package func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection is open and, as far as libpq knows, healthy.
    package var isConnected: Bool {
        handle.map { PQstatus($0) == CONNECTION_OK } ?? false
    }

    /// Runs one parameterized statement (`$1`, `$2`, ...) and returns its rows.
    @discardableResult
    package func query(_ sql: String, _ parameters: [PostgresValue] = []) throws -> PostgresRows {
        let encoded = try parameters.map { try $0.encodedParameter() }
        // Every parameter's bytes go into one buffer (plus a trailing byte, so that it is never empty
        // and an empty bytea still gets a non-null pointer: libpq reads a null pointer as SQL NULL).
        // The pointers into it are made and used inside withUnsafeBufferPointer, never kept after.
        var buffer: [UInt8] = []
        var offsets: [Int?] = []
        for parameter in encoded {
            if let bytes = parameter.bytes {
                offsets.append(buffer.count)
                buffer += bytes
            } else {
                offsets.append(nil)
            }
        }
        buffer.append(0)
        guard buffer.count <= Int32.max else {
            throw PostgresError(code: .invalidArgument, message: "parameters larger than 2 GiB")
        }
        let types = encoded.map { Oid($0.oid) }
        let lengths = encoded.map { Int32($0.bytes?.count ?? 0) }
        let formats = encoded.map { Int32($0.isBinary ? 1 : 0) }
        let handle = try connectedHandle()
        let result = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                let values: [UnsafePointer<CChar>?] = offsets.map { offset in offset.map { UnsafePointer(chars.baseAddress! + $0) } }
                // resultFormat 0: every column comes back as text, decoded by PostgresDecodable.
                return PQexecParams(handle, sql, Int32(encoded.count), types, values, lengths, formats, 0)
            }
        }
        return try rows(from: result, handle)
    }

    /// Runs SQL text that may hold several statements, with no parameters (`PQexec`).
    ///
    /// This is the one path that sends SQL not split from its values, and it exists for migration
    /// files only: they are trusted repository content, and a migration needs several statements
    /// in one string, which `PQexecParams` refuses. Never pass text that contains input.
    package func executeTrustedScript(_ sql: String) throws {
        let handle = try connectedHandle()
        _ = try rows(from: PQexec(handle, sql), handle)
    }

    /// The open handle, after `PQreset` if the connection went bad since the last call.
    func connectedHandle() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(code: .connection, message: "the connection is closed") }
        guard PQstatus(handle) != CONNECTION_OK else { return handle }
        guard !inTransaction else {
            throw PostgresError(code: .connection, message: "the connection was lost inside a transaction")
        }
        // "PQreset: This function will close the connection to the server and attempt to establish
        // a new connection, using all the same parameters previously used."
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError.fromConnection(handle) }
        return handle
    }

    /// Turns a `PGresult` into rows or an error, and frees it.
    private func rows(from result: OpaquePointer?, _ handle: OpaquePointer) throws -> PostgresRows {
        guard let result else { throw PostgresError.fromConnection(handle) }
        // "PQclear: Frees the storage associated with a PGresult. Every command result should be
        // freed via PQclear when it is no longer needed." PostgresRows copies what it needs first.
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(copying: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy(handle, status: status)
            throw PostgresError(code: .copy, message: "COPY is only supported through copyIn")
        default:
            throw PostgresError.fromResult(result, connection: handle)
        }
    }

    /// Calls `body` with NUL-terminated C strings for `strings` and a final null pointer, all valid
    /// only during the call (they point into one buffer owned by this function).
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var buffer: [CChar] = []
        var offsets: [Int] = []
        for string in strings {
            offsets.append(buffer.count)
            buffer += string.utf8.map { CChar(bitPattern: $0) } + [0]
        }
        return buffer.withUnsafeBufferPointer { chars in
            body(offsets.map { UnsafePointer(chars.baseAddress! + $0) } + [nil])
        }
    }
}
