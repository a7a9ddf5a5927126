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

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
