/// The auction rules: money, auctions, proxy bidding and the events they produce. Pure Swift, no I/O.
public enum AuctionDomainModule {}
