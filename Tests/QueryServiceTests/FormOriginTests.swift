import Shared
import Testing
@testable import QueryService

/// Which origins a form post may name (`FormOrigin`), header by header.
@Suite struct FormOriginTests {
    func request(_ headers: [String: String]) -> HTTPRequest {
        HTTPRequest(method: .post, path: "/auctions/a1/bids", headers: headers)
    }

    @Test(arguments: [
        (["host": "127.0.0.1:8081"], true),
        (["host": "127.0.0.1:8081", "origin": "http://127.0.0.1:8081"], true),
        (["host": "auctions.example", "origin": "https://Auctions.Example/"], true),
        (["host": "127.0.0.1:8081", "referer": "http://127.0.0.1:8081/auctions/a1?x=1"], true),
        (["host": "127.0.0.1:8081", "origin": "http://127.0.0.1:8082"], false),
        (["host": "127.0.0.1:8081", "origin": "https://evil.example"], false),
        (["host": "127.0.0.1:8081", "origin": "null"], false),
        (["host": "127.0.0.1:8081", "origin": ""], false),
        (["host": "127.0.0.1:8081", "referer": "https://evil.example/phish.html"], false),
        (["host": "127.0.0.1:8081", "referer": "not a url"], false),
        (["host": "127.0.0.1:8081", "origin": "http://127.0.0.1:8081.evil.example"], false),
        (["origin": "http://127.0.0.1:8081"], false),
    ])
    func postsAreAcceptedOnlyFromTheNodesOwnOrigin(headers: [String: String], accepted: Bool) {
        #expect(FormOrigin(request(headers)).isAccepted(by: OriginPolicy(allowed: [])) == accepted)
    }

    @Test func aConfiguredOriginIsAcceptedBehindAProxyThatRewritesTheHost() {
        let behindProxy = request(["host": "10.0.0.7:8081", "origin": "https://auctions.example"])
        #expect(FormOrigin(behindProxy).isAccepted(by: OriginPolicy(allowed: ["https://auctions.example"])))
        #expect(!FormOrigin(behindProxy).isAccepted(by: OriginPolicy(allowed: [])))
    }
}
