/// The snapshot's JSON without Foundation: the document `Codable` gives (`JSONDecoder` reads it and
/// this reads `JSONEncoder`'s), written and read in microseconds instead of ~430 µs each for an
/// auction with 64 bidders. The CommandService writes a snapshot in every commit of a busy
/// auction, so this is on the hot path of every bid. Keys of `maximums` come in no set order.
extension AuctionState {
    /// The snapshot document.
    public func snapshotJSON() -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + maximums.count * 72 + title.utf8.count + description.utf8.count)
        writer.beginObject()
        writer.key("auctionID"); writer.string(auctionID.rawValue)
        writer.key("bidCount"); writer.integer(Int64(bidCount))
        writer.key("description"); writer.string(description)
        writer.key("endsAt"); writer.integer(endsAt)
        writer.key("hasReserve"); writer.bool(hasReserve)
        if let leader { writer.key("leader"); writer.string(leader.rawValue) }
        writer.key("maximums")
        writer.beginObject()
        for (bidder, maximum) in maximums {
            writer.key(bidder.rawValue)
            Self.write(maximum, into: &writer)
        }
        writer.endObject()
        writer.key("phase"); writer.string(phase.rawValue)
        writer.key("price"); Self.write(price, into: &writer)
        if let reservePrice { writer.key("reservePrice"); Self.write(reservePrice, into: &writer) }
        writer.key("seller"); writer.string(seller.rawValue)
        writer.key("softClose")
        writer.beginObject()
        writer.key("extensionSeconds"); writer.integer(softClose.extensionSeconds)
        writer.key("windowSeconds"); writer.integer(softClose.windowSeconds)
        writer.endObject()
        writer.key("startingPrice"); Self.write(startingPrice, into: &writer)
        writer.key("startsAt"); writer.integer(startsAt)
        writer.key("title"); writer.string(title)
        writer.key("version"); writer.integer(version)
        writer.endObject()
        return writer.bytes
    }

    /// Reads a snapshot document (this writer's or `JSONEncoder`'s), validating money as
    /// `Money.init(minorUnits:currency:)` does.
    public init(snapshotJSON bytes: [UInt8]) throws(SnapshotDecodingError) {
        guard case .object(let fields) = try JSONReader.parse(bytes) else { throw SnapshotDecodingError("not an object") }
        let document = SnapshotFields(fields: fields)
        auctionID = AuctionID(try document.string("auctionID"))
        version = try document.integer("version")
        seller = UserID(try document.string("seller"))
        title = try document.string("title")
        description = try document.string("description")
        startingPrice = try document.money("startingPrice")
        hasReserve = try document.bool("hasReserve")
        reservePrice = try document.optional("reservePrice") { value throws(SnapshotDecodingError) in try SnapshotFields.money(value) }
        startsAt = try document.integer("startsAt")
        endsAt = try document.integer("endsAt")
        let soft = try document.object("softClose")
        softClose = SoftClosePolicy(windowSeconds: try soft.integer("windowSeconds"), extensionSeconds: try soft.integer("extensionSeconds"))
        guard let phase = AuctionPhase(rawValue: try document.string("phase")) else { throw SnapshotDecodingError("unknown phase") }
        self.phase = phase
        price = try document.money("price")
        leader = try document.optional("leader") { value throws(SnapshotDecodingError) in
            guard case .string(let text) = value else { throw SnapshotDecodingError("leader is not a string") }
            return UserID(text)
        }
        guard let count = Int(exactly: try document.integer("bidCount")) else { throw SnapshotDecodingError("bidCount out of range") }
        bidCount = count
        var maximums: [UserID: Money] = [:]
        for (bidder, value) in try document.object("maximums").fields { maximums[UserID(bidder)] = try SnapshotFields.money(value) }
        self.maximums = maximums
    }

    private static func write(_ money: Money, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("currency"); writer.string(money.currency.code)
        writer.key("minorUnits"); writer.integer(money.minorUnits)
        writer.endObject()
    }
}

/// Typed access to one parsed object of the snapshot.
private struct SnapshotFields {
    let fields: [(key: String, value: JSONReader.Value)]

    /// The last member named `key` (a repeated key overrides, as in `JSONDecoder`).
    private func member(_ key: String) -> JSONReader.Value? { fields.last { $0.key == key }?.value }

    func value(_ key: String) throws(SnapshotDecodingError) -> JSONReader.Value {
        guard let value = member(key) else { throw SnapshotDecodingError("missing \(key)") }
        return value
    }

    func string(_ key: String) throws(SnapshotDecodingError) -> String {
        guard case .string(let text) = try value(key) else { throw SnapshotDecodingError("\(key) is not a string") }
        return text
    }

    func integer(_ key: String) throws(SnapshotDecodingError) -> Int64 {
        guard case .integer(let number) = try value(key) else { throw SnapshotDecodingError("\(key) is not an integer") }
        return number
    }

    func bool(_ key: String) throws(SnapshotDecodingError) -> Bool {
        guard case .bool(let flag) = try value(key) else { throw SnapshotDecodingError("\(key) is not a boolean") }
        return flag
    }

    func object(_ key: String) throws(SnapshotDecodingError) -> SnapshotFields {
        guard case .object(let members) = try value(key) else { throw SnapshotDecodingError("\(key) is not an object") }
        return SnapshotFields(fields: members)
    }

    func money(_ key: String) throws(SnapshotDecodingError) -> Money { try Self.money(try value(key)) }

    /// Absent and `null` are both nil, as `decodeIfPresent` has it.
    func optional<T>(_ key: String, _ read: (JSONReader.Value) throws(SnapshotDecodingError) -> T) throws(SnapshotDecodingError) -> T? {
        guard let value = member(key) else { return nil }
        if case .null = value { return nil }
        return try read(value)
    }

    static func money(_ value: JSONReader.Value) throws(SnapshotDecodingError) -> Money {
        guard case .object(let members) = value else { throw SnapshotDecodingError("money is not an object") }
        let fields = SnapshotFields(fields: members)
        do {
            return try Money(minorUnits: try fields.integer("minorUnits"), currency: try Currency(code: try fields.string("currency")))
        } catch let error as SnapshotDecodingError {
            throw error
        } catch {
            throw SnapshotDecodingError("invalid money: \(error)")
        }
    }
}
