/// The error banner above a form after a failed post.
enum FormError {
    static func render(_ message: String?) -> HTML {
        guard let message else { return .empty }
        return "<p class=\"form-error\" role=\"alert\">\(message)</p>"
    }
}
