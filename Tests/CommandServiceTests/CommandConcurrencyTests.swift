import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Two CommandService processes over one Redis, many clients at once.
@Suite(.serialized) struct CommandConcurrencyTests {
    private struct Sent: Sendable {
        let bidder: UserID
        let key: String
        let status: Int
    }

    @Test func fiftyClientsOnTwoInstancesKeepTheLogContiguousAndEveryAcknowledgedBidExactlyOnce() async throws {
        try await CommandProcesses.with([[], []]) { service in
            let lot = #"{"title":"Contested","startingPrice":{"currency":"EUR","minorUnits":100},"durationSeconds":900}"#
            let created = try await service.curl(0, "/v1/auctions", body: lot, token: try CommandProcesses.token(for: "seller"), key: "lot")
            let auctionID = AuctionID(try #require(created.json["auctionID"] as? String))
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpMaximumConnectionsPerHost = 64
            configuration.timeoutIntervalForRequest = 60
            let session = URLSession(configuration: configuration)

            let sent = try await withThrowingTaskGroup(of: [Sent].self) { group in
                for client in 0..<50 {
                    group.addTask {
                        let bidder = UserID("bidder-\(client)")
                        let token = try CommandProcesses.token(for: bidder)
                        var sent: [Sent] = []
                        for round in 0..<4 {
                            let amount = Int64.random(in: 100...(2_000 + 2_000 * Int64(round)))
                            let key = "c\(client)-r\(round)"
                            let json = #"{"maximum":{"currency":"EUR","minorUnits":\#(amount)}}"#
                            let url = service.url((client + round) % 2, "/v1/auctions/\(auctionID)/bids")
                            let reply = try await CommandProcesses.post(session, url, json: json, token: token, key: key)
                            sent.append(Sent(bidder: bidder, key: key, status: reply.status))
                        }
                        return sent
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            session.finishTasksAndInvalidate()

            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let layout = EventStreamLayout()
            let history = try await AuctionLogReader(redis: redis, layout: layout).history(of: auctionID)
            let snapshotBytes = try await redis.send("HGET", RedisArgument(AuctionKeys(auctionID: auctionID, layout: layout).snapshot), "state").bytes
            await redis.close()

            #expect(sent.count == 200)
            #expect(sent.allSatisfy { [201, 409, 503].contains($0.status) })
            let accepted = sent.filter { $0.status == 201 }
            #expect(accepted.count > 10)

            let events = history.compactMap(\.publicEnvelope)
            #expect(events.map(\.version) == Array(1...Int64(events.count)))
            let prices = events.compactMap { if case .priceChanged(let change) = $0.event { change.price.minorUnits } else { nil } }
            #expect(prices == prices.sorted())
            var bidsByCommand: [CommandID: Int] = [:]
            for event in events { if case .bidAccepted = event.event { bidsByCommand[event.commandID, default: 0] += 1 } }
            for bid in sent {
                let commandID = CommandIdentity.bid(bidder: bid.bidder, auctionID: auctionID, key: bid.key)
                #expect(bidsByCommand[commandID, default: 0] == (bid.status == 201 ? 1 : 0), "\(bid)")
            }
            let replayed = try Auction.replay(history)
            let snapshot = try snapshotBytes.map(AuctionSnapshotCoding.decode)
            #expect(replayed == snapshot)
            #expect(replayed?.bidCount == accepted.count)
        }
    }

    @Test func aStoppedLockHolderResumedAfterItsLeaseCannotAppendItsStaleDecision() async throws {
        let slow = ["--lock-lease-ms", "300", "--pause-before-commit-ms", "1500"]
        try await CommandProcesses.with([slow, []]) { service in
            let lot = #"{"title":"Fenced","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":900}"#
            let created = try await service.curl(1, "/v1/auctions", body: lot, token: try CommandProcesses.token(for: "seller"), key: "lot")
            let auctionID = AuctionID(try #require(created.json["auctionID"] as? String))
            let bids = "/v1/auctions/\(auctionID)/bids"

            let late = Task {
                try await service.curl(0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":1000}}"#,
                                       token: try CommandProcesses.token(for: "late"), key: "late")
            }
            try await Task.sleep(for: .milliseconds(200))  // instance 0 now holds the lock, paused before committing
            kill(service.instances[0].pid, SIGSTOP)
            try await Task.sleep(for: .milliseconds(600))  // its lease runs out while it is stopped
            let prompt = try await service.curl(1, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":800}}"#,
                                                token: try CommandProcesses.token(for: "prompt"), key: "prompt")
            #expect(prompt.status == 201)
            kill(service.instances[0].pid, SIGCONT)
            let lateReply = try await late.value
            #expect(lateReply.status == 201)

            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let history = try await AuctionLogReader(redis: redis, layout: EventStreamLayout()).history(of: auctionID)
            await redis.close()
            let events = history.compactMap(\.publicEnvelope)
            #expect(events.map(\.version) == Array(1...Int64(events.count)))
            let bidCommands = events.filter { if case .bidAccepted = $0.event { true } else { false } }.map(\.commandID)
            // The stale decision (made before "prompt") was refused; "late" was decided again after it.
            #expect(bidCommands == [
                CommandIdentity.bid(bidder: "prompt", auctionID: auctionID, key: "prompt"),
                CommandIdentity.bid(bidder: "late", auctionID: auctionID, key: "late"),
            ])
            #expect(service.instances[0].output.contains("commit refused"))
        }
    }

    @Test func twoInstancesCloseEachEndedAuctionExactlyOnce() async throws {
        try await CommandProcesses.with([[], []]) { service in
            let sellerToken = try CommandProcesses.token(for: "seller")
            var auctions: [AuctionID] = []
            for index in 0..<8 {
                let lot = #"{"title":"Lot \#(index)","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":900}"#
                let created = try await service.curl(index % 2, "/v1/auctions", body: lot, token: sellerToken, key: "lot-\(index)")
                auctions.append(AuctionID(try #require(created.json["auctionID"] as? String)))
            }
            _ = try await service.curl(0, "/v1/auctions/\(auctions[0])/bids", body: #"{"maximum":{"currency":"EUR","minorUnits":900}}"#,
                                       token: try CommandProcesses.token(for: "bob"))
            let redis = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let layout = EventStreamLayout()
            let now = try await redis.time().milliseconds
            for auction in auctions { try await CommandFixture.moveEnd(of: auction, to: now, redis: redis, layout: layout) }

            var closings: [AuctionID: Int] = [:]
            for _ in 0..<40 where closings.count < auctions.count || closings.values.contains(0) {
                try await Task.sleep(for: .milliseconds(100))
                for auction in auctions {
                    let events = try await AuctionLogReader(redis: redis, layout: layout).history(of: auction).compactMap(\.publicEnvelope)
                    closings[auction] = events.filter { if case .auctionClosed = $0.event { true } else { false } }.count
                }
            }
            try await Task.sleep(for: .milliseconds(500))  // several more polls of both closers
            for auction in auctions {
                let events = try await AuctionLogReader(redis: redis, layout: layout).history(of: auction).compactMap(\.publicEnvelope)
                #expect(events.filter { if case .auctionClosed = $0.event { true } else { false } }.count == 1, "\(auction)")
            }
            let schedule = AuctionKeys.closing(partition: layout.partition(of: auctions[0]), layout: layout)
            let scheduled = try await redis.send("ZCARD", RedisArgument(schedule)).int
            #expect(scheduled == 0)
            await redis.close()
        }
    }
}
