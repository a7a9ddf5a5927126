/// Where a Redis server is and how long to wait for it.
package struct RedisConfiguration: Sendable, Hashable {
    package var host: String
    package var port: Int
    /// How long opening a connection may take (`redisConnectWithTimeout`).
    package var connectTimeout: Duration
    /// How long one command may wait for its reply (`redisSetTimeout`, the socket's read and write
    /// timeout). A call that exceeds it throws a `.timeout` error. `.zero` means no limit.
    package var readTimeout: Duration
    /// How many connections a `RedisClient` keeps, each on its own thread.
    package var poolSize: Int
    /// Sent as `CLIENT SETNAME` on every (re)connect, so the connection shows up in `CLIENT LIST`.
    package var clientName: String?

    package init(
        host: String = "127.0.0.1", port: Int = 6379, connectTimeout: Duration = .seconds(2),
        readTimeout: Duration = .seconds(5), poolSize: Int = 4, clientName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.poolSize = poolSize
        self.clientName = clientName
    }

    /// The same command timeout under its other name.
    package var commandTimeout: Duration {
        get { readTimeout }
        set { readTimeout = newValue }
    }
}
