import AuctionDomain
import Foundation
import Shared

/// Decodes a JSON request body, turning every way it can be wrong into a 400 that names the
/// problem: not UTF-8, not JSON, a missing or mistyped field, a number out of range, bad money.
enum JSONRequestDecoder {
    static func decode<Body: Decodable>(_ type: Body.Type, from request: HTTPRequest) -> Result<Body, APIError> {
        guard request.bodyText != nil else {
            return .failure(APIError(status: 400, code: "invalid_utf8", message: "The request body is not valid UTF-8."))
        }
        guard !request.body.isEmpty else {
            return .failure(APIError(status: 400, code: "missing_body", message: "The request needs a JSON body."))
        }
        do {
            return .success(try JSONDecoder().decode(Body.self, from: Data(request.body)))
        } catch let error as MoneyError {
            return .failure(APIError(status: 400, code: "invalid_money", message: error.description, details: ["reason": .string(error.code)]))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let field = nonIntegerNumber(in: request.body) {
                return .failure(APIError(
                    status: 400, code: "invalid_field", message: "The field \"\(field)\" must be a whole number within range.",
                    details: ["field": .string(field)]))
            }
            return .failure(describe(error))
        } catch {
            return .failure(APIError(status: 400, code: "malformed_json", message: "The request body is not valid JSON."))
        }
    }

    private static func describe(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return APIError(
                status: 400, code: "missing_field", message: "The field \"\(field)\" is required.", details: ["field": .string(field)])
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return APIError(
                status: 400, code: "invalid_field", message: "The field \"\(field)\" has the wrong type.", details: ["field": .string(field)])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = path(context.codingPath)
            return APIError(status: 400, code: "invalid_field", message: "The field \"\(field)\" has an invalid value.", details: ["field": .string(field)])
        default:
            return APIError(status: 400, code: "malformed_json", message: "The request body is not valid JSON.")
        }
    }

    /// The path of the first number in `body` that no integer field can hold (`1700.5`, `1e30`),
    /// when `body` is valid JSON. Foundation reports such a number as "not valid JSON" without a
    /// coding path, yet the body is valid JSON with a bad value: `invalid_field`, as documented.
    /// Every number in the command bodies is an integer (money in minor units, times in ms).
    private static func nonIntegerNumber(in body: [UInt8]) -> String? {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else { return nil }
        func search(_ value: Any, _ path: [String]) -> String? {
            switch value {
            case let object as [String: Any]:
                for key in object.keys.sorted() { if let found = search(object[key]!, path + [key]) { return found } }
            case let array as [Any]:
                for (index, element) in array.enumerated() { if let found = search(element, path + ["[\(index)]"]) { return found } }
            case let number as NSNumber:
                if Int64(exactly: number.doubleValue) == nil { return path.joined(separator: ".") }
            default: break
            }
            return nil
        }
        return search(parsed, []).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
