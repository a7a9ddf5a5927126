import Foundation
import Synchronization

/// Bidder threads that each place bids, one at a time on their own keep-alive connection, until
/// a deadline, timing every request.
///
/// Maximums grow with time (10 cents per microsecond since the start), so a bid placed later is
/// always higher and nearly every bid beats the visible price plus its increment; the bids that
/// still lose a race on a hot auction come back as 4xx and are counted apart.
struct BidLoad {
    var host = "127.0.0.1"
    var port: Int
    var tokens: [String]
    var auctions: [String]
    var seconds: Double
    /// Bids per second per bidder, or nil for as fast as the server answers.
    var ratePerBidder: Double?
    /// Called with the auction and the monotonic time of each 2xx answer (bid-to-screen uses it).
    var onAccepted: @Sendable (String, UInt64) -> Void = { _, _ in }

    struct Outcome {
        var accepted = 0
        var statuses: [Int: Int] = [:]
        var errors = 0
        var elapsed = 0.0
    }

    func run(latency: LatencyRecorder) -> Outcome {
        let outcome = Mutex(Outcome())
        let group = DispatchGroup()
        let start = MonotonicClock.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        for (index, token) in tokens.enumerated() {
            group.enter()
            let thread = Thread { [self] in
                let local = bid(index: index, token: token, start: start, deadline: deadline, latency: latency)
                outcome.withLock { total in
                    total.accepted += local.accepted
                    total.errors += local.errors
                    total.statuses.merge(local.statuses, uniquingKeysWith: +)
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        var result = outcome.withLock { $0 }
        result.elapsed = MonotonicClock.seconds(since: start)
        return result
    }

    private func bid(index: Int, token: String, start: UInt64, deadline: UInt64, latency: LatencyRecorder) -> Outcome {
        let api = AuctionAPI(host: host, port: port, keyPrefix: "bid-\(UUID().uuidString.prefix(8))-\(index)")
        var outcome = Outcome()
        var generator = SystemRandomNumberGenerator()
        var next = start + UInt64(Double(index) / Double(tokens.count) * (ratePerBidder.map { 1e9 / $0 } ?? 0))
        while true {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline else { break }
            if let rate = ratePerBidder {
                if now < next { usleep(UInt32((next - now) / 1_000)) }
                next += UInt64(1e9 / rate)
            }
            let auction = auctions[Int.random(in: 0..<auctions.count, using: &generator)]
            let sent = MonotonicClock.nanoseconds()
            let maximum = 10_00 + Int64((sent - start) / 1_000) * 10
            do {
                let status = try api.bid(token: token, auction: auction, maximumMinorUnits: maximum)
                let answered = MonotonicClock.nanoseconds()
                outcome.statuses[status, default: 0] += 1
                if (200..<300).contains(status) {
                    outcome.accepted += 1
                    latency.record(nanoseconds: answered - sent)
                    onAccepted(auction, answered)
                }
            } catch {
                outcome.errors += 1
                if outcome.errors == 1 { progress("bidder \(index): \(error)") }
            }
        }
        return outcome
    }
}
