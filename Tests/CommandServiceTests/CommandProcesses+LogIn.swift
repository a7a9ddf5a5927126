import Foundation
import Shared
import TestServers

/// Log-in helpers for the throttling tests: register and log in through curl, with an optional
/// `X-Forwarded-For` header (which `CommandProcesses.curl` does not send).
extension CommandProcesses {
    static let password = "correct horse battery"

    /// Registers `name` with ``password`` on instance 0.
    func register(_ name: String) async throws {
        let reply = try await curl(0, "/v1/users", body: #"{"displayName":"\#(name)","password":"\#(Self.password)"}"#)
        guard reply.status == 201 else { throw FixtureError("registering \(name): \(reply.status) \(reply.text)") }
    }

    /// `POST /v1/sessions` on instance `instance` as `name` with `password`, from `forwardedFor` if given.
    func logIn(_ name: String, password: String, forwardedFor: String? = nil, on instance: Int = 0) async throws -> Reply {
        let body = #"{"displayName":"\#(name)","password":"\#(password)"}"#
        return try await post("/v1/sessions", body: body, headers: forwardedFor.map { ["X-Forwarded-For: \($0)"] } ?? [], on: instance)
    }

    /// POST with curl and any raw header lines (`"Name: value"`).
    func post(_ path: String, body: String?, headers: [String], on instance: Int = 0) async throws -> Reply {
        var arguments = ["-X", "POST", "-D", "-", "-o", "-", "-H", "Content-Type: application/json"]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["--data-binary", body] }
        arguments.append(url(instance, path))
        let output = try await WorkerThread.blocking { [arguments] in try ExternalClient.curl(arguments) }
        return Self.parse(output)
    }

    /// Logs in with a wrong password; throws unless the answer is the expected `status`.
    func fail(_ name: String, forwardedFor: String? = nil, expect status: Int = 401, on instance: Int = 0) async throws {
        let reply = try await logIn(name, password: "wrong password", forwardedFor: forwardedFor, on: instance)
        guard reply.status == status else { throw FixtureError("\(name) from \(forwardedFor ?? "peer"): \(reply.status), expected \(status)") }
    }

    /// Splits curl's `-D - -o -` output into status, headers (lower-case names) and body.
    static func parse(_ output: String) -> Reply {
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
}
