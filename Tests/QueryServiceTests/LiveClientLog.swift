import Foundation
import Shared
import Testing
import TestServers

/// A client process and its log, read as it grows (one JSON object per line) without rereading.
final class ClientLog {
    let url: URL
    let pid: pid_t
    /// Once reaped, the pid may belong to another process: never signal it again.
    private var reaped = false
    private var consumed: UInt64 = 0
    private(set) var lines: [[String: Any]] = []
    private(set) var lastPosition: Int64 = 0

    init(url: URL, pid: pid_t) {
        self.url = url
        self.pid = pid
    }

    /// Waits on `worker` for the client to exit, then reads the rest of its log.
    func waitForExit(on worker: WorkerThread) async throws {
        let pid = self.pid
        _ = try await worker.run { ChildProcess.wait(pid) }
        reaped = true
        refresh()
    }

    /// Parses the complete lines written since the last call.
    func refresh() {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: consumed)) != nil, let data = try? handle.readToEnd(),
              let end = data.lastIndex(of: 10) else { return }
        consumed += UInt64(end - data.startIndex + 1)
        for line in data[..<end].split(separator: 10) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            lines.append(object)
            if let position = ((object["frame"] as? [String: Any])?["position"] as? NSNumber)?.int64Value {
                lastPosition = max(lastPosition, position)
            }
        }
    }

    /// Waits (generously) until an update at `position` or later has arrived.
    func waitForPosition(_ position: Int64) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while lastPosition < position, ContinuousClock.now < deadline {
            refresh()
            if lastPosition < position { try await Task.sleep(for: .milliseconds(1)) }
        }
        try #require(lastPosition >= position, "update \(position) never arrived; last \(lastPosition), closed \(String(describing: closeCode))")
    }

    var frames: [[String: Any]] { lines.compactMap { $0["frame"] as? [String: Any] } }

    var updatePositions: [Int64] {
        frames.filter { $0["type"] as? String == "update" }.compactMap { ($0["position"] as? NSNumber)?.int64Value }
    }

    var closeCode: Int? { lines.first { $0["closed"] != nil }?["closed"] as? Int }
    /// Ends the client if it still runs and deletes its log (a healthy client's log holds every update).
    func finish() {
        if !reaped { ChildProcess.stop(pid, signal: SIGKILL) }
        reaped = true
        try? FileManager.default.removeItem(at: url)
    }

    var closeReason: String? { lines.first { $0["closed"] != nil }?["reason"] as? String }
}
