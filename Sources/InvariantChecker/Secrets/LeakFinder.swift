/// Looks for hidden amounts in one surface: a JSON document (walked key by key), a page, or a
/// text cell. Returns a description of each finding.
struct LeakFinder: Sendable {
    let index: HiddenAmountIndex

    /// Keys that must never appear in a public document, whatever their value.
    private static let privateKeys: Set<String> = ["maximum", "maximums", "reserveprice", "reserve_price", "currentmaximumminorunits",
                                                   "maximumminorunits", "leadermaximum"]

    /// A captured body: JSON is walked, anything else is scanned as a page.
    func findings(inBody body: String, auction: String?) -> [String] {
        if let json = JSONValue.parse(body) { return findings(in: json, path: "$", auction: auction) }
        return findings(inText: body, auction: auction, mode: .decimal, place: "text")
    }

    /// Amounts of `text` that are hidden for `auction`.
    func findings(inText text: String, auction: String?, mode: AmountScanner.Mode, place: String) -> [String] {
        let hidden = index.hidden(for: auction)
        guard !hidden.isEmpty else { return [] }
        return AmountScanner.amounts(in: text, mode: mode).filter(hidden.contains).map { amount in
            "hidden amount \(amount) (minor units) of \(auction.map { "auction \($0)" } ?? "some auction") at \(place)"
        }
    }

    /// Walks a JSON value. An object with an `auctionID` (or `auction_id`, or `id`) of a known
    /// auction scopes its subtree to that auction; numbers under money keys are compared exactly,
    /// strings are scanned (HTML fragments of frames included).
    func findings(in value: JSONValue, path: String, auction: String?, key: String = "") -> [String] {
        switch value {
        case .object(let members):
            var scope = auction
            for name in ["auctionID", "auction_id", "auctionId", "id"] {
                if case .string(let id)? = members[name], index.knows(id) {
                    scope = id
                    break
                }
            }
            return members.sorted { $0.key < $1.key }.flatMap { name, member -> [String] in
                var found = findings(in: member, path: "\(path).\(name)", auction: scope, key: name)
                if Self.privateKeys.contains(name.lowercased()) { found.append("private field \"\(name)\" at \(path).\(name)") }
                return found
            }
        case .array(let items):
            return items.enumerated().flatMap { findings(in: $1, path: "\(path)[\($0)]", auction: auction, key: key) }
        case .integer(let number):
            let lowered = key.lowercased()
            guard ["minor", "price", "amount", "maximum", "reserve"].contains(where: lowered.contains) else { return [] }
            return index.hidden(for: auction).contains(number)
                ? ["hidden amount \(number) (minor units) of \(auction.map { "auction \($0)" } ?? "some auction") at \(path)"] : []
        case .string(let text):
            return findings(inText: text, auction: auction, mode: text.contains("<") ? .decimal : .plain, place: path)
        case .null, .bool, .number:
            return []
        }
    }
}
