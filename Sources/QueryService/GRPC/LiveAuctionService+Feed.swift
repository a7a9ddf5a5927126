import AuctionProto
import Foundation
import GRPCCore
import Shared

/// `Subscribe`: a server stream fed by the live hub, gap-free from the client's position.
extension LiveAuctionService {
    /// What ended one of a stream's tasks first.
    private enum Outcome: Sendable {
        case drained, overflowed, stopped
    }

    func subscribe(_ request: ServerRequest<Liveauction_V1_SubscribeRequest>, _ context: ServerContext) async throws
        -> StreamingServerResponse<EncodedMessage>
    {
        let topics = try parseTopics(request.message.topics)
        guard request.message.after >= 0 else {
            throw GRPCErrorMapping.error(APIError(status: 400, code: "invalid_position", message: "\"after\" must be 0 or more."))
        }
        let after = request.message.after
        let epoch = request.message.epoch.isEmpty ? nil : request.message.epoch
        guard let stream = feeds.open(topics: topics, capacity: settings.queueCapacity, statistics: statistics) else {
            throw GRPCErrorMapping.error(
                APIError(status: 503, code: "going_away", message: "This node is stopping; connect to another."), retryAfter: "1")
        }
        statistics.streamOpened()
        return StreamingServerResponse { writer in
            defer { feeds.remove(stream.id) }
            // Confirmed before subscribing, so the confirmation precedes everything the hub sends.
            stream.queue.put(.message(FeedMessages.subscribed(topics, epoch: await hub.epoch)))
            if case .tooManyTopics(let limit) = await hub.subscribe(topics, after: after, epoch: epoch, sink: stream) {
                // The hub's own limit, should it be set below ``Settings/maxTopics``.
                stream.queue.close()
                throw GRPCErrorMapping.error(APIError(
                    status: 400, code: "too_many_topics", message: "A stream may follow at most \(limit) topics.",
                    details: ["limit": .int(Int64(limit))]))
            }
            // gRPC signals a client that left through the RPC's handle, not by cancelling this task.
            let outcome = await withRPCCancellationHandler {
                await run(stream, writer)
            } onCancelRPC: {
                stream.queue.close()
            }
            stream.queue.close()
            await hub.disconnect(stream.id)
            if outcome == .overflowed {
                statistics.streamExhausted()
                var metadata: Metadata = [:]
                metadata.addString("slow_consumer", forKey: "error-code")
                throw RPCError(code: .resourceExhausted, message: "slow consumer: the stream fell too far behind", metadata: metadata)
            }
            return [:]
        }
    }

    /// Writes the queue to the client, pings it, and watches for an overflow, until one of those
    /// ends the stream. The writer may be stuck on a client that stopped reading, so the overflow
    /// is watched by a task of its own and cancels the writer.
    private func run(_ stream: FeedStream, _ writer: RPCWriter<EncodedMessage>) async -> Outcome {
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask { await drain(stream, writer) }
            group.addTask { await stream.queue.overflowed() ? .overflowed : .stopped }
            group.addTask {
                let clock = ContinuousClock()
                while (try? await clock.sleep(for: settings.pingInterval)) != nil {
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    stream.queue.put(.message(FeedMessages.ping(at: now)), conflationKey: "ping")
                }
                return .stopped
            }
            let first = await group.next() ?? .stopped
            stream.queue.close()
            group.cancelAll()
            return first
        }
    }

    private func drain(_ stream: FeedStream, _ writer: RPCWriter<EncodedMessage>) async -> Outcome {
        while true {
            switch await stream.queue.next() {
            case .item(.message(let bytes)):
                do { try await writer.write(EncodedMessage(bytes: bytes)) } catch { return .drained }
            case .item(.resubscribe):
                _ = await hub.subscribe(stream.topics, after: 0, sink: stream)
            case .end(.overflowed):
                return .overflowed
            case .end(.goingAway), .end(.closed):
                return .drained
            }
        }
    }

    /// The topics, validated as `/live` validates them: 1 to ``Settings/maxTopics`` known names.
    private func parseTopics(_ names: [String]) throws(RPCError) -> [TopicName] {
        guard !names.isEmpty else {
            throw GRPCErrorMapping.error(APIError(status: 400, code: "invalid_topic", message: "Subscribe to at least one topic."))
        }
        var topics: [TopicName] = []
        for name in names {
            guard let topic = TopicName(name) else {
                throw GRPCErrorMapping.error(APIError(
                    status: 400, code: "invalid_topic", message: "Unknown topic; use home, auction:<id> or auction:<id>:bids.",
                    details: ["topic": .string(String(name.prefix(120)))]))
            }
            if !topics.contains(topic) { topics.append(topic) }
        }
        guard topics.count <= settings.maxTopics else {
            throw GRPCErrorMapping.error(APIError(
                status: 400, code: "too_many_topics", message: "A stream may follow at most \(settings.maxTopics) topics.",
                details: ["limit": .int(Int64(settings.maxTopics))]))
        }
        return topics
    }
}
