/// A positive amount of money in integer minor units (cents) of one ``Currency``.
///
/// Never floating point: `12.50 EUR` is `Money(minorUnits: 1250, currency: .eur)`. Every value is
/// in `1...maximumMinorUnits`, so two amounts can always be added without `Int64` overflow;
/// arithmetic still uses overflow-reporting operations and rejects any result above the bound.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// One billion currency units, in minor units.
    public static let maximumMinorUnits: Int64 = 1_000_000_000_00

    /// The amount in hundredths of the currency's main unit.
    public let minorUnits: Int64
    /// The currency of the amount.
    public let currency: Currency

    /// Validates that `minorUnits` is in `1...maximumMinorUnits`.
    public init(minorUnits: Int64, currency: Currency) throws(MoneyError) {
        guard minorUnits > 0 else { throw .notPositive(minorUnits) }
        guard minorUnits <= Self.maximumMinorUnits else { throw .exceedsMaximum }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// For amounts the module derives from already valid ones (the increment table's steps,
    /// the lesser of two valid amounts), which are in range by construction.
    init(trustedMinorUnits: Int64, currency: Currency) {
        self.minorUnits = trustedMinorUnits
        self.currency = currency
    }

    /// The sum, or an error for a currency mismatch or a result above the bound.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .exceedsMaximum }
        return try Money(minorUnits: sum, currency: currency)
    }

    /// `self + other`, but never more than `cap`: the proxy-bidding step "one increment above the
    /// runner-up, at most the leader's maximum". Total: a sum past the bound is simply capped.
    func adding(_ other: Money, cappedAt cap: Money) -> Money {
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow || sum >= cap.minorUnits { return cap }
        return Money(trustedMinorUnits: sum, currency: currency)
    }

    /// `"12.50 EUR"`: used in error messages that name a minimum bid.
    public var description: String {
        let units = minorUnits / 100
        let cents = minorUnits % 100
        return "\(units).\(cents < 10 ? "0" : "")\(cents) \(currency.code)"
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey { case minorUnits, currency }

    /// Decodes `{"minorUnits": 1250, "currency": "EUR"}` and validates it like ``init(minorUnits:currency:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        try self.init(minorUnits: container.decode(Int64.self, forKey: .minorUnits), currency: currency)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minorUnits, forKey: .minorUnits)
        try container.encode(currency, forKey: .currency)
    }
}
