import AuctionDomain

/// One auction command as the executor runs it: what to do, to which auction, under which id.
struct CommandRequest: Sendable {
    let auctionID: AuctionID
    let commandID: CommandID
    let command: AuctionCommand
    /// Hash of the HTTP request, kept in the record to detect a key reused for another request.
    let fingerprint: String
}
