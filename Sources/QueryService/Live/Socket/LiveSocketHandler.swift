import Shared
import Synchronization

/// The `/live` WebSocket endpoint: subscriptions to the hub's topics and bids relayed to the
/// CommandService (protocol in docs/live.md).
///
/// A bad message gets an error frame and the connection stays; after ``Limits/maxInvalidMessages``
/// of them it is closed with 1008. Binary messages close it with 1003, oversized ones with 1009
/// (the server also enforces its own, larger, frame limit). Bids run as their own tasks so a
/// slow CommandService never holds up subscriptions, at most ``Limits/maxBidsInFlight`` at once.
final class LiveSocketHandler: WebSocketHandler {
    struct Limits: Sendable {
        var maxMessageBytes = 4096
        var maxInvalidMessages = 5
        var maxBidsInFlight = 2
    }

    private struct ConnectionState {
        var invalidMessages = 0
        var bidsInFlight = 0
    }

    private let hub: LiveHub
    private let relay: any LiveBidRelay
    private let limits: Limits
    private let states = Mutex<[UInt64: ConnectionState]>([:])

    init(hub: LiveHub, relay: any LiveBidRelay, limits: Limits = Limits()) {
        self.hub = hub
        self.relay = relay
        self.limits = limits
    }

    func connected(_ connection: WebSocketConnection) async {
        states.withLock { $0[connection.id] = ConnectionState() }
    }

    func received(_ message: WebSocketMessage, from connection: WebSocketConnection) async {
        guard case .text(let text) = message else {
            connection.close(.unsupportedData, reason: "text messages only")
            return
        }
        guard text.utf8.count <= limits.maxMessageBytes else {
            connection.close(.messageTooBig, reason: "message over \(limits.maxMessageBytes) bytes")
            return
        }
        switch LiveClientMessage.parse(text) {
        case .failure(let error):
            reject(error, on: connection)
        case .success(.subscribe(let topics, let after, let epoch)):
            if case .tooManyTopics(let limit) = await hub.subscribe(topics, after: after, epoch: epoch, sink: connection) {
                reject(LiveProtocolError("too_many_topics", "A connection may follow at most \(limit) topics; unsubscribe first."), on: connection)
            }
        case .success(.unsubscribe(let topics)):
            await hub.unsubscribe(topics, sinkID: connection.id)
        case .success(.ping):
            connection.send(LiveServerMessage.pong.frame())
        case .success(.bid(let bid)):
            place(bid, on: connection)
        }
    }

    func disconnected(_ connection: WebSocketConnection) async {
        states.withLock { _ = $0.removeValue(forKey: connection.id) }
        await hub.disconnect(connection.id)
    }

    /// Sends the error frame; repeated abuse closes the connection with 1008.
    private func reject(_ error: LiveProtocolError, on connection: WebSocketConnection) {
        let strikes = states.withLock { states -> Int in
            states[connection.id, default: ConnectionState()].invalidMessages += 1
            return states[connection.id]?.invalidMessages ?? 0
        }
        connection.send(error.serverMessage.frame())
        if strikes >= limits.maxInvalidMessages { connection.close(.policyViolation, reason: "too many invalid messages") }
    }

    private func place(_ bid: LiveBid, on connection: WebSocketConnection) {
        let admitted = states.withLock { states -> Bool in
            guard var state = states[connection.id], state.bidsInFlight < limits.maxBidsInFlight else { return false }
            state.bidsInFlight += 1
            states[connection.id] = state
            return true
        }
        guard admitted else {
            let busy = LiveProtocolError(
                "too_many_bids", "Wait for your earlier bids' results before placing another.", requestID: bid.requestID)
            connection.send(busy.serverMessage.frame())
            return
        }
        Task { [self] in
            let result = await relay.placeBid(bid, upgrade: connection.request)
            self.states.withLock { states in states[connection.id]?.bidsInFlight -= 1 }
            connection.send(LiveServerMessage.result(result).frame())
        }
    }
}
