import Foundation
import AuctionDomain

/// Money as people read and type it, with integer arithmetic only (amounts are minor units).
enum MoneyText {
    /// `€1,234.50`, `$3.05`, `£0.99`; other currencies as `1,234.50 CHF`.
    static func format(_ money: Money) -> String {
        format(minorUnits: money.minorUnits, currencyCode: money.currency.code)
    }

    /// Formats `minorUnits` hundredths of `currencyCode` with thousands separators.
    static func format(minorUnits: Int64, currencyCode: String) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let units = magnitude / 100
        let cents = magnitude % 100
        let amount = "\(negative ? "-" : "")\(grouped(units)).\(cents < 10 ? "0" : "")\(cents)"
        switch currencyCode {
        case "EUR": return "€" + amount
        case "USD": return "$" + amount
        case "GBP": return "£" + amount
        default: return "\(amount) \(currencyCode)"
        }
    }

    /// `12.5`, `12.50`, `1,234` or `1234.05` typed in a form, as minor units; nil for anything else
    /// (signs, exponents, more than two decimals, empty, or more than the domain's maximum).
    /// Commas are accepted only as thousands separators, so a decimal comma (`12,50`) is refused
    /// rather than read as 1250 units.
    static func parseMinorUnits(_ text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let grouped = parts.first, let whole = ungrouped(grouped), !whole.isEmpty,
              whole.count <= 12,
              whole.utf8.allSatisfy({ (48...57).contains($0) }), let units = Int64(whole) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.utf8.allSatisfy({ (48...57).contains($0) }),
                  let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let total = units * 100 + cents
        guard total <= Money.maximumMinorUnits else { return nil }
        return total
    }

    /// The decimal form without symbol or separators, for an `<input>` value: `1234.50`.
    static func plain(minorUnits: Int64) -> String {
        let cents = minorUnits.magnitude % 100
        return "\(minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `1,234,567` → `1234567`; nil when the commas are not every three digits.
    private static func ungrouped(_ text: Substring) -> Substring? {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1 else { return text }
        guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return Substring(groups.joined())
    }

    private static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(digit)
        }
        return output
    }
}
