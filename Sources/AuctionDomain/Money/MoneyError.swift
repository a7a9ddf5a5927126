/// Why an amount of money or a currency code was refused.
public enum MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code is not three ASCII capital letters.
    case invalidCurrencyCode(String)
    /// Zero or negative minor units: every price and maximum in an auction is positive.
    case notPositive(Int64)
    /// More than ``Money/maximumMinorUnits``, or a sum that would pass it.
    case exceedsMaximum
    /// Arithmetic between two currencies.
    case currencyMismatch(Currency, Currency)

    /// A stable machine-readable code for API responses.
    public var code: String {
        switch self {
        case .invalidCurrencyCode: "invalidCurrencyCode"
        case .notPositive: "amountNotPositive"
        case .exceedsMaximum: "amountTooLarge"
        case .currencyMismatch: "currencyMismatch"
        }
    }

    public var description: String {
        switch self {
        case .invalidCurrencyCode(let code): "\"\(code)\" is not a three-letter ISO 4217 currency code."
        case .notPositive: "The amount must be greater than zero."
        case .exceedsMaximum: "The amount must not exceed \(Money.maximumMinorUnits / 100) units."
        case .currencyMismatch(let left, let right): "Cannot combine \(left) and \(right) amounts."
        }
    }
}
