/// A list of auction cards: the home page's "ending soon" (live, topic `home`) or a seller's
/// auctions (static).
enum AuctionList {
    struct Model: Equatable, Sendable {
        /// The element id; for a live list, the topic's ``TopicName/domID``.
        var id: String
        var heading: String
        var cards: [AuctionCard.Model]
        /// The topic whose updates replace this list, if any.
        var liveTopic: TopicName? = nil
        var emptyMessage = "No auctions right now."
    }

    static func render(_ model: Model) -> HTML {
        let topic: HTML = model.liveTopic.map { " data-live-topic=\"\($0)\"" } ?? .empty
        let body: HTML = model.cards.isEmpty
            ? "<p class=\"empty\">\(model.emptyMessage)</p>"
            : "<ul class=\"auction-list\">\(HTML.joined(model.cards.map(AuctionCard.render)))</ul>"
        return "<section id=\"\(model.id)\" class=\"auctions\"\(topic)><h2>\(model.heading)</h2>\(body)</section>"
    }

    /// The home page's live list, as the `home` topic renders it.
    static func home(_ cards: [AuctionCard.Model]) -> Model {
        Model(id: TopicName.home.domID, heading: "Ending soon", cards: cards, liveTopic: .home)
    }
}
