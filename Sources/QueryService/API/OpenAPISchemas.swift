/// The schemas of ``OpenAPIDocument``: one per type in ``APIResources`` plus the shared error.
/// `additionalProperties: false` everywhere, so a field added to a response without being
/// described here fails the contract tests.
enum OpenAPISchemas {
    static var all: [String: Any] {
        [
            "Money": object(["currency": ["type": "string", "pattern": "^[A-Z]{3}$"], "minorUnits": ["type": "integer", "format": "int64", "minimum": 1]]),
            "UserRef": object(["userID": string, "displayName": string], optional: ["displayName"]),
            "Auction": object([
                "auctionID": string, "seller": ref("UserRef"), "title": string, "description": string,
                "status": ["type": "string", "enum": ["open", "closed", "cancelled"]],
                "startingPrice": ref("Money"), "currentPrice": ref("Money"), "leader": ref("UserRef"),
                "hasReserve": boolean, "reserveMet": boolean, "bidCount": integer, "startsAt": millis, "endsAt": millis,
                "extensionCount": integer, "createdAt": millis, "finishedAt": millis, "winner": ref("UserRef"), "finalPrice": ref("Money"),
                "version": ["type": "integer", "format": "int64", "minimum": 1],
            ], optional: ["leader", "finishedAt", "winner", "finalPrice"]),
            "Bid": object([
                "bidNumber": ["type": "integer", "minimum": 1], "bidder": ref("UserRef"), "placedAt": millis, "priceAfter": ref("Money"),
                "leaderAfter": string,
            ], optional: ["priceAfter", "leaderAfter"]),
            "User": object(["userID": string, "displayName": string, "registeredAt": millis]),
            "AuctionPage": object(["auctions": ["type": "array", "items": ref("Auction")], "nextCursor": string], optional: ["nextCursor"]),
            "BidPage": object(["auctionID": string, "bids": ["type": "array", "items": ref("Bid")], "nextCursor": string], optional: ["nextCursor"]),
            "Error": object(["error": object([
                "code": string, "message": string,
                "details": ["type": "object", "additionalProperties": ["oneOf": [string, integer, boolean]]],
            ])]),
        ]
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var boolean: [String: Any] { ["type": "boolean"] }
    /// Epoch milliseconds.
    private static var millis: [String: Any] { ["type": "integer", "format": "int64", "description": "Epoch milliseconds."] }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func object(_ properties: [String: [String: Any]], optional: Set<String> = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": properties.keys.filter { !optional.contains($0) }.sorted(), "additionalProperties": false]
    }
}
