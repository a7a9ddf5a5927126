import Foundation
import Shared
import Testing

/// `PostgresConnection.copyIn`, the bulk path for projection catch-up, against a real server.
@Suite struct PostgresCopyTests {
    static func row(_ index: Int) -> [PostgresValue] {
        let texts = ["plain", "tab\there", "new\nline", "carriage\rreturn", #"back\slash \N \\N"#, "ünï 🎉", "", "'; DROP TABLE entries; --"]
        return [
            .int(Int64(index)),
            index % 7 == 0 ? .null : .text("\(texts[index % texts.count]) #\(index)"),
            index % 5 == 0 ? .null : .bytes([UInt8(index % 256), 0x5C, 0x09, 0x0A, 0]),
            .bool(index % 2 == 0),
            // Built from an exact integer so that the expected Date is the correctly rounded instant.
            .timestamp(Date(timeIntervalSince1970: Double(1_700_000_000_000 + index) / 1000)),
            index % 3 == 0 ? .json(#"{"k": "v\tw\\x"}"#) : .null,
        ]
    }

    @Test func copiesTenThousandRowsWithSpecialCharactersAndNullsIntact() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE entries (id int8 PRIMARY KEY, body text, raw bytea, flag bool, at timestamptz, doc jsonb)")
        let rows = (1...10_000).map(Self.row)
        let copied = try await client.withConnection {
            try $0.copyIn(table: "entries", columns: ["id", "body", "raw", "flag", "at", "doc"], rows: rows)
        }
        #expect(copied == 10_000)
        let back = try await client.query("SELECT id, body, raw, flag, at, doc FROM entries ORDER BY id")
        #expect(back.count == 10_000)
        var mismatches = 0
        for (expected, row) in zip(rows, back) {
            let actual: [PostgresValue] = [
                .int(try row.decode(Int64.self, "id")),
                try row.decode(String?.self, "body").map(PostgresValue.text) ?? .null,
                try row.decode([UInt8]?.self, "raw").map(PostgresValue.bytes) ?? .null,
                .bool(try row.decode(Bool.self, "flag")),
                .timestamp(try row.decode(Date.self, "at")),
                try row.decode(String?.self, "doc").map(PostgresValue.json) ?? .null,
            ]
            if actual != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
        await client.close()
    }

    @Test func copiesInsideATransactionThatRollsBack() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE checkpoints (partition int8 PRIMARY KEY, entry_id text)")
        await #expect(throws: PostgresError.self) {
            try await client.withTransaction { connection in
                try connection.copyIn(table: "checkpoints", columns: ["partition", "entry_id"], rows: [[.int(1), .text("1-0")]])
                try connection.query("SELECT * FROM no_such_table")
            }
        }
        #expect(try await client.query("SELECT count(*) FROM checkpoints").scalar(Int.self) == 0)
        _ = try await client.withTransaction {
            try $0.copyIn(table: "public.checkpoints", columns: ["partition", "entry_id"], rows: [[.int(1), .text("1-0")], [.int(2), .null]])
        }
        #expect(try await client.query("SELECT count(*) FROM checkpoints").scalar(Int.self) == 2)
        await client.close()
    }

    @Test(arguments: ["entries; DROP TABLE entries", "Entries", "entries\"", "a.b.c", "", "1entries"])
    func refusesTableNamesThatAreNotPlainIdentifiers(_ table: String) async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE entries (id int8)")
        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try $0.copyIn(table: table, columns: ["id"], rows: [[.int(1)]]) }
        }
        #expect(error?.code == .invalidArgument)
        let badColumn = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try $0.copyIn(table: "entries", columns: ["id) FROM STDIN; --"], rows: [[.int(1)]]) }
        }
        #expect(badColumn?.code == .invalidArgument)
        #expect(try await client.query("SELECT count(*) FROM entries").scalar(Int.self) == 0)
        await client.close()
    }

    @Test func reportsServerAndClientFailuresAndLeavesTheConnectionUsable() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE entries (id int8 PRIMARY KEY, body text)")
        let duplicate = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try $0.copyIn(table: "entries", columns: ["id", "body"], rows: [[.int(1), .null], [.int(1), .null]]) }
        }
        #expect(duplicate?.sqlState == "23505")
        let width = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try $0.copyIn(table: "entries", columns: ["id", "body"], rows: [[.int(1)]]) }
        }
        #expect(width?.code == .copy)
        let nul = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try $0.copyIn(table: "entries", columns: ["id", "body"], rows: [[.int(1), .null], [.int(2), .text("a\u{0}")]]) }
        }
        #expect(nul?.code == .invalidArgument)
        let raw = await #expect(throws: PostgresError.self) { try await client.query("COPY entries FROM STDIN") }
        #expect(raw?.code == .copy)
        #expect(try await client.query("SELECT count(*) FROM entries").scalar(Int.self) == 0)
        await client.close()
    }
}
