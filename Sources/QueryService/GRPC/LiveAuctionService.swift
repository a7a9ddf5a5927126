import AuctionProto
import GRPCCore
import GRPCProtobuf
import Shared
import SwiftProtobuf

/// The gRPC API of a query node (proto/live_auction.proto, docs/grpc.md): the live feed from the
/// same hub as `/live`, the REST reads, and bids relayed to the CommandService.
///
/// Methods are registered by hand rather than through the generated service protocol, because the
/// feed's messages are written as pre-encoded bytes (``EncodedMessageSerializer``) instead of
/// being serialized once per stream.
struct LiveAuctionService: RegistrableRPCService {
    struct Settings: Sendable {
        /// Messages one stream may hold for a reader that is behind (after conflation per topic).
        var queueCapacity = 64
        var pingInterval: Duration = .seconds(25)
        var maxTopics = 32
    }

    typealias Methods = Liveauction_V1_LiveAuction.Method

    let hub: LiveHub
    let reader: ReadModelReader
    let bids: RelayedBidPlacer
    let feeds: FeedRegistry
    let statistics: FeedStatistics
    let settings: Settings

    init(hub: LiveHub, reader: ReadModelReader, bids: RelayedBidPlacer, feeds: FeedRegistry = FeedRegistry(),
         statistics: FeedStatistics = FeedStatistics(), settings: Settings = Settings()) {
        self.hub = hub
        self.reader = reader
        self.bids = bids
        self.feeds = feeds
        self.statistics = statistics
        self.settings = settings
    }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Methods.Subscribe.descriptor, deserializer: ProtobufDeserializer<Methods.Subscribe.Input>(),
            serializer: EncodedMessageSerializer()
        ) { request, context in
            try await subscribe(ServerRequest(stream: request), context)
        }
        unary(Methods.GetAuction.descriptor, &router, getAuction)
        unary(Methods.ListAuctions.descriptor, &router, listAuctions)
        unary(Methods.ListBids.descriptor, &router, listBids)
        unary(Methods.GetUser.descriptor, &router, getUser)
        unary(Methods.PlaceBid.descriptor, &router, placeBid)
    }

    /// Registers a unary method whose handler takes the request and answers one message.
    private func unary<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable, Transport: ServerTransport>(
        _ descriptor: MethodDescriptor, _ router: inout RPCRouter<Transport>,
        _ handler: @escaping @Sendable (ServerRequest<Input>) async throws -> Output
    ) {
        router.registerHandler(
            forMethod: descriptor, deserializer: ProtobufDeserializer<Input>(), serializer: ProtobufSerializer<Output>()
        ) { request, _ in
            let single = try await ServerRequest(stream: request)
            return StreamingServerResponse(single: ServerResponse(message: try await handler(single)))
        }
    }
}
