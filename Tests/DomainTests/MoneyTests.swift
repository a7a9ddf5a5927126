import AuctionDomain
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test("Currency codes must be three ASCII capital letters", arguments: [
        ("EUR", true), ("USD", true), ("XAU", true), ("eur", false), ("EU", false), ("EURO", false),
        ("", false), (" EU", false), ("ÉUR", false), ("E1R", false),
    ])
    func currencyValidation(code: String, valid: Bool) {
        #expect(((try? Currency(code: code)) != nil) == valid)
    }

    @Test("Amounts must be positive and at most one billion units", arguments: [
        (Int64(1), nil), (Int64(0), MoneyError.notPositive(0)), (-5, .notPositive(-5)),
        (Money.maximumMinorUnits, nil), (Money.maximumMinorUnits + 1, .exceedsMaximum), (Int64.max, .exceedsMaximum),
        (Int64.min, .notPositive(Int64.min)),
    ] as [(Int64, MoneyError?)])
    func amountBounds(minorUnits: Int64, expected: MoneyError?) throws {
        let result = Result { () throws(MoneyError) in try Money(minorUnits: minorUnits, currency: .eur) }
        #expect(result.violation == expected)
        if expected == nil { #expect(try result.get().minorUnits == minorUnits) }
    }

    @Test func addingStaysInRangeOrReportsIt() throws {
        #expect(try eur(1_50).adding(eur(25)) == eur(1_75))
        #expect(throws: MoneyError.exceedsMaximum) { try eur(Money.maximumMinorUnits).adding(eur(1)) }
        let dollars = try Money(minorUnits: 1, currency: .usd)
        #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try eur(1).adding(dollars) }
    }

    @Test("Amounts print with two decimals and the code", arguments: [
        (Int64(1), "0.01 EUR"), (10, "0.10 EUR"), (1_05, "1.05 EUR"), (12_50, "12.50 EUR"), (1_000_000_00, "1000000.00 EUR"),
    ])
    func description(minorUnits: Int64, text: String) {
        #expect(eur(minorUnits).description == text)
    }

    @Test func moneyJSONRoundTripsAndDecodingValidates() throws {
        let data = try JSONEncoder().encode(eur(12_50))
        #expect(try JSONDecoder().decode(Money.self, from: data) == eur(12_50))
        for bad in [#"{"minorUnits":0,"currency":"EUR"}"#, #"{"minorUnits":5,"currency":"eur"}"#, #"{"minorUnits":5}"#] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(Money.self, from: Data(bad.utf8)) }
        }
    }

    @Test func errorsHaveStableCodes() {
        #expect(MoneyError.exceedsMaximum.code == "amountTooLarge")
        #expect(MoneyError.invalidCurrencyCode("x").description.contains("ISO 4217"))
    }
}
