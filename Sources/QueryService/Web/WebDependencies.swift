import Shared

/// What the pages need: this node's read model, its live hub (the pages' cache of hot fragments
/// and the epoch pages embed), display names, the CommandService client, and the shared
/// secret's signer (sessions and CSRF tokens).
struct WebDependencies: Sendable {
    let reader: ReadModelReader
    let hub: LiveHub
    let commands: CommandClient
    let signer: SessionTokenSigner
    let names: DisplayNameCache
    /// How long a relayed command waits for this node's read model to show it.
    var readYourWritesTimeout: Duration = .seconds(2)
    /// The origins form posts may name besides the node's own (`--allowed-origin`).
    var formOrigins = OriginPolicy(allowed: [])
    /// The browser's address behind a trusted load balancer, forwarded with log-ins (their
    /// per-address limit); without one, the peer address.
    var clientAddresses = ClientAddressResolver()

    init(reader: ReadModelReader, hub: LiveHub, commands: CommandClient, signer: SessionTokenSigner) {
        self.reader = reader
        self.hub = hub
        self.commands = commands
        self.signer = signer
        names = DisplayNameCache(reader: reader)
    }

    var csrf: CSRFProtection { CSRFProtection(signer: signer, origins: formOrigins) }

    var gate: ReadYourWritesGate { ReadYourWritesGate(reader: reader, timeout: readYourWritesTimeout) }

    /// The `LiveBidRelay` for the `/live` WebSocket handler.
    var bidPlacer: RelayedBidPlacer { RelayedBidPlacer(commands: commands, gate: gate, signer: signer) }

    func visitor(_ request: HTTPRequest) -> Visitor { Visitor(request: request, csrf: csrf) }
}
