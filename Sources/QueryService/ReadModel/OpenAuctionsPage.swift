/// One page of open auctions and the cursor of the next page (nil on the last page).
struct OpenAuctionsPage: Sendable, Hashable {
    let auctions: [AuctionRecord]
    let next: OpenAuctionsCursor?
}
