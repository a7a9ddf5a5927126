import CLibpq

/// An error from the PostgreSQL layer.
///
/// `description` is what an end user may see: the kind of failure and the SQLSTATE, never SQL text
/// or the server's wording (which can quote the statement, table names or key values). The server's
/// message, detail and hint are kept in their own properties for logs; `logDescription` joins them.
package struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a code that can grow without breaking callers that switch on it.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The connection could not be opened, or was lost during the call.
        package static let connection = Code("connection")
        /// The server rejected the statement; see `sqlState`.
        package static let server = Code("server")
        /// A result cell could not be decoded into the requested Swift type; see `column`.
        package static let decoding = Code("decoding")
        /// A `COPY ... FROM STDIN` failed on the client side.
        package static let copy = Code("copy")
        /// A transaction could not be started or committed as asked.
        package static let transaction = Code("transaction")
        /// The caller passed something that cannot be sent safely (bad identifier, NUL in text).
        package static let invalidArgument = Code("invalid argument")

        package var description: String { name }
    }

    package var code: Code
    /// The five-character SQLSTATE, such as `23505` for a unique violation, when the server sent one.
    package var sqlState: String?
    /// The server's (or libpq's) primary message. For logs only: it may quote SQL or data.
    package var message: String
    /// The server's detail line, such as `Key (id)=(1) already exists.` For logs only.
    package var detail: String?
    /// The server's hint line. For logs only.
    package var hint: String?
    /// For `.decoding` errors: the column that could not be decoded.
    package var column: String?

    package init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil, column: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.column = column
    }

    package var description: String {
        var text = "PostgreSQL \(code) error"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let column { text += " in column \"\(column)\"" }
        return text
    }

    /// Everything known about the error, for logs that are not shown to end users.
    package var logDescription: String {
        var parts = [description, message]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        return parts.joined(separator: "; ")
    }
}

extension PostgresError {
    /// The factory for libpq's result channel: a failed `PGresult` and its error fields.
    ///
    /// The code is `.connection` when the connection went bad during the call, `.server` otherwise.
    /// A nil `result` means libpq could not even build one (out of memory, or the connection is
    /// gone); the connection's message is used then.
    static func fromResult(_ result: OpaquePointer?, connection: OpaquePointer?) -> PostgresError {
        let lost = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        guard let result else { return fromConnection(connection) }
        // Strings from PQresultErrorField and PQresultErrorMessage belong to the PGresult and are
        // freed by PQclear: copy them into Swift strings before the caller clears the result.
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let primary = field(Diagnostic.messagePrimary) ?? PQresultErrorMessage(result).map { String(cString: $0) }
        let status = String(cString: PQresStatus(PQresultStatus(result)))
        return PostgresError(
            code: lost ? .connection : .server,
            message: trimmed(primary.flatMap { $0.isEmpty ? nil : $0 } ?? "unexpected result status \(status)"),
            sqlState: field(Diagnostic.sqlState),
            detail: field(Diagnostic.messageDetail),
            hint: field(Diagnostic.messageHint))
    }

    /// The factory for libpq's connection channel: `PQerrorMessage` of a connection.
    static func fromConnection(_ connection: OpaquePointer?, code: Code = .connection) -> PostgresError {
        // PQerrorMessage's string belongs to the PGconn and changes on its next operation: copy it now.
        let message = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "libpq could not allocate a connection"
        return PostgresError(code: code, message: trimmed(message.isEmpty ? "connection failed" : message))
    }

    /// `PQresultErrorField` codes. postgres_ext.h defines them as character-literal macros
    /// (`#define PG_DIAG_SQLSTATE 'C'`), which Swift does not import, so they are spelled here.
    private enum Diagnostic {
        static let sqlState = Int32(UInt8(ascii: "C"))
        static let messagePrimary = Int32(UInt8(ascii: "M"))
        static let messageDetail = Int32(UInt8(ascii: "D"))
        static let messageHint = Int32(UInt8(ascii: "H"))
    }

    private static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
