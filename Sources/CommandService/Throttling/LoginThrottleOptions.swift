import ArgumentParser
import Shared

/// The command-line flags (and environment variables) of ``LoginThrottlePolicy`` and of the
/// trusted proxies, grouped so that the service's command gains them in one line.
struct LoginThrottleOptions: ParsableArguments {
    @Option(help: "Failed log-ins per display name per window before 429 (env LOGIN_ACCOUNT_FAILURES).")
    var loginAccountFailures = EnvironmentDefault.int("LOGIN_ACCOUNT_FAILURES", LoginThrottlePolicy().accountFailures)

    @Option(help: "Failed log-ins per client address per window before 429 (env LOGIN_ADDRESS_FAILURES).")
    var loginAddressFailures = EnvironmentDefault.int("LOGIN_ADDRESS_FAILURES", LoginThrottlePolicy().addressFailures)

    @Option(help: "Log-in throttling window in seconds, from the first failure (env LOGIN_WINDOW_SECONDS).")
    var loginWindowSeconds = EnvironmentDefault.int("LOGIN_WINDOW_SECONDS", Int(LoginThrottlePolicy().windowMilliseconds / 1000))

    @Option(
        name: .customLong("trusted-proxy"),
        help: "Address or IPv4 block whose X-Forwarded-For is believed (the QueryService nodes); repeatable (env TRUSTED_PROXIES, comma-separated).")
    var trustedProxies: [String] = EnvironmentDefault.string("TRUSTED_PROXIES", "").split(separator: ",").map(String.init)

    func validate() throws {
        guard loginAccountFailures >= 1, loginAddressFailures >= 1, (1...86_400).contains(loginWindowSeconds) else {
            throw ValidationError("log-in failures per account and per address >= 1, window 1...86400 seconds")
        }
        for proxy in trustedProxies.map(ClientAddressResolver.normalized) {
            guard ClientAddressResolver.isAddress(proxy) || ClientAddressResolver.block(proxy) != nil else {
                throw ValidationError("--trusted-proxy \(proxy) is neither an IP address nor an IPv4 block such as 10.0.0.0/8")
            }
        }
    }

    var policy: LoginThrottlePolicy {
        LoginThrottlePolicy(
            accountFailures: loginAccountFailures, addressFailures: loginAddressFailures, windowMilliseconds: Int64(loginWindowSeconds) * 1000)
    }
}
