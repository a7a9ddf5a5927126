import AuctionDomain
import Foundation
import Shared
import TestServers

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Real CommandService processes over one isolated redis-server, and the clients tests talk to
/// them with: curl (`curl(...)`) and, for many concurrent clients, URLSession (`post(...)`).
struct CommandProcesses: Sendable {
    static let secret = "command-tests-secret-0123456789"

    let redis: RedisServer
    let instances: [ServiceProcess]

    /// Starts one process per element of `arguments` (extra flags for that instance), runs `body`,
    /// then stops them (SIGTERM) and the Redis server.
    static func with<T: Sendable>(_ arguments: [[String]], _ body: @Sendable (CommandProcesses) async throws -> T) async throws -> T {
        let redis = try await WorkerThread.blocking { try RedisServer.start() }
        var instances: [ServiceProcess] = []
        do {
            for extra in arguments {
                let port = try FreePort.next()
                let flags = ["--port", "\(port)", "--redis-port", "\(redis.port)", "--session-secret", secret,
                             "--closer-interval-ms", "100"] + extra
                instances.append(try await WorkerThread.blocking { try ServiceProcess.start("CommandService", port: port, arguments: flags) })
            }
            let processes = CommandProcesses(redis: redis, instances: instances)
            let result = try await body(processes)
            processes.stop()
            return result
        } catch {
            CommandProcesses(redis: redis, instances: instances).stop()
            throw error
        }
    }

    func stop() {
        for instance in instances {
            kill(instance.pid, SIGCONT)
            _ = instance.stop()
        }
        redis.stop()
    }

    func url(_ instance: Int, _ path: String) -> String { "http://127.0.0.1:\(instances[instance].port)\(path)" }

    /// A session token for `user`, signed with the services' secret (what `POST /v1/sessions` issues).
    static func token(for user: UserID) throws -> String {
        try SessionTokenSigner(secret: secret).issue(userID: user.rawValue, expiresAt: Int64(Date().timeIntervalSince1970) + 3_600)
    }

    /// A reply: status and body.
    struct Reply: Sendable {
        let status: Int
        let body: [UInt8]
        let headers: [String: String]

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]) ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// POST with curl (an independent client). `body` is sent as is.
    func curl(_ instance: Int, _ path: String, body: String?, token: String? = nil, key: String? = nil) async throws -> Reply {
        var arguments = ["-X", "POST", "-D", "-", "-o", "-", "-H", "Content-Type: application/json"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
        if let body { arguments += ["--data-binary", body] }
        arguments.append(url(instance, path))
        let output = try await WorkerThread.blocking { [arguments] in try ExternalClient.curl(arguments) }
        let parts = output.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        var headers: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return Reply(status: status, body: Array(parts.dropFirst().joined(separator: "\r\n\r\n").utf8), headers: headers)
    }

    /// POST with URLSession, for many concurrent clients.
    static func post(_ session: URLSession, _ url: String, json: String, token: String, key: String) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(key, forHTTPHeaderField: "Idempotency-Key")
        let (data, response) = try await session.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: Array(data), headers: [:])
    }
}
