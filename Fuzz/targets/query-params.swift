import Foundation

/// libFuzzer entry: the validation of `GET /v1/auctions` query strings (`AuctionListing`), from
/// the `name=value` fragments the server splits a query string into (the http-request target
/// covers the split itself and the route table).
///
/// Input: the query string, `&`-separated. Invariants: parsing never traps; a refusal is a 400
/// with a code and a message; an accepted listing only ever holds what the parameters allow:
/// every name is known, `limit` within 1...100, a seller listing names the non-empty `seller`
/// given, an open listing was not asked for another status or order, and a cursor belongs to
/// the listing it was given for (never another seller's page).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryParameters(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = QueryParameters(fragments: text.split(separator: "&").map(String.init))
    let listing: AuctionListing
    do throws(APIError) {
        listing = try AuctionListing(query)
    } catch {
        if error.status != 400 || error.code.isEmpty || error.message.isEmpty { fatalError("bad refusal \(error) for \(text)") }
        return 0
    }
    if let unknown = query.pairs.first(where: { !AuctionListing.parameters.contains($0.name) }) {
        fatalError("accepted unknown parameter \(unknown.name)")
    }
    if !(1...AuctionListing.maximumLimit).contains(listing.limit) { fatalError("accepted limit \(listing.limit)") }
    if query["limit"] == nil, listing.limit != AuctionListing.defaultLimit { fatalError("default limit is \(listing.limit)") }
    switch listing.kind {
    case .seller(let seller, let status):
        if seller.isEmpty || seller != query["seller"] { fatalError("seller listing of \(seller) from \(text)") }
        if let status, status.rawValue != query["status"] { fatalError("status \(status) from \(text)") }
        if case .seller(let owner, _, _)? = listing.cursor, owner != seller { fatalError("cursor of seller \(owner) accepted for \(seller)") }
        if let cursor = listing.cursor, case .seller = cursor {} else if listing.cursor != nil { fatalError("foreign cursor accepted") }
    case .endingSoon:
        if query["seller"] != nil { fatalError("seller ignored in \(text)") }
        if let status = query["status"], status != "open" { fatalError("status \(status) accepted for open listing") }
        if let cursor = listing.cursor, case .open = cursor {} else if listing.cursor != nil { fatalError("foreign cursor accepted") }
    }
    if (listing.cursor == nil) != (query["cursor"] == nil) { fatalError("cursor dropped or invented from \(text)") }
    return 0
}
