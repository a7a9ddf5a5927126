import Foundation

/// Runs external programs for the harness with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit` spins a run loop and hangs when called from an `atexit`
/// handler, which is where the harness stops its servers, so processes are driven directly.
package enum ChildProcess {
    /// Runs a command to completion and returns its output (stdout and stderr); throws on a non-zero exit.
    @discardableResult
    package static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("auction-cmd-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let pid = try spawn(executable, arguments, output: log.path)
        let status = wait(pid)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TestServerError("\(executable) \(arguments.joined(separator: " ")) exited \(status): \(text)")
        }
        return text
    }

    /// Starts a long-lived process whose output is appended to `logFile`, and returns its pid.
    package static func start(_ executable: String, _ arguments: [String], logFile: URL) throws -> pid_t {
        try spawn(executable, arguments, output: logFile.path)
    }

    /// Waits for `pid` to exit and returns its exit status (128 + signal when killed by one).
    @discardableResult
    package static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Sends `signal` to `pid` and reaps it.
    package static func stop(_ pid: pid_t, signal: Int32 = SIGTERM) {
        guard kill(pid, signal) == 0 else { return }
        wait(pid)
    }

    /// Polls `ready` every 50 ms until it returns true or `timeout` passes.
    package static func waitUntil(timeout: TimeInterval, what: String, _ ready: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if ready() { return }
            usleep(50_000)
        }
        throw TestServerError("\(what) was not ready within \(timeout) s")
    }

    /// The first executable named `name` in the usual places, PostgreSQL's versioned folder included.
    package static func find(_ name: String) throws -> String {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders += ["/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin", "/sbin"]
        let postgres = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += postgres.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw TestServerError("\(name) not found; run scripts/setup.sh first")
    }

    private static func spawn(_ executable: String, _ arguments: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Threads of a test process block signals; a child inherits that mask and would then
        // ignore SIGTERM, so the child starts with an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw TestServerError("cannot start \(executable): \(String(cString: strerror(result)))") }
        return pid
    }
}
