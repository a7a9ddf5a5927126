/// A topic's value as typed data: the view model its fragment is rendered from. Non-browser
/// feeds (gRPC) encode this instead of the HTML.
enum LiveTopicData: Sendable, Equatable {
    case auction(PricePanel.Model)
    case bids(BidHistoryList.Model)
    case home(AuctionList.Model)
}
