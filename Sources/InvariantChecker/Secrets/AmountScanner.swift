/// Finds amounts of money written in text, in the forms the platform renders them.
///
/// - `decimal`: two-decimal amounts with or without thousands separators and currency symbol
///   (`€1,234.50`, `12.50 EUR`, `value="12.50"`), read as minor units. Used for pages and frames,
///   where bare integers are mostly ids, positions and times.
/// - `plain` adds bare integers, read as minor units (`"description": "… 123450 …"`). Used for
///   read-model text columns and JSON strings.
///
/// A number glued to a letter, digit, `-`, `:` or `_` is not an amount: that keeps hex ids,
/// dates (`2026-11-29`) and clock times (`06:53`) out of the findings.
enum AmountScanner {
    enum Mode: Sendable { case decimal, plain }

    static func amounts(in text: String, mode: Mode) -> [Int64] {
        let bytes = Array(text.utf8)
        var found: [Int64] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isGlue(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: ".") { end += 1 }
            // A trailing separator is punctuation ("costs 12.50."), not part of the number.
            var last = end
            while last > index, !isDigit(bytes[last - 1]) { last -= 1 }
            if last < end || end == bytes.count || !isGlue(bytes[end]) {
                if let value = value(of: String(decoding: bytes[index..<last], as: UTF8.self), mode: mode) { found.append(value) }
            }
            index = end
        }
        return found
    }

    /// `1,234.50` → 123450; `1234` → 1234 in plain mode; nil for anything else.
    private static func value(of token: String, mode: Mode) -> Int64? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        let groupedWell = groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 })
        guard groupedWell, let units = Int64(groups.joined()), groups.joined().count <= 12 else { return nil }
        switch parts.count {
        case 1: return mode == .plain && groups.count == 1 ? units : nil
        case 2:
            guard parts[1].count == 2, let cents = Int64(parts[1]) else { return nil }
            return units * 100 + cents
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }

    private static func isGlue(_ byte: UInt8) -> Bool {
        isDigit(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "_")
    }
}
