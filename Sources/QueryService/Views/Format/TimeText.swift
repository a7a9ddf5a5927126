import AuctionDomain

/// Instants for `<time datetime>` and for people, in UTC, from epoch milliseconds.
///
/// Pure integer calendar arithmetic (days from civil dates, proleptic Gregorian), so rendering
/// never depends on the host's time zone or locale and the same instant always gives the same HTML.
enum TimeText {
    /// `2026-11-29T06:00:00Z`, the machine-readable form for `datetime`.
    static func iso8601(_ instant: EpochMilliseconds) -> String {
        let parts = civil(instant)
        return "\(parts.year)-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))Z"
    }

    /// `29 Nov 2026, 06:00 UTC`, the text shown before (or without) the browser script.
    static func readable(_ instant: EpochMilliseconds) -> String {
        let parts = civil(instant)
        return "\(parts.day) \(monthNames[Int(parts.month) - 1]) \(parts.year), \(pad(parts.hour)):\(pad(parts.minute)) UTC"
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private struct Civil {
        var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64
    }

    /// Howard Hinnant's `civil_from_days`, on floor-divided days so instants before 1970 work too.
    private static func civil(_ instant: EpochMilliseconds) -> Civil {
        let seconds = floorDivide(instant, 1000)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: secondOfDay / 3600,
                     minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
