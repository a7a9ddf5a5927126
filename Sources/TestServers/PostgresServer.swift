import Foundation

/// A real PostgreSQL cluster made by `initdb` in a temporary folder, on a free loopback port.
///
/// PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to an
/// unprivileged system user (`auctiontest`, created on first use) and is driven through `runuser`.
package final class PostgresServer: Sendable {
    package static let unprivilegedUser = "auctiontest"
    package let port: Int
    package let directory: URL
    private let pid: pid_t
    private let runAs: String?

    package static func start() throws -> PostgresServer {
        let port = try FreePort.next()
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("auction-test-pg-\(UUID().uuidString)")
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let runAs: String? = geteuid() == 0 ? unprivilegedUser : nil
        if let user = runAs {
            if (try? ChildProcess.run("/usr/bin/id", ["-u", user])) == nil {
                try ChildProcess.run(try ChildProcess.find("useradd"), ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user])
            }
            try ChildProcess.run("/bin/chown", [user, directory.path])
        }
        try ChildProcess.run(
            try command("initdb", runAs),
            arguments("initdb", runAs) + ["-D", data.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        let pid = try ChildProcess.start(
            try command("postgres", runAs),
            arguments("postgres", runAs) + [
                "-D", data.path, "-p", "\(port)", "-k", directory.path, "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
            ],
            logFile: directory.appendingPathComponent("postgres.log"))
        let server = PostgresServer(port: port, directory: directory, pid: pid, runAs: runAs)
        let isReady = try ChildProcess.find("pg_isready")
        try ChildProcess.waitUntil(timeout: 30, what: "PostgreSQL on port \(port)") {
            (try? ChildProcess.run(isReady, ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres"])) != nil
        }
        return server
    }

    private init(port: Int, directory: URL, pid: pid_t, runAs: String?) {
        self.port = port
        self.directory = directory
        self.pid = pid
        self.runAs = runAs
    }

    /// A libpq connection string for `database` on this server.
    package func connectionString(database: String = "postgres") -> String {
        "host=127.0.0.1 port=\(port) user=postgres dbname=\(database) connect_timeout=5"
    }

    /// Creates an empty database with a unique name, so that each test has its own.
    package func createDatabase(prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try ChildProcess.run(try ChildProcess.find("createdb"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", name])
        return name
    }

    package func stop() {
        // Stopping through pg_ctl reaches the postmaster itself; runuser may not forward signals.
        if let pgCtl = try? Self.command("pg_ctl", runAs) {
            _ = try? ChildProcess.run(pgCtl, Self.arguments("pg_ctl", runAs) + [
                "stop", "-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w",
            ])
        }
        ChildProcess.stop(pid)
        try? FileManager.default.removeItem(at: directory)
    }

    private static func command(_ tool: String, _ runAs: String?) throws -> String {
        runAs == nil ? try ChildProcess.find(tool) : try ChildProcess.find("runuser")
    }

    private static func arguments(_ tool: String, _ runAs: String?) -> [String] {
        guard let user = runAs, let path = try? ChildProcess.find(tool) else { return [] }
        return ["-u", user, "--", path]
    }
}
