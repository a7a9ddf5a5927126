import Shared

/// What the pages need: this node's read model, its live hub (for the epoch pages embed), the
/// CommandService client, and the shared secret's signer (sessions and CSRF tokens).
struct WebDependencies: Sendable {
    let reader: ReadModelReader
    let hub: LiveHub
    let commands: CommandClient
    let signer: SessionTokenSigner
    /// How long a relayed command waits for this node's read model to show it.
    var readYourWritesTimeout: Duration = .seconds(2)

    var csrf: CSRFProtection { CSRFProtection(signer: signer) }

    var gate: ReadYourWritesGate { ReadYourWritesGate(reader: reader, timeout: readYourWritesTimeout) }

    /// The `LiveBidRelay` for the `/live` WebSocket handler.
    var bidPlacer: RelayedBidPlacer { RelayedBidPlacer(commands: commands, gate: gate, signer: signer) }

    func visitor(_ request: HTTPRequest) -> Visitor { Visitor(request: request, csrf: csrf) }
}
