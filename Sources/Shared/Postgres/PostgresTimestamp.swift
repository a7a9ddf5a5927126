import Foundation

/// Conversions between `Date` and PostgreSQL's `timestamptz` at microsecond precision.
///
/// Pure calendar arithmetic (Howard Hinnant's civil-date algorithms) instead of `DateFormatter`,
/// which is slow and locale-dependent. Years 1 to 9999 only; PostgreSQL's BC dates and
/// `infinity` are not supported and fail to decode.
enum PostgresTimestamp {
    /// Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for binary timestamps.
    private static let epochOffset: Int64 = 946_684_800

    static func microsecondsSince1970(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func microsecondsSince2000(_ date: Date) -> Int64 {
        microsecondsSince1970(date) - epochOffset * 1_000_000
    }

    /// ISO text in UTC, such as `2024-05-06 07:08:09.123456+00`.
    static func text(_ date: Date) -> String {
        let micros = microsecondsSince1970(date)
        let seconds = floorDivide(micros, 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))+00"
    }

    /// Parses `timestamptz` text output in the ISO DateStyle: `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`.
    static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(bytes: Array(text.utf8))
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip(" ") || scanner.skip("T"),
            let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2), scanner.skip(":"),
            let second = scanner.number(digits: 2)
        else { return nil }
        var micros: Int64 = 0
        if scanner.skip(".") {
            let start = scanner.index
            guard let fraction = scanner.number(), scanner.index - start <= 6 else { return nil }
            micros = fraction
            for _ in (scanner.index - start)..<6 { micros *= 10 }
        }
        guard let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : nil, let offsetHours = scanner.number(digits: 2)
        else { return nil }
        var offset = offsetHours * 3600
        if scanner.skip(":") { guard let minutes = scanner.number(digits: 2) else { return nil }; offset += minutes * 60 }
        if scanner.skip(":") { guard let seconds = scanner.number(digits: 2) else { return nil }; offset += seconds }
        guard scanner.atEnd, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - sign * offset
        return Date(timeIntervalSince1970: Double(seconds * 1_000_000 + micros) / 1_000_000)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func civil(fromDays daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads ASCII digits and separators from timestamp text.
    private struct DigitScanner {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ char: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: char) else { return false }
            index += 1
            return true
        }

        /// Reads `digits` digits exactly, or one or more (at most 18) when `digits` is nil.
        mutating func number(digits: Int? = nil) -> Int64? {
            var value: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < (digits ?? 18) {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
            }
            let count = index - start
            return count > 0 && (digits == nil || count == digits) ? value : nil
        }
    }
}
