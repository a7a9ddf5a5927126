/// The main content of an error page: 404, or any other status with a message for people.
enum ErrorPageBody {
    struct Model: Equatable, Sendable {
        var status: Int
        var title: String
        var message: String
    }

    static func render(_ model: Model) -> HTML {
        """
        <section class="error-page"><h1>\(model.title)</h1><p class="status">Error \(model.status)</p>\
        <p>\(model.message)</p><p><a href="/">Back to the auctions</a></p></section>
        """
    }

    /// The 404 page.
    static let notFound = Model(status: 404, title: "Page not found", message: "There is nothing at this address.")
}
