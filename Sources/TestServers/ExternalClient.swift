import Foundation

/// Runs the independent clients the tests talk to the servers with: curl and the Python
/// `websockets` script in `Tests/clients`. Blocking waits happen on the caller's thread, so
/// async tests call these from a `WorkerThread`.
package enum ExternalClient {
    /// Runs curl with `arguments` and returns its output.
    package static func curl(_ arguments: [String]) throws -> String {
        try ChildProcess.run(try ChildProcess.find("curl"), ["-sS", "--max-time", "20"] + arguments)
    }

    /// The Python WebSocket client script.
    package static func webSocketScript(from testFile: String = #filePath) -> String {
        var url = URL(fileURLWithPath: testFile)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Tests/clients/ws_client.py").path
    }

    /// Runs the WebSocket client to completion and returns its JSON lines.
    package static func webSocket(_ arguments: [String]) throws -> [ClientLine] {
        let output = try ChildProcess.run(try ChildProcess.find("python3"), [webSocketScript()] + arguments)
        return jsonLines(output)
    }

    /// Starts the WebSocket client in the background; read its output with `jsonLines(of:)`.
    package static func startWebSocket(_ arguments: [String]) throws -> (pid: pid_t, log: URL) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("auction-ws-\(UUID().uuidString).log")
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), [webSocketScript()] + arguments, logFile: log)
        return (pid, log)
    }

    /// Sends `request` as raw bytes (NUL, CR and LF wherever it holds them) to a local port with
    /// `Tests/clients/raw_http.py` and returns the response's status (nil when the server closed
    /// the connection without one) and body.
    package static func rawHTTP(port: Int, _ request: [UInt8]) throws -> RawHTTPReply {
        let script = webSocketScript().replacingOccurrences(of: "ws_client.py", with: "raw_http.py")
        let output = try ChildProcess.run(try ChildProcess.find("python3"), [script, String(port), Data(request).base64EncodedString()])
        return try JSONDecoder().decode(RawHTTPReply.self, from: Data(output.utf8))
    }

    package static func jsonLines(of log: URL) -> [ClientLine] {
        jsonLines((try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    package static func jsonLines(_ text: String) -> [ClientLine] {
        text.split(separator: "\n").compactMap { try? JSONDecoder().decode(ClientLine.self, from: Data($0.utf8)) }
    }
}

/// What `Tests/clients/raw_http.py` saw.
package struct RawHTTPReply: Decodable, Sendable {
    package var status: Int?
    package var body: String
}

/// One JSON line printed by `Tests/clients/ws_client.py`; each mode fills some fields.
package struct ClientLine: Decodable, Sendable {
    package var reply: String?
    package var extensions: [String]?
    package var status: String?
    package var code: Int?
    package var reason: String?
    package var received: Int?
    package var distinct: [String]?
    package var ready: Bool?
    package var frames: Int?
}
