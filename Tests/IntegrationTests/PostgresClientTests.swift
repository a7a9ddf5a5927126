import Foundation
import Shared
import Synchronization
import Testing

/// Transactions and the connection pool of `PostgresClient` against a real server.
@Suite struct PostgresClientTests {
    struct Refusal: Error {}

    @Test func commitsATransactionWhoseBodySucceeds() async throws {
        let client = try await PostgresTestDatabase.make().client()
        try await client.query("CREATE TABLE bids (id int8 PRIMARY KEY)")
        let value = try await client.withTransaction { connection in
            try connection.query("INSERT INTO bids VALUES ($1)", [.int(1)])
            try connection.query("INSERT INTO bids VALUES ($1)", [.int(2)])
            return "done"
        }
        #expect(value == "done")
        #expect(try await client.query("SELECT count(*) FROM bids").scalar(Int.self) == 2)
        await client.close()
    }

    @Test func rollsBackWhenTheBodyThrowsASwiftError() async throws {
        let client = try await PostgresTestDatabase.make().client()
        try await client.query("CREATE TABLE bids (id int8 PRIMARY KEY)")
        await #expect(throws: Refusal.self) {
            try await client.withTransaction { connection in
                try connection.query("INSERT INTO bids VALUES ($1)", [.int(1)])
                throw Refusal()
            }
        }
        #expect(try await client.query("SELECT count(*) FROM bids").scalar(Int.self) == 0)
        await client.close()
    }

    @Test func rollsBackWhenTheServerRejectsAStatement() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE bids (id int8 PRIMARY KEY)")
        let error = await #expect(throws: PostgresError.self) {
            try await client.withTransaction { connection in
                try connection.query("INSERT INTO bids VALUES ($1)", [.int(1)])
                try connection.query("INSERT INTO bids VALUES ($1)", [.int(1)])
            }
        }
        #expect(error?.sqlState == "23505")
        #expect(try await client.query("SELECT count(*) FROM bids").scalar(Int.self) == 0)
        // The connection left no transaction open behind it.
        #expect(try await client.withConnection { try $0.query("SELECT 1").count } == 1)
        await client.close()
    }

    @Test func refusesToCommitATransactionAbortedByACaughtServerError() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        try await client.query("CREATE TABLE bids (id int8 PRIMARY KEY)")
        let error = await #expect(throws: PostgresError.self) {
            try await client.withTransaction { connection in
                try connection.query("INSERT INTO bids VALUES ($1)", [.int(1)])
                _ = try? connection.query("SELECT * FROM no_such_table")
            }
        }
        #expect(error?.code == .transaction)
        #expect(try await client.query("SELECT count(*) FROM bids").scalar(Int.self) == 0)
        await client.close()
    }

    @Test func landsOneHundredConcurrentInsertsThroughAPoolOfFour() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 4)
        try await client.query("CREATE TABLE bids (id int8 PRIMARY KEY, backend int8 NOT NULL)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...100 {
                group.addTask {
                    try await client.query("INSERT INTO bids VALUES ($1, pg_backend_pid())", [.int(Int64(id))])
                }
            }
            try await group.waitForAll()
        }
        let summary = try await client.query("SELECT count(*) AS n, count(DISTINCT backend) AS backends, sum(id) AS total FROM bids")[0]
        #expect(try summary.decode(Int.self, "n") == 100)
        #expect(try summary.decode(Int.self, "total") == 5050)
        #expect(try summary.decode(Int.self, "backends") <= 4)
        await client.close()
    }

    @Test func cancelsATaskWaitingForABusyPool() async throws {
        let client = try await PostgresTestDatabase.make().client(size: 1)
        let busyFinished = Mutex(false)
        let busy = Task {
            try await client.query("SELECT pg_sleep(30)")  // far longer than a loaded machine takes to get to the cancel
            busyFinished.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(100))
        let waiting = Task { try await client.query("SELECT 1") }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        // Not a timing bound: the waiter's cancellation must not have waited for the busy connection.
        #expect(!busyFinished.withLock { $0 }, "cancellation does not wait for the busy connection")
        _ = try await busy.value
        #expect(try await client.query("SELECT 2").scalar(Int.self) == 2)
        await client.close()
    }

    @Test func failsCallsAfterCloseAndClosesTwiceHarmlessly() async throws {
        let client = try await PostgresTestDatabase.make().client()
        #expect(try await client.query("SELECT 1").scalar(Int.self) == 1)
        await client.close()
        await client.close()
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error?.code == .connection)
    }
}
