/// Read-your-writes for commands relayed through this node: after the CommandService accepted a
/// command that brought an aggregate to version V, the node answers (redirect, WebSocket result)
/// only once its OWN read model shows that aggregate at V or later, so the user's next read from
/// this node includes their write.
///
/// The wait is bounded: a projection that lags more than `timeout` does not hold the user
/// forever; the answer then goes out anyway (the command did succeed) and the page catches up
/// through live updates.
struct ReadYourWritesGate: Sendable {
    let reader: ReadModelReader
    var timeout: Duration = .seconds(2)
    var interval: Duration = .milliseconds(15)

    /// Waits until the read model has `auctionID` at `version` or later. Returns the read-model
    /// position then (at or after the write), or nil when the wait timed out.
    func auction(_ auctionID: String, atLeast version: Int64) async -> Int64? {
        await poll {
            guard let record = try await reader.auction(auctionID), record.version >= version else { return false }
            return true
        }
    }

    /// Waits until the read model knows the user (their registration was projected).
    func user(_ userID: String) async -> Int64? {
        await poll { try await reader.user(userID) != nil }
    }

    /// Polls `isVisible` until it is true or the deadline passes. A failing read counts as "not
    /// yet": the database may be restarting, and the wait is bounded anyway.
    private func poll(_ isVisible: @Sendable () async throws -> Bool) async -> Int64? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if (try? await isVisible()) == true, let position = try? await reader.position() { return position }
            guard clock.now < deadline else { return nil }
            do { try await Task.sleep(for: interval) } catch { return nil }
        }
    }
}
