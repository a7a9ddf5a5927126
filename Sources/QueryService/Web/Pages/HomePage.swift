import Shared

/// The home page's smart component: the open auctions ending soonest, live on topic `home`.
///
/// The list is the `home` topic's own fragment as the live hub rendered it (once per change, for
/// the live updates too), read with the position it reflects; only the sell link depends on the
/// visitor. A warm home page costs no database query.
struct HomePage: Sendable {
    let dependencies: WebDependencies

    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard let read = await dependencies.hub.read([.home], atLeast: await shell.ownWritePosition()),
              let list = read.topics.first?.html
        else { return await shell.error(.unavailable) }
        let intro: HTML = shell.visitor.userID == nil ? .empty : "<p class=\"sell-link\"><a href=\"/sell\">Sell something</a></p>"
        let content: HTML = "\(intro)\(list)<p class=\"browse\"><a href=\"/auctions\">All open auctions</a></p>"
        return await shell.render(title: "Ending soon", content: content, position: read.position, epoch: read.epoch)
    }
}
