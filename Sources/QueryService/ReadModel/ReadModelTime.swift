/// Converts `timestamptz` columns to the epoch milliseconds the domain and the APIs use, exactly
/// (PostgreSQL 14+ `extract` returns numeric, so there is no floating-point rounding).
enum ReadModelTime {
    static func milliseconds(_ column: String) -> String {
        "(extract(epoch FROM \(column)) * 1000)::bigint"
    }
}
