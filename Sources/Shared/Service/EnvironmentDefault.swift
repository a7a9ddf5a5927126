import Foundation

/// Defaults for command-line options that an environment variable may override, so that every
/// setting can come from a flag or from the environment (flags win).
package enum EnvironmentDefault {
    package static func string(_ name: String, _ fallback: String) -> String {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    }

    package static func int(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }
}
