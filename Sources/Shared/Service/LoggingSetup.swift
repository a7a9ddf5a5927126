import Logging

/// Bootstraps swift-log once per process at the requested level.
package enum LoggingSetup {
    package static func bootstrap(level: String) -> Logger.Level {
        let parsed = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return handler
        }
        return parsed
    }
}
