/// A complete HTTP response: status, extra headers and body. Content-Length is always sent, so
/// HTTP/1.1 keep-alive works without chunking.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var contentType: String
    /// Additional headers as (name, value); names without the trailing colon.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// When true the connection is closed after this response instead of kept alive.
    package var closeConnection = false

    package init(status: Int, contentType: String = "text/plain; charset=utf-8", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    package static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(text.utf8))
    }

    package static func html(_ html: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
    }

    /// A JSON response from already-encoded bytes.
    package static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: bytes)
    }

    /// Adds a header and returns the response, for chaining.
    package func with(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
