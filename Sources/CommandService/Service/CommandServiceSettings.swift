import Shared

/// Everything the CommandService is configured with, from flags or the environment.
struct CommandServiceSettings: Sendable {
    var host = "0.0.0.0"
    var port = 8080
    var redis = RedisConfiguration()
    var partitionCount = EventStreamLayout.defaultPartitionCount
    /// Shared with every QueryService, which verifies the same tokens.
    var sessionSecret = ""
    var sessionLifetimeSeconds: Int64 = 86_400
    var lock = LockPolicy()
    var closerPollInterval: Duration = .milliseconds(200)
    /// Fault injection for the fencing tests; zero otherwise.
    var pauseBeforeCommit: Duration = .zero
    /// Failed log-ins tolerated per account and per client address.
    var loginThrottle = LoginThrottlePolicy()
    /// Peers whose `X-Forwarded-For` names the client (QueryService nodes); none by default.
    var trustedProxies: [String] = []
}
