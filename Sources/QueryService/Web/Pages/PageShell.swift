import Shared

/// Wraps a page's content in the layout for one visitor: their name and log-out form, the
/// read-model position and hub epoch for the live handoff, the cookies to set (a new browser
/// id, deleting a shown flash), and the security headers.
///
/// Everything here is per request and nothing of it is cached; the visitor's name comes from the
/// ``DisplayNameCache``, so a warm page needs no query for it either.
struct PageShell: Sendable {
    let dependencies: WebDependencies
    let request: HTTPRequest
    let visitor: Visitor

    init(_ dependencies: WebDependencies, _ request: HTTPRequest) {
        self.dependencies = dependencies
        self.request = request
        self.visitor = dependencies.visitor(request)
    }

    /// The flash meant for this page, if any.
    var flash: Flash? { Flash.read(request, path: request.path) }

    /// The read-model position a page served from the hub must include: after the visitor's own
    /// write (a post/redirect/get carries a flash), the read model's position, which the
    /// read-your-writes gate saw include the write; 0 otherwise (no query).
    func ownWritePosition() async -> Int64 {
        guard Flash.isPresent(request) else { return 0 }
        // Unreadable: the hub's own catch-up still applies; the page is then served as it stands.
        return (try? await dependencies.reader.position()) ?? 0
    }

    /// The whole response. `position` must have been read BEFORE the content's data (or be the
    /// position the hub's values reflect), and `epoch` is the hub's (read now when nil).
    func render(
        title: String, content: HTML, position: Int64, epoch: String? = nil, status: Int = 200, cookies: [String] = []
    ) async -> HTTPResponse {
        let pageEpoch: String
        if let epoch { pageEpoch = epoch } else { pageEpoch = await dependencies.hub.epoch }
        let model = PageLayout.Model(
            title: title, content: content, position: position, epoch: pageEpoch, userName: await userName(), csrfToken: visitor.csrfToken)
        var setCookies = visitor.cookies + cookies
        if Flash.isPresent(request) { setCookies.append(Cookies.delete(Flash.cookie)) }
        return PageResponse.page(PageLayout.render(model), status: status, cookies: setCookies)
    }

    /// An error page (404, 403, 503…) in the same layout. It has no live region, so it embeds the
    /// hub's position without reading the read model.
    func error(_ body: ErrorPageBody.Model) async -> HTTPResponse {
        let mark = await dependencies.hub.bareRead
        return await render(
            title: body.title, content: ErrorPageBody.render(body), position: mark.position, epoch: mark.epoch, status: body.status)
    }

    /// The signed-in user's display name; their id until the read model knows them.
    private func userName() async -> String? {
        guard let userID = visitor.userID else { return nil }
        return await dependencies.names.displayName(of: userID) ?? userID
    }
}

extension ErrorPageBody.Model {
    static var notFound: Self { ErrorPageBody.notFound }
    static let forbidden = Self(
        status: 403, title: "Form expired",
        message: "This form could not be verified (its security token is missing or stale). Go back, reload the page and try again.")
    static let unavailable = Self(
        status: 503, title: "Temporarily unavailable", message: "The auctions cannot be read right now. Please try again in a moment.")
    static let badRequest = Self(status: 400, title: "Bad request", message: "The form could not be read.")
}
