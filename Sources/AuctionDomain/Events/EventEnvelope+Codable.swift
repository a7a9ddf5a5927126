import Foundation

/// The JSON shape (docs/events.md): `{"schemaVersion":1,"type":"…","auctionID":"…" or "userID":"…",
/// "version":3,"commandID":"…","timestamp":1700000000000,"data":{…}}`.
extension EventEnvelope: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion, type, auctionID, userID, version, commandID, timestamp, data
    }

    /// Checks the schema version before anything else, so a future event is reported as such
    /// rather than as a confusing missing field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion == EventSchema.currentVersion else {
            throw EventCodingError.unsupportedSchemaVersion(schemaVersion)
        }
        let typeName = try container.decode(String.self, forKey: .type)
        if let auction = try container.decodeIfPresent(AuctionID.self, forKey: .auctionID) {
            aggregate = .auction(auction)
        } else {
            aggregate = .user(try container.decode(UserID.self, forKey: .userID))
        }
        version = try container.decode(Int64.self, forKey: .version)
        commandID = try container.decode(CommandID.self, forKey: .commandID)
        timestamp = try container.decode(EpochMilliseconds.self, forKey: .timestamp)
        self.schemaVersion = schemaVersion
        event = try Event(typeName: typeName, data: container.superDecoder(forKey: .data))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(event.typeName, forKey: .type)
        switch aggregate {
        case .auction(let id): try container.encode(id, forKey: .auctionID)
        case .user(let id): try container.encode(id, forKey: .userID)
        }
        try container.encode(version, forKey: .version)
        try container.encode(commandID, forKey: .commandID)
        try container.encode(timestamp, forKey: .timestamp)
        try event.encodeData(to: container.superEncoder(forKey: .data))
    }
}

extension EventEnvelope {
    /// Compact JSON with sorted keys, so equal events have byte-identical encodings.
    public func jsonData() throws(EventCodingError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .encodingFailed(String(describing: error))
        }
    }

    /// Decodes one event; every failure becomes an ``EventCodingError`` the caller can dead-letter.
    public static func decode(json: Data) throws(EventCodingError) -> EventEnvelope {
        do {
            return try JSONDecoder().decode(EventEnvelope.self, from: json)
        } catch let error as EventCodingError {
            throw error
        } catch let error as MoneyError {
            throw .malformed(error.description)
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformed(context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(Self.path(context))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .malformed("missing field \"\(key.stringValue)\" at \(Self.path(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .malformed("wrong type at \(Self.path(context))")
        } catch {
            throw .malformed(String(describing: error))
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "top level" : path
    }
}
