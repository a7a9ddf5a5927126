/// The HTTP methods the server routes.
package enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE", options = "OPTIONS"

    /// Whether a request with this method may carry a body the server reads.
    var acceptsBody: Bool { self == .post || self == .put || self == .patch || self == .delete }
}
