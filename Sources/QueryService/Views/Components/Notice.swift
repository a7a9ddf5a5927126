/// A confirmation banner after a successful post ("Your bid is placed").
enum Notice {
    static func render(_ message: String?) -> HTML {
        guard let message else { return .empty }
        return "<p class=\"notice\" role=\"status\">\(message)</p>"
    }
}
