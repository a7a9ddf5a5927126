import Foundation

/// libFuzzer entry: everything the servers derive from a request line before a handler runs:
/// the path matched against the route table (path parameters), the query string fragments, and
/// the header lookup.
///
/// Input layout: `PATH?QUERY` on the first line, then header lines `name: value`. Invariants:
/// a matched parameter is never empty and never contains `/`; parsing never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let target = lines.first.map(String.init) ?? ""
    let path = String(target.prefix { $0 != "?" })
    let query = target.dropFirst(path.count + 1)
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let request = HTTPRequest(
        method: .get, path: path,
        query: QueryParameters(fragments: query.split(separator: "&").map(String.init)),
        headers: headers, body: [], remoteAddress: "127.0.0.1")
    let (resolved, _) = FuzzRoutes.router.resolve(request)
    for (name, value) in resolved.pathParameters {
        if value.isEmpty || value.contains("/") { fatalError("bad parameter \(name)=\(value) from \(path)") }
    }
    _ = FuzzRoutes.router.routeName(for: request)
    _ = request.query["q"]
    _ = request.header("Authorization")
    return 0
}

enum FuzzRoutes {
    static let router: Router = {
        var router = Router()
        for pattern in ["/", "/health", "/v1/auctions", "/v1/auctions/{id}", "/v1/auctions/{id}/bids",
                        "/v1/users/{id}", "/auctions/{id}", "/sellers/{id}/auctions/{page}"] {
            router.get(pattern) { _ in .text("ok") }
        }
        router.post("/v1/auctions/{id}/bids") { _ in .text("ok") }
        return router
    }()
}
