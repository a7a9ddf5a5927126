import Foundation

/// The OpenAPI 3.0 description of the REST API, served at `/api/openapi.json`. The tests check
/// every response of the real API against it, so it cannot drift from what the node answers.
///
/// Built from plain dictionaries (serialized once, keys sorted) rather than kept as a string,
/// so the shared pieces (errors, pagination parameters, schemas) are written once.
enum OpenAPIDocument {
    static let path = "/api/openapi.json"

    static let json: [UInt8] = {
        let document: [String: Any] = [
            "openapi": "3.0.3",
            "info": [
                "title": "Live Auctions read API", "version": "1.0.0",
                "description": "Public, read-only views of auctions, bids and users, served by every QueryService node from its own read model. Amounts are integer minor units; times are epoch milliseconds.",
            ],
            "paths": paths,
            "components": ["schemas": OpenAPISchemas.all, "parameters": parameters, "responses": responses],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }()

    private static var paths: [String: Any] {
        [
            "/v1/auctions": ["get": operation(
                "listAuctions", "Open auctions ending soonest first, or one seller's auctions newest first.",
                parameters: [
                    query("status", "open (default), or with seller: open, closed, cancelled or all.",
                          ["type": "string", "enum": ["open", "closed", "cancelled", "all"]]),
                    query("seller", "List this user's auctions.", ["type": "string"]),
                    query("sort", "ending_soon (open auctions) or newest (a seller's).", ["type": "string", "enum": ["ending_soon", "newest"]]),
                    ref("Limit"), ref("Cursor"),
                ],
                ok: "AuctionPage", errors: ["400"])],
            "/v1/auctions/{id}": ["get": operation("getAuction", "One auction.", parameters: [pathID("The auction id.")], ok: "Auction", errors: ["404"])],
            "/v1/auctions/{id}/bids": ["get": operation(
                "listBids", "An auction's accepted bids in the order they were placed.",
                parameters: [pathID("The auction id."), query("limit", "Bids per page, 1 to 500 (default 50).", ["type": "integer", "minimum": 1, "maximum": 500]), ref("Cursor")],
                ok: "BidPage", errors: ["400", "404"])],
            "/v1/users/{id}": ["get": operation("getUser", "A user's public profile.", parameters: [pathID("The user id.")], ok: "User", errors: ["404"])],
        ]
    }

    private static func operation(_ id: String, _ summary: String, parameters: [[String: Any]], ok schema: String, errors: [String]) -> [String: Any] {
        var responses: [String: Any] = ["200": ["description": "OK", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]]]
        for status in errors + ["503"] { responses[status] = ["$ref": "#/components/responses/Error\(status)"] }
        return ["operationId": id, "summary": summary, "parameters": parameters, "responses": responses]
    }

    private static func query(_ name: String, _ description: String, _ schema: [String: Any]) -> [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    private static func pathID(_ description: String) -> [String: Any] {
        ["name": "id", "in": "path", "required": true, "description": description, "schema": ["type": "string"]]
    }

    private static func ref(_ parameter: String) -> [String: Any] { ["$ref": "#/components/parameters/\(parameter)"] }

    private static var parameters: [String: Any] {
        [
            "Limit": query("limit", "Items per page, 1 to 100 (default 20).", ["type": "integer", "minimum": 1, "maximum": 100]),
            "Cursor": query("cursor", "The nextCursor of the previous page (opaque).", ["type": "string"]),
        ]
    }

    private static var responses: [String: Any] {
        let described = [
            "400": "Bad parameter, limit or cursor.", "404": "No such resource.", "503": "The read model cannot be read right now.",
        ]
        return described.reduce(into: [String: Any]()) { all, entry in
            all["Error\(entry.key)"] = [
                "description": entry.value, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ]
        }
    }
}
