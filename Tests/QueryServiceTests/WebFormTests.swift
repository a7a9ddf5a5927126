import Foundation
import Shared
import Testing
@testable import QueryService

/// The small parsers and guards of the pages: form bodies, cookies, CSRF tokens, redirects,
/// flashes and the WebSocket origin policy.
@Suite struct WebFormTests {
    @Test func formBodiesDecodePlusAndPercentEscapesAsUTF8() throws {
        let form = try #require(FormBody(Array("name=J%C3%BCrgen+M%26M&maximum=12.50&empty=&flag".utf8)))
        #expect(form["name"] == "Jürgen M&M")
        #expect(form["maximum"] == "12.50")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form["missing"] == nil)
        #expect(FormBody.decode(Array(FormBody.encode("a b/ü?&=").utf8)) == "a b/ü?&=")
    }

    @Test(arguments: ["a=%zz", "a=%4", "a=%FF%FE", "%=1"])
    func malformedFormBodiesAreRefusedWhole(_ body: String) {
        #expect(FormBody(Array(body.utf8)) == nil)
    }

    @Test func cookiesAreParsedAndSetHttpOnlyLaxForTheWholeSite() {
        let request = HTTPRequest(method: .get, path: "/", headers: ["cookie": "a=1; auction_session=v1.x.2.y ; a=2; q=\"quoted\""])
        let cookies = Cookies.parse(request)
        #expect(cookies["a"] == "1")
        #expect(cookies["auction_session"] == "v1.x.2.y")
        #expect(cookies["q"] == "quoted")
        #expect(Cookies.set("s", "v", maxAge: 60) == "s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60")
        #expect(Cookies.delete("s") == "s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }

    @Test func csrfTokensAreBoundToTheBrowserAndTheSecret() throws {
        let csrf = CSRFProtection(signer: try SessionTokenSigner(secret: "first-secret-0123456789"))
        let other = CSRFProtection(signer: try SessionTokenSigner(secret: "second-secret-0123456789"))
        let browser = Visitor.randomID(), stranger = Visitor.randomID()
        let token = csrf.token(for: browser)
        #expect(csrf.isValid(token, browserID: browser))
        #expect(!csrf.isValid(token, browserID: stranger))
        #expect(!other.isValid(token, browserID: browser))
        #expect(!csrf.isValid(nil, browserID: browser))
        #expect(!csrf.isValid("", browserID: browser))
        #expect(!csrf.isValid(token, browserID: nil))
        // A CSRF token is never a session token: its subject is always expired.
        #expect(throws: SessionTokenError.self) { try csrf.signer.verify("v1.Y3NyZjo.0.\(token)", now: 1) }
    }

    @Test func aVisitorWithoutABrowserCookieGetsOneAndCannotPostYet() throws {
        let csrf = CSRFProtection(signer: try SessionTokenSigner(secret: "first-secret-0123456789"))
        let fresh = Visitor(request: HTTPRequest(method: .post, path: "/login"), csrf: csrf)
        #expect(fresh.isNewBrowser)
        #expect(fresh.cookies.first?.hasPrefix("auction_browser=\(fresh.browserID); Path=/; HttpOnly; SameSite=Lax") == true)
        #expect(!fresh.acceptsForm(FormBody(Array("csrf=\(fresh.csrfToken)".utf8)), csrf: csrf))

        let returning = Visitor(request: HTTPRequest(method: .post, path: "/login", headers: ["cookie": "auction_browser=\(fresh.browserID)"]), csrf: csrf)
        #expect(!returning.isNewBrowser)
        #expect(returning.cookies.isEmpty)
        #expect(returning.acceptsForm(FormBody(Array("csrf=\(fresh.csrfToken)".utf8)), csrf: csrf))
        #expect(!returning.acceptsForm(FormBody(Array("csrf=forged".utf8)), csrf: csrf))
    }

    @Test func signedInVisitorsAreRecognisedOnlyByAValidUnexpiredToken() throws {
        let signer = try SessionTokenSigner(secret: "first-secret-0123456789")
        let csrf = CSRFProtection(signer: signer)
        let valid = signer.issue(userID: "alice", expiresAt: Int64(Date().timeIntervalSince1970) + 600)
        let expired = signer.issue(userID: "alice", expiresAt: 10)
        let visitor = { (token: String) in Visitor(request: HTTPRequest(method: .get, path: "/", headers: ["cookie": "auction_session=\(token)"]), csrf: csrf) }
        #expect(visitor(valid).userID == "alice")
        #expect(visitor(expired).userID == nil)
        #expect(visitor(valid + "x").userID == nil)
    }

    @Test(arguments: [
        ("/", true), ("/auctions/a-1", true), ("/login?next=%2F", true), ("//evil.example", false), ("/\\evil.example", false),
        ("https://evil.example", false), ("", false), ("/a b", false), ("javascript:alert(1)", false),
    ])
    func onlyLocalPathsAreRedirectTargets(_ path: String, _ allowed: Bool) {
        #expect(PageResponse.isLocalPath(path) == allowed)
    }

    @Test func aFlashIsShownOnlyOnItsOwnPage() throws {
        let flash = Flash(kind: .error, message: "Too low <b>", path: "/auctions/a", values: ["maximum": "1.00"])
        let cookie = try #require(flash.setCookie.split(separator: ";").first)
        let request = HTTPRequest(method: .get, path: "/auctions/a", headers: ["cookie": String(cookie)])
        #expect(Flash.read(request, path: "/auctions/a") == flash)
        #expect(Flash.read(request, path: "/auctions/b") == nil)
        #expect(Flash.read(HTTPRequest(method: .get, path: "/", headers: ["cookie": "auction_flash=%%%"]), path: "/") == nil)
    }

    @Test(arguments: [
        ([String](), "http://127.0.0.1:8081", true), ([], "http://localhost:3000", true), ([], "https://evil.example", false),
        ([], nil, true), (["https://auctions.example"], "https://auctions.example", true),
        (["https://auctions.example"], "http://127.0.0.1:8081", false), (["https://auctions.example/"], "HTTPS://AUCTIONS.EXAMPLE", true),
    ] as [([String], String?, Bool)])
    func theLiveSocketAcceptsOnlyConfiguredOrLocalOrigins(_ allowed: [String], _ origin: String?, _ accepted: Bool) {
        #expect(OriginPolicy(allowed: allowed).allows(origin) == accepted)
    }
}
