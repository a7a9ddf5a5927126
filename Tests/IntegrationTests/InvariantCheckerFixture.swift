import Foundation
import Shared
import TestServers

/// A small, real data set for the InvariantChecker tests: its own redis-server, a CommandService
/// that registers three users, lists one auction with a reserve and takes three proxy bids over
/// HTTP (curl), and a QueryService that projects it into its own database and is then stopped.
/// Tests corrupt this copy (streams, read model, captured surfaces) and run the real checker.
///
/// The bids (starting price 10.00, reserve 50.00): B1 maximum 23.45 (price 10.00), B2 maximum
/// 15.00 (price 15.50, B1 leads), B2 maximum 67.89 (B2 leads; the reserve lifts the price to
/// 50.00). So 67.89 is a maximum that never became public.
final class InvariantCheckerFixture: Sendable {
    static let secret = "invariant-checker-tests-secret-01"
    static let hiddenMaximum: Int64 = 6_789

    let redis: RedisServer
    let databaseURL: String
    let folder: URL
    let auctionID: String
    let acknowledgedCommandIDs: [String]

    private init(redis: RedisServer, databaseURL: String, folder: URL, auctionID: String, acknowledged: [String]) {
        self.redis = redis
        self.databaseURL = databaseURL
        self.folder = folder
        self.auctionID = auctionID
        self.acknowledgedCommandIDs = acknowledged
    }

    static func make() async throws -> InvariantCheckerFixture {
        try await blocking { try build() }
    }

    private static func build() throws -> InvariantCheckerFixture {
        let redis = try RedisServer.start()
        let postgres = try TestEnvironment.postgres()
        let databaseURL = postgres.connectionString(database: try postgres.createDatabase(prefix: "checker"))
        let commandPort = try FreePort.next()
        let command = try ServiceProcess.start("CommandService", port: commandPort, arguments: [
            "--port", "\(commandPort)", "--redis-port", "\(redis.port)", "--session-secret", secret, "--partitions", "1",
        ])
        let base = "http://127.0.0.1:\(commandPort)"
        var tokens: [String] = []
        for name in ["checker-seller", "checker-b1", "checker-b2"] {
            let credentials = #"{"displayName":"\#(name)","password":"checker-password"}"#
            _ = try post(base + "/v1/users", credentials)
            tokens.append(try post(base + "/v1/sessions", credentials)["token"] as? String ?? "")
        }
        let auction = try post(base + "/v1/auctions", #"""
            {"title":"Checker lamp","description":"Brass","startingPrice":{"currency":"EUR","minorUnits":1000},
             "reservePrice":{"currency":"EUR","minorUnits":5000},"durationSeconds":3600}
            """#, token: tokens[0], key: "checker-auction")
        let auctionID = auction["auctionID"] as? String ?? ""
        var acknowledged: [String] = []
        var version = 0
        for (bidder, maximum) in [(1, 2_345), (2, 1_500), (2, Int(hiddenMaximum))] {
            let reply = try post(base + "/v1/auctions/\(auctionID)/bids", #"{"maximum":{"currency":"EUR","minorUnits":\#(maximum)}}"#,
                                 token: tokens[bidder], key: "checker-bid-\(maximum)")
            let events = reply["events"] as? [[String: Any]] ?? []
            acknowledged.append((events.first?["event"] as? [String: Any])?["commandID"] as? String ?? "")
            version = reply["version"] as? Int ?? 0
        }
        _ = command.stop()

        let queryPort = try FreePort.next()
        let query = try ServiceProcess.start("QueryService", port: queryPort, arguments: [
            "--port", "\(queryPort)", "--redis-port", "\(redis.port)", "--partitions", "1", "--database-url", databaseURL,
            "--migrations-dir", repositoryRoot().appendingPathComponent("migrations").path,
        ])
        let psql = try ChildProcess.find("psql")
        try ChildProcess.waitUntil(timeout: 30, what: "the read model at version \(version)") {
            let output = try? ChildProcess.run(psql, [databaseURL, "-tAc", "SELECT version FROM read_model.auctions"])
            return output?.trimmingCharacters(in: .whitespacesAndNewlines) == "\(version)"
        }
        _ = query.stop()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("surfaces"), withIntermediateDirectories: true)
        return InvariantCheckerFixture(redis: redis, databaseURL: databaseURL, folder: folder, auctionID: auctionID, acknowledged: acknowledged)
    }

    /// Runs the built InvariantChecker on this data set; `extraAcknowledged` adds recorded bids.
    func check(extraAcknowledged: [String] = [], readModel: Bool = true) async throws -> (status: Int32, output: String) {
        let lines = (acknowledgedCommandIDs + extraAcknowledged).map { #"{"auction":"\#(auctionID)","commandID":"\#($0)"}"# }
        let acknowledgedFile = folder.appendingPathComponent("acknowledged.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: acknowledgedFile, atomically: true, encoding: .utf8)
        var arguments = ["--redis-port", "\(redis.port)", "--partitions", "1", "--acknowledged", acknowledgedFile.path,
                         "--surfaces", folder.appendingPathComponent("surfaces").path, "--catch-up-timeout-seconds", "10"]
        if readModel { arguments += ["--database-url", databaseURL] }
        let log = folder.appendingPathComponent("checker-\(UUID().uuidString).txt")
        let executable = ServiceProcess.productsFolder.appendingPathComponent("InvariantChecker").path
        let status = try await Self.blocking { [arguments] in ChildProcess.wait(try ChildProcess.start(executable, arguments, logFile: log)) }
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Writes a captured surface file, as the load driver does.
    func capture(_ body: String, auction: String?) throws {
        let line: [String: Any] = ["surface": "rest", "source": "test", "auction": auction ?? NSNull(), "body": body]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        try (String(decoding: data, as: UTF8.self) + "\n").write(
            to: folder.appendingPathComponent("surfaces/rest.jsonl"), atomically: true, encoding: .utf8)
    }

    /// Runs one SQL statement on the read model.
    func sql(_ statement: String) async throws {
        let client = PostgresClient(connectionString: databaseURL, size: 1)
        do {
            try await client.query(statement)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    /// The auction's public events (JSON objects) in stream order, from the one partition.
    func publicEvents() async throws -> [[String: Any]] {
        let client = RedisClient(configuration: RedisConfiguration(port: redis.port, poolSize: 1))
        let reply = try await client.send("XRANGE", "auction:{p0}:events", "-", "+")
        await client.close()
        return (reply.array ?? []).compactMap { entry -> [String: Any]? in
            guard let fields = entry.array?.last?.array, let index = fields.firstIndex(where: { $0.string == "event" }),
                  let json = fields[index + 1].bytes else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any]
        }
    }

    /// XADDs `event` (a JSON envelope) to the public (or private) stream, as a broken writer would.
    func append(_ event: [String: Any], stream: String = "auction:{p0}:events") async throws {
        let json = try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys])
        let client = RedisClient(configuration: RedisConfiguration(port: redis.port, poolSize: 1))
        do {
            try await client.send("XADD", RedisArgument(stream), "*", "type", RedisArgument(event["type"] as? String ?? ""),
                                  "event", RedisArgument(Array(json)))
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    func stop() {
        redis.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// POST with curl; the reply's JSON object.
    private static func post(_ url: String, _ body: String, token: String? = nil, key: String? = nil) throws -> [String: Any] {
        var arguments = ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
        let output = try ExternalClient.curl(arguments + [url])
        return (try JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:]
    }

    private static func repositoryRoot(_ file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// Runs a blocking harness call (process start, curl, waitpid) off the cooperative pool.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let thread = WorkerThread(name: "checker-test-blocking")
        defer { thread.stop() }
        return try await thread.run(body)
    }
}
