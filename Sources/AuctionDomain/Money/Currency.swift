/// An ISO 4217 currency code: exactly three ASCII capital letters, such as `EUR` or `USD`.
///
/// Only the shape of the code is checked, not membership in the ISO list, so a newly issued
/// currency needs no code change. Every amount in this module is counted in hundredths of the
/// currency's main unit (cents), so the domain assumes a two-decimal currency.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three capital letters, e.g. `"EUR"`.
    public let code: String

    /// Validates `code`; lower-case or padded codes are rejected rather than normalised, so a
    /// typo never silently becomes a different currency.
    public init(code: String) throws(MoneyError) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw .invalidCurrencyCode(code)
        }
        self.code = code
    }

    private init(trusted code: String) { self.code = code }

    /// Euro.
    public static let eur = Currency(trusted: "EUR")
    /// United States dollar.
    public static let usd = Currency(trusted: "USD")
    /// Pound sterling.
    public static let gbp = Currency(trusted: "GBP")

    public var description: String { code }
}

extension Currency: Codable {
    /// Decodes from a bare string and applies the same validation as ``init(code:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(code: container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
