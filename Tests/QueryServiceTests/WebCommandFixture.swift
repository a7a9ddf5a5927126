import Foundation
import Shared
import TestServers
@testable import QueryService

/// A real CommandService process on a node's Redis, with the test secret, and a browser-like
/// curl session (its own cookie jar) to drive the forms.
struct WebCommandFixture {
    let node: WebTestbed
    let commands: ServiceProcess

    static func start() async throws -> WebCommandFixture {
        let projection = try await ProjectionTestbed.make()
        let redisPort = projection.redisServer.port
        let commands = try await WebTestbed.clients.run {
            let port = try FreePort.next()
            return try ServiceProcess.start("CommandService", port: port, arguments: [
                "--host", "127.0.0.1", "--port", "\(port)", "--redis-port", "\(redisPort)", "--partitions", "\(projection.layout.partitionCount)",
                "--session-secret", WebTestbed.secret, "--log-level", "warning",
            ])
        }
        let node = try await WebTestbed.make(commandURLs: [URL(string: "http://127.0.0.1:\(commands.port)")!], projection: projection)
        return WebCommandFixture(node: node, commands: commands)
    }

    func close() async {
        _ = commands.stop()
        await node.close()
    }
}

/// One browser on one node: a cookie jar, and helpers that submit the forms of the pages it got.
struct Browser {
    /// The node's base URL, e.g. `http://127.0.0.1:8081`.
    let base: String
    let jar = FileManager.default.temporaryDirectory.appendingPathComponent("jar-\(UUID().uuidString)").path

    init(base: String) { self.base = base }

    init(node: WebTestbed) { self.init(base: node.base) }

    /// GET a page; returns the body.
    func get(_ path: String) async throws -> String { try await curl(["-c", jar, "-b", jar, path]) }

    /// curl with paths of this node made absolute.
    func curl(_ arguments: [String]) async throws -> String {
        let base = self.base
        let absolute = arguments.map { $0.hasPrefix("/") && !$0.hasPrefix("/dev/") && !$0.hasPrefix("/tmp/") ? base + $0 : $0 }
        return try await WebTestbed.clients.run { try ExternalClient.curl(absolute) }
    }

    /// Posts `fields` (plus the page's CSRF token and hidden fields of `formAction`) and returns
    /// the status line, headers and body of the answer.
    func submit(_ page: String, to path: String, _ fields: [String: String], csrf: String? = nil) async throws -> (status: Int, headers: String, body: String) {
        var all = fields
        all["csrf"] = csrf ?? WebPageTests.csrf(in: page) ?? ""
        for name in ["requestKey", "next"] where all[name] == nil {
            if let value = Self.hidden(name, in: page) { all[name] = value }
        }
        let body = all.map { "\(FormBody.encode($0.key))=\(FormBody.encode($0.value))" }.joined(separator: "&")
        return WebPageTests.split(try await curl(["-i", "-c", jar, "-b", jar, "--data-binary", body, path]))
    }

    /// The value of the cookie `name` in the jar.
    func cookie(_ name: String) throws -> String? {
        let text = try String(contentsOfFile: jar, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let columns: [Substring] = line.split(separator: "\t", omittingEmptySubsequences: false)
            if columns.count == 7 && columns[5] == name { return String(columns[6]) }
        }
        return nil
    }

    static func hidden(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
