import Foundation
import Shared
import Testing

/// `MigrationRunner` against a real server, with migration folders made per test.
@Suite struct MigrationRunnerTests {
    /// A temporary folder of migration files, removed by `remove()`.
    struct Folder {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("migrations-\(UUID().uuidString)")

        init(_ files: [String: String]) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, sql) in files { try write(name, sql) }
        }

        func write(_ name: String, _ sql: String) throws {
            try sql.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func recorded(_ client: PostgresClient) async throws -> [Int] {
        try await client.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode(Int.self, "version") }
    }

    @Test func appliesFilesInNumericOrderRecordsThemAndAppliesNothingTheSecondTime() async throws {
        let folder = try Folder([
            "9999_create_lots.sql": "CREATE TABLE lots (id int8 PRIMARY KEY, title text NOT NULL);\nCREATE INDEX lots_title ON lots (title);",
            "10000_seed_lot.sql": "INSERT INTO lots VALUES (1, 'first; with a semicolon');",
            "0005_create_bidders.sql": "CREATE TABLE bidders (id int8 PRIMARY KEY);",
            "README.md": "not a migration",
        ])
        defer { folder.remove() }
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let runner = MigrationRunner(directory: folder.url)
        #expect(try await runner.run(on: client) == [5, 9999, 10000])
        #expect(try await Self.recorded(client) == [5, 9999, 10000])
        let record = try await client.query("SELECT name, checksum, applied_at FROM schema_migrations WHERE version = $1", [.int(10000)])[0]
        #expect(try record.decode(String.self, "name") == "seed_lot")
        #expect(try record.decode(String.self, "checksum").count == 64)
        #expect(try record.decode(Date.self, "applied_at").timeIntervalSinceNow > -60)
        #expect(try await runner.run(on: client) == [])
        #expect(try await client.query("SELECT count(*) FROM lots").scalar(Int.self) == 1)
        await client.close()
    }

    @Test func refusesToStartWhenAnAppliedFileWasChanged() async throws {
        let folder = try Folder(["0001_create_lots.sql": "CREATE TABLE lots (id int8);"])
        defer { folder.remove() }
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let runner = MigrationRunner(directory: folder.url)
        try await runner.run(on: client)
        try folder.write("0001_create_lots.sql", "CREATE TABLE lots (id int8, extra text);")
        try folder.write("0002_more.sql", "CREATE TABLE more (id int8);")
        let error = await #expect(throws: MigrationError.self) { try await runner.run(on: client) }
        #expect(error?.reason == .checksumChanged(version: 1, name: "create_lots"))
        #expect(try await Self.recorded(client) == [1])
        await client.close()
    }

    @Test func leavesEarlierMigrationsAppliedAndRollsBackTheOneThatFails() async throws {
        let folder = try Folder([
            "0001_create_lots.sql": "CREATE TABLE lots (id int8);",
            "0002_broken.sql": "CREATE TABLE half_done (id int8);\nINSERT INTO lots VALUES (1);\nSELECT 1 / 0;",
            "0003_after.sql": "CREATE TABLE after_broken (id int8);",
        ])
        defer { folder.remove() }
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let runner = MigrationRunner(directory: folder.url)
        let error = await #expect(throws: MigrationError.self) { try await runner.run(on: client) }
        #expect(error?.reason == .failed(version: 2, name: "broken"))
        #expect((error?.underlying as? PostgresError)?.sqlState == "22012")
        #expect(try await Self.recorded(client) == [1])
        let leftovers = try await client.query("SELECT to_regclass('half_done') IS NULL AS gone, (SELECT count(*) FROM lots) AS lots")[0]
        #expect(try leftovers.decode(Bool.self, "gone"))
        #expect(try leftovers.decode(Int.self, "lots") == 0)
        try folder.write("0002_broken.sql", "CREATE TABLE half_done (id int8);")
        #expect(try await runner.run(on: client) == [2, 3])
        await client.close()
    }

    @Test(arguments: [
        (["1_short.sql"], MigrationError.Reason.malformedFileName("1_short.sql")),
        (["0001-dash.sql"], .malformedFileName("0001-dash.sql")),
        (["0001_Upper.sql"], .malformedFileName("0001_Upper.sql")),
        (["0001_.sql"], .malformedFileName("0001_.sql")),
        (["0001_a.sql", "0001_b.sql"], .duplicateVersion(1)),
    ])
    func rejectsMalformedNamesAndDuplicateVersionsBeforeTouchingTheDatabase(files: [String], reason: MigrationError.Reason) async throws {
        let folder = try Folder(Dictionary(uniqueKeysWithValues: files.map { ($0, "CREATE TABLE t (id int8);") }))
        defer { folder.remove() }
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let error = await #expect(throws: MigrationError.self) { try await MigrationRunner(directory: folder.url).run(on: client) }
        #expect(error?.reason == reason)
        #expect(try await client.query("SELECT to_regclass('schema_migrations') IS NULL").scalar(Bool.self))
        await client.close()
    }

    @Test func appliesEachFileExactlyOnceWhenTwoRunnersStartTogether() async throws {
        let folder = try Folder([
            "0001_create_counter.sql": "CREATE TABLE counter (n int8);",
            "0002_slow.sql": "SELECT pg_sleep(0.3);",
            "0003_count_once.sql": "INSERT INTO counter VALUES (1);",
        ])
        defer { folder.remove() }
        let database = try await PostgresTestDatabase.make()
        let (first, second) = (database.client(size: 1), database.client(size: 1))
        let runner = MigrationRunner(directory: folder.url)
        async let a = runner.run(on: first)
        async let b = runner.run(on: second)
        let (appliedByA, appliedByB) = try await (a, b)
        #expect((appliedByA + appliedByB).sorted() == [1, 2, 3])
        #expect(appliedByA.isEmpty || appliedByB.isEmpty, "the second runner waited for the lock, then found nothing to do")
        #expect(try await first.query("SELECT count(*) FROM counter").scalar(Int.self) == 1)
        #expect(try await Self.recorded(first) == [1, 2, 3])
        await first.close()
        await second.close()
    }

    @Test func appliesTheRepositorysOwnMigrationsCleanly() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let runner = MigrationRunner(directory: repository.appendingPathComponent("migrations"))
        let applied = try await runner.run(on: client)
        #expect(applied.first == 1)
        #expect(try await runner.run(on: client) == [])
        try await client.query("INSERT INTO projection_checkpoints (partition, entry_id) VALUES ($1, $2)", [.int(3), .text("1700000000000-0")])
        let row = try await client.query("SELECT entry_id, updated_at FROM projection_checkpoints WHERE partition = $1", [.int(3)])[0]
        #expect(try row.decode(String.self, "entry_id") == "1700000000000-0")
        #expect(try row.decode(Date.self, "updated_at").timeIntervalSinceNow > -60)
        await client.close()
    }
}
