import Shared

/// The server-rendered pages of a node, their forms, and the browser script.
///
/// | route | what |
/// |---|---|
/// | `GET /` | open auctions ending soon (live: `home`) |
/// | `GET /auctions` | every open auction, a page at a time |
/// | `GET /auctions/{id}` | an auction (live: `auction:<id>`, `auction:<id>:bids`) |
/// | `POST /auctions/{id}/bids` | the bid form (CSRF, relay, read-your-writes, 303) |
/// | `GET /users/{id}` | a seller's page |
/// | `GET`/`POST /register`, `/login`; `POST /logout` | accounts |
/// | `GET`/`POST /sell` | list an auction |
/// | `GET /assets/live.js` | ``LiveScript`` |
/// | `GET /assets/site.css` | ``SiteStyle`` |
///
/// Every page carries the Content-Security-Policy; every form post checks the CSRF token and
/// answers with a redirect. Unknown paths get the HTML 404 page, except under `/v1/` and
/// `/api/`, which keep the JSON error shape.
enum WebRoutes {
    static func add(to router: inout Router, dependencies: WebDependencies) {
        let home = HomePage(dependencies: dependencies)
        let auction = AuctionPage(dependencies: dependencies)
        let bids = BidSubmission(dependencies: dependencies)
        let seller = SellerPage(dependencies: dependencies)
        let accounts = AccountPages(dependencies: dependencies)
        let sell = SellPage(dependencies: dependencies)
        let browse = BrowsePage(dependencies: dependencies)

        router.get("/") { await home.show($0) }
        router.get("/auctions") { await browse.show($0) }
        router.get("/auctions/{id}") { await auction.show($0) }
        router.post("/auctions/{id}/bids") { await bids.handle($0) }
        router.get("/users/{id}") { await seller.show($0) }
        router.get("/login") { await accounts.showLogin($0) }
        router.post("/login") { await accounts.logIn($0) }
        router.get("/register") { await accounts.showRegister($0) }
        router.post("/register") { await accounts.register($0) }
        router.post("/logout") { await accounts.logOut($0) }
        router.get("/sell") { await sell.show($0) }
        router.post("/sell") { await sell.create($0) }
        router.get(LiveScript.path) { _ in script }
        router.get(SiteStyle.path) { _ in style }

        let jsonNotFound = router.notFound
        router.notFound = { request in
            if request.path.hasPrefix("/v1/") || request.path.hasPrefix("/api/") { return await jsonNotFound(request) }
            return await PageShell(dependencies, request).error(.notFound)
        }
    }

    /// The browser script; cached briefly, it changes only with a deployment.
    private static let script: HTTPResponse = {
        var response = HTTPResponse(status: 200, contentType: LiveScript.contentType, body: Array(LiveScript.source.utf8))
        response.headers = [("Cache-Control", "public, max-age=300"), ("X-Content-Type-Options", "nosniff")]
        return response
    }()

    /// The stylesheet; cached briefly like the script, for the same reason.
    private static let style: HTTPResponse = {
        var response = HTTPResponse(status: 200, contentType: SiteStyle.contentType, body: Array(SiteStyle.source.utf8))
        response.headers = [("Cache-Control", "public, max-age=300"), ("X-Content-Type-Options", "nosniff")]
        return response
    }()
}
