import Foundation
import AuctionDomain
import Shared

/// `GET /sell` shows the form to list an auction (signed-in users only); `POST /sell` relays it
/// to the CommandService, waits until this node's read model has the new auction, and redirects
/// to its page (303). A refusal comes back to the form with the CommandService's message.
struct SellPage: Sendable {
    let dependencies: WebDependencies

    func show(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard shell.visitor.userID != nil else { return PageResponse.redirect(to: "/login?next=%2Fsell", cookies: shell.visitor.cookies) }
        let typed = shell.flash?.values ?? [:]
        var form = NewAuctionForm.Model(csrfToken: shell.visitor.csrfToken, requestKey: Visitor.randomID(), errorMessage: shell.flash?.message)
        form.title = typed["title"] ?? ""
        form.description = typed["description"] ?? ""
        form.startingPrice = typed["startingPrice"] ?? ""
        form.currencyCode = typed["currency"].flatMap { NewAuctionForm.currencies.contains($0) ? $0 : nil } ?? "EUR"
        form.reservePrice = typed["reservePrice"] ?? ""
        form.durationMinutes = typed["durationMinutes"] ?? form.durationMinutes
        return await shell.render(title: "Sell", content: NewAuctionForm.render(form), position: (try? await dependencies.reader.position()) ?? 0)
    }

    func create(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        let form = FormBody(request.body)
        guard shell.visitor.acceptsForm(form, csrf: dependencies.csrf), let form else { return await shell.error(.forbidden) }
        guard let token = shell.visitor.token else { return PageResponse.redirect(to: "/login?next=%2Fsell") }
        let fields = ["title", "description", "startingPrice", "currency", "reservePrice", "durationMinutes"]
        let typed = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0] ?? "") })
        let auction: CommandClient.NewAuction
        switch Self.parse(typed) {
        case .failure(let error): return Self.back(error, typed: typed)
        case .success(let parsed): auction = parsed
        }
        let key = form["requestKey"].flatMap { (1...100).contains($0.utf8.count) ? $0 : nil } ?? Visitor.randomID()
        switch await dependencies.commands.createAuction(auction, token: token, idempotencyKey: key) {
        case .refused(let refusal):
            return Self.back(refusal.message, typed: typed)
        case .accepted(let created):
            guard let id = created.auctionID else { return PageResponse.redirect(to: "/") }
            _ = await dependencies.gate.auction(id, atLeast: created.version ?? 1)
            let page = URLPath.auction(AuctionID(id))
            return PageResponse.redirect(to: page, cookies: [Flash(kind: .notice, message: "Your auction is listed.", path: page).setCookie])
        }
    }

    /// The form's values as a command, or a message saying what to fix.
    static func parse(_ typed: [String: String]) -> Result<CommandClient.NewAuction, ParseError> {
        guard let code = typed["currency"], NewAuctionForm.currencies.contains(code), let currency = try? Currency(code: code) else {
            return .failure(ParseError("Choose a currency."))
        }
        guard let start = typed["startingPrice"].flatMap(MoneyText.parseMinorUnits), let startingPrice = try? Money(minorUnits: start, currency: currency)
        else { return .failure(ParseError("Enter the starting price as an amount such as 12.50.")) }
        var reserve: Money?
        if let text = typed["reservePrice"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let minor = MoneyText.parseMinorUnits(text), let money = try? Money(minorUnits: minor, currency: currency) else {
                return .failure(ParseError("Enter the reserve price as an amount such as 50.00, or leave it empty."))
            }
            reserve = money
        }
        guard let minutes = typed["durationMinutes"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }), (1...43_200).contains(minutes) else {
            return .failure(ParseError("Enter a duration of 1 to 43200 minutes."))
        }
        return .success(CommandClient.NewAuction(
            title: typed["title"] ?? "", description: typed["description"] ?? "", startingPrice: startingPrice, reservePrice: reserve,
            durationSeconds: minutes * 60))
    }

    struct ParseError: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func back(_ message: String, typed: [String: String]) -> HTTPResponse {
        PageResponse.redirect(to: "/sell", cookies: [Flash(kind: .error, message: message, path: "/sell", values: typed).setCookie])
    }

    private static func back(_ error: ParseError, typed: [String: String]) -> HTTPResponse { back(error.message, typed: typed) }
}
