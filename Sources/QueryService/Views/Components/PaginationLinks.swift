/// "Next page" under a list, when there is one; the first page link when not on it.
enum PaginationLinks {
    struct Model: Equatable, Sendable {
        /// The path of the next page (with its cursor), nil on the last page.
        var next: String?
        /// The path of the first page, nil when this is the first page.
        var first: String?
    }

    static func render(_ model: Model) -> HTML {
        guard model.next != nil || model.first != nil else { return .empty }
        let first: HTML = model.first.map { "<a href=\"\($0)\" rel=\"first\">First page</a>" } ?? .empty
        let next: HTML = model.next.map { "<a href=\"\($0)\" rel=\"next\">Next page</a>" } ?? .empty
        return "<nav class=\"pagination\">\(first) \(next)</nav>"
    }
}
