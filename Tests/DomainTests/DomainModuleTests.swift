import Testing
import AuctionDomain
@Test func domainModuleLinks() { #expect(String(describing: AuctionDomainModule.self) == "AuctionDomainModule") }
