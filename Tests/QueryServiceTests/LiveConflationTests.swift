import AuctionDomain
import Shared
import Synchronization
import Testing
@testable import QueryService

/// A connection whose queue already holds a frame of every topic (so each send conflates), or
/// is full (so each send overflows).
final class SaturatedSink: LiveSink {
    let id: UInt64
    let result: WebSocketSendResult
    private let keys = Mutex<[String?]>([])

    init(id: UInt64, result: WebSocketSendResult) {
        self.id = id
        self.result = result
    }

    func send(_ message: LiveOutbound, conflationKey: String?) -> WebSocketSendResult {
        keys.withLock { $0.append(conflationKey) }
        return result
    }

    var conflationKeys: [String?] { keys.withLock { $0 } }
}

/// The hub's side of slow consumers: frames go out under the topic's conflation key, so the
/// server's queue keeps only the latest state of each fragment; conflations and overflows are counted.
@Suite struct LiveConflationTests {
    @Test func sendsUnderTheTopicsConflationKeyAndCountsConflatedAndOverflowedSends() async throws {
        let hub = LiveFixtures.hub()
        let slow = SaturatedSink(id: 1, result: .conflated)
        let stuck = SaturatedSink(id: 2, result: .overflowed)
        let healthy = RecordingSink(id: 3)
        for sink in [slow, stuck, healthy] as [any LiveSink] { _ = await hub.subscribe([.auction("a1")], after: 0, sink: sink) }
        await hub.process([try LiveFixtures.created(1, "a1")])
        await hub.process([LiveFixtures.bid(2, "a1", version: 2, bidder: "bob", number: 1)])

        #expect(slow.conflationKeys == ["auction:a1", "auction:a1"])
        let statistics = await hub.statistics
        #expect(statistics.conflated == 2)
        #expect(statistics.overflowed == 2)
        // The others' trouble does not change what a healthy connection gets.
        #expect(healthy.positions == [1, 2])
    }
}
