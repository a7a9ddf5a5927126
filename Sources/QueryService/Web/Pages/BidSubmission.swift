import Shared

/// `POST /auctions/{id}/bids`, the bid form without JavaScript: checks the CSRF token, relays the
/// bid (waiting until this node shows it), then redirects back to the auction page (303) with the
/// outcome as a flash: the confirmation, or the CommandService's message and the typed amount.
struct BidSubmission: Sendable {
    let dependencies: WebDependencies

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard let id = request.pathParameters["id"], TopicName.isValidID(id) else { return await shell.error(.notFound) }
        let form = FormBody(request.body)
        guard shell.visitor.acceptsForm(form, csrf: dependencies.csrf), let form else { return await shell.error(.forbidden) }
        let page = URLPath.auction(.init(id))
        guard let token = shell.visitor.token else {
            return PageResponse.redirect(to: "/login?next=\(FormBody.encode(page))", cookies: shell.visitor.cookies)
        }
        let typed = form["maximum"] ?? ""
        guard let minorUnits = MoneyText.parseMinorUnits(typed), minorUnits > 0 else {
            return flashed(.error, "Enter your maximum bid as an amount such as 12.50.", page: page, typed: typed)
        }
        let key = form["requestKey"].flatMap { (1...100).contains($0.utf8.count) ? $0 : nil } ?? Visitor.randomID()
        let result = await dependencies.bidPlacer.place(on: id, minorUnits: minorUnits, token: token, idempotencyKey: key)
        return result.ok ? flashed(.notice, result.message, page: page, typed: "") : flashed(.error, result.message, page: page, typed: typed)
    }

    private func flashed(_ kind: Flash.Kind, _ message: String, page: String, typed: String) -> HTTPResponse {
        let flash = Flash(kind: kind, message: message, path: page, values: typed.isEmpty ? [:] : ["maximum": typed])
        return PageResponse.redirect(to: page, cookies: [flash.setCookie])
    }
}
