/// How many failed log-ins are tolerated before `POST /v1/sessions` answers 429 without looking at
/// the password: per account (the display name typed) and per client address, each in a fixed
/// window that starts with the first failure.
///
/// The per-account limit stops guessing one user's password from many addresses; the per-address
/// limit stops trying a few common passwords against many accounts from one address. The
/// address limit is higher because many people can share one address (an office, a carrier NAT).
struct LoginThrottlePolicy: Sendable, Equatable {
    /// Failed log-ins per display name per window.
    var accountFailures = 5
    /// Failed log-ins per client address per window, whatever the names.
    var addressFailures = 50
    /// The window, in milliseconds; a counter disappears this long after its first failure.
    var windowMilliseconds: Int64 = 15 * 60 * 1000
}
