/// The random value a lock holder writes with `SET NX PX`: only the holder that knows it can
/// release the lock or commit under it, so a holder whose lease expired cannot free (or write
/// under) the lock a later holder took.
struct LockToken: Sendable, Hashable {
    let value: String

    /// 128 random bits from the system generator, as hex.
    static func random() -> LockToken {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return LockToken(value: String(high, radix: 16) + "-" + String(low, radix: 16))
    }
}
