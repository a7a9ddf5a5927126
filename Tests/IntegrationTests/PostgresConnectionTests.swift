import Foundation
import Shared
import Testing

/// Parameters, decoding, errors and reconnection of `PostgresConnection` against a real server.
@Suite struct PostgresConnectionTests {
    @Test func storesEveryParameterTypeAndNullAndReadsThemBackUnchanged() async throws {
        let client = try await PostgresTestDatabase.make().client()
        try await client.query("CREATE TABLE things (id int8 PRIMARY KEY, t text, i int8, b bool, d float8, y bytea, ts timestamptz, j jsonb)")
        let date = Date(timeIntervalSince1970: 1_714_972_089.123456)
        let bytes: [UInt8] = [0, 1, 0x5C, 0x27, 0x0A, 0xFF]
        let text = "Grüße 🎉 'single' \"double\" \\back\\slash\ttab"
        let inserted = try await client.query(
            "INSERT INTO things VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            [.int(1), .text(text), .int(.min), .bool(true), .double(0.1), .bytes(bytes), .timestamp(date), .json(#"{"b": [1, 2], "a": "x"}"#)])
        #expect(inserted.affectedRows == 1)
        try await client.query(
            "INSERT INTO things VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [.int(2), .null, .null, .null, .null, .null, .null, .null])
        try await client.query("INSERT INTO things (id, t, b, y, d) VALUES ($1, $2, $3, $4, $5)", [.int(3), .text(""), .bool(false), .bytes([]), .double(-1e300)])

        let rows = try await client.query("SELECT * FROM things ORDER BY id")
        #expect(rows.count == 3)
        let full = rows[0]
        #expect(try full.decode(String.self, "t") == text)
        #expect(try full.decode(Int64.self, "i") == .min)
        #expect(try full.decode(Bool.self, "b"))
        #expect(try full.decode(Double.self, "d") == 0.1)
        #expect(try full.decode([UInt8].self, "y") == bytes)
        #expect(try full.decode(Date.self, "ts") == date)
        #expect(try full.decode(String.self, "j") == #"{"a": "x", "b": [1, 2]}"#)
        #expect(try full.decode(Int.self, at: 0) == 1)
        let empty = rows[1]
        #expect(try empty.decode(String?.self, "t") == nil)
        #expect(try empty.decode(Int64?.self, "i") == nil)
        #expect(try empty.decode(Bool?.self, "b") == nil)
        #expect(try empty.decode([UInt8]?.self, "y") == nil)
        #expect(try empty.decode(Date?.self, "ts") == nil)
        #expect(try empty.decode(String?.self, "j") == nil)
        #expect(try rows[2].decode(String.self, "t") == "")
        #expect(try rows[2].decode(Bool?.self, "b") == false)
        #expect(try rows[2].decode([UInt8].self, "y") == [])
        #expect(try rows[2].decode(Double.self, "d") == -1e300)

        // The server, not only our own decoder, sees the exact instant, the types and the JSON.
        let check = try await client.query(
            "SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS utc, j ->> 'a' AS a, octet_length(y) AS n FROM things WHERE id = $1",
            [.int(1)])
        #expect(try check[0].decode(String.self, "utc") == "2024-05-06 05:08:09.123456")
        #expect(try check[0].decode(String.self, "a") == "x")
        #expect(try check[0].decode(Int.self, "n") == bytes.count)
        let types = try await client.query("SELECT pg_typeof($1)::text, pg_typeof($2)::text, pg_typeof($3)::text", [.int(1), .timestamp(date), .json("1")])
        #expect(types[0].cells == ["bigint", "timestamp with time zone", "jsonb"])
        await client.close()
    }

    @Test(arguments: [
        "'; DROP TABLE x; --", "Robert'); DROP TABLE x;--", "$1 $2 ?", #"\x00 \N \\"#, "tab\there\nnew line\r\n",
        "ünïcødé 日本語 🎉 \u{200B}", "", #"" OR ""=""#,
    ])
    func storesTextWithSQLMetacharactersVerbatim(_ text: String) async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE x (v text)")
        try await client.query("INSERT INTO x (v) VALUES ($1)", [.text(text)])
        let stored = try await client.query("SELECT v FROM x").scalar(String.self)
        #expect(stored == text)
        #expect(try await client.query("SELECT count(*) FROM x WHERE v = $1", [.text(text)]).scalar(Int.self) == 1)
        await client.close()
    }

    @Test func refusesTextWithNULAndSeveralStatementsInOneQuery() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let nul = await #expect(throws: PostgresError.self) { try await client.query("SELECT $1", [.text("a\u{0}b")]) }
        #expect(nul?.code == .invalidArgument)
        let stacked = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1; SELECT 2") }
        #expect(stacked?.sqlState == "42601")
        #expect(try await client.query("SELECT 1").scalar(Int.self) == 1)
        await client.close()
    }

    @Test func carriesTheSQLStateAndKeepsSQLAndServerWordingOutOfTheDescription() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE secret_accounts (id int8 PRIMARY KEY)")
        try await client.query("INSERT INTO secret_accounts VALUES ($1)", [.int(7)])
        let cases: [(sql: String, state: String, hidden: String)] = [
            ("INSERT INTO secret_accounts VALUES (7)", "23505", "secret_accounts"),
            ("SELEKT id FROM secret_accounts", "42601", "SELEKT"),
            ("SELECT * FROM missing_table", "42P01", "missing_table"),
        ]
        for (sql, state, hidden) in cases {
            let error = await #expect(throws: PostgresError.self) { try await client.query(sql) }
            #expect(error?.code == .server)
            #expect(error?.sqlState == state)
            #expect(error.map { !$0.description.contains(hidden) && !$0.description.contains(sql) } == true)
            #expect(error?.logDescription.contains(hidden) == true, "the log line keeps the server's message")
        }
        let duplicate = await #expect(throws: PostgresError.self) { try await client.query("INSERT INTO secret_accounts VALUES ($1)", [.int(7)]) }
        #expect(duplicate?.detail == "Key (id)=(7) already exists.")
        #expect(duplicate?.description == "PostgreSQL server error (SQLSTATE 23505)")
        await client.close()
    }

    @Test func throwsDecodingErrorsNamingTheColumn() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let row = try await client.query("SELECT NULL::int8 AS missing, 'abc'::text AS word, 2 AS two")[0]
        let null = #expect(throws: PostgresError.self) { try row.decode(Int64.self, "missing") }
        #expect(null?.code == .decoding)
        #expect(null?.column == "missing")
        #expect(null?.description.contains("missing") == true)
        let text = #expect(throws: PostgresError.self) { try row.decode(Int.self, "word") }
        #expect(text?.code == .decoding)
        #expect(text?.column == "word")
        let byIndex = #expect(throws: PostgresError.self) { try row.decode(Date.self, at: 1) }
        #expect(byIndex?.column == "word")
        #expect(throws: PostgresError.self) { try row.decode(Int.self, "nope") }
        #expect(throws: PostgresError.self) { try row.decode(Bool.self, "two") }
        #expect(try row.decode(Int?.self, "missing") == nil)
        await client.close()
    }

    /// The call that meets the terminated backend throws a `.connection` error (it is not retried,
    /// since it may not be idempotent); the call after it reconnects with `PQreset` and succeeds.
    @Test func reconnectsOnTheCallAfterTheBackendWasTerminated() async throws {
        let database = try await PostgresTestDatabase.make()
        let client = database.client(size: 1)
        let admin = database.client(size: 1)
        let pid = try await client.query("SELECT pg_backend_pid()").scalar(Int.self)
        let terminated = try await admin.query("SELECT pg_terminate_backend($1::int, 5000)", [.int(Int64(pid))]).scalar(Bool.self)
        #expect(terminated)
        let lost = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(lost?.code == .connection)
        let newPID = try await client.query("SELECT pg_backend_pid()").scalar(Int.self)
        #expect(newPID != pid)
        #expect(try await client.withConnection { $0.isConnected })
        await client.close()
        await admin.close()
    }

    @Test func reportsAnUnreachableServerAsAConnectionError() async throws {
        let client = PostgresClient(connectionString: "host=127.0.0.1 port=1 user=postgres connect_timeout=2", size: 1)
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error?.code == .connection)
        #expect(error?.message.isEmpty == false)
        await client.close()
    }
}
