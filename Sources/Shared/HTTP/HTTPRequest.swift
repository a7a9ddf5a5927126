/// One HTTP request as a handler sees it: already routed, body complete and within the limit.
package struct HTTPRequest: Sendable {
    package var method: HTTPMethod
    /// The decoded path, without the query string.
    package var path: String
    /// Query parameters in their order of appearance, decoded.
    package var query: QueryParameters
    /// Header values by lower-case name. Only the headers the server is configured to read are present.
    package var headers: [String: String]
    package var body: [UInt8]
    /// Values of `{name}` segments of the matched route.
    package var pathParameters: [String: String] = [:]
    /// The peer's address as text, for logs and rate limits.
    package var remoteAddress: String

    package init(
        method: HTTPMethod, path: String, query: QueryParameters = QueryParameters(), headers: [String: String] = [:],
        body: [UInt8] = [], remoteAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The value of a header, by case-insensitive name.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as UTF-8 text, or nil when it is not valid UTF-8.
    package var bodyText: String? { String(validating: body, as: UTF8.self) }
}
