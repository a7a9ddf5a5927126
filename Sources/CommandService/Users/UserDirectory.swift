import AuctionDomain
import Foundation
import Shared

/// Accounts: registration (unique display names, case-insensitively) and password checks.
///
/// Password hashing is deliberately slow (yescrypt), so it runs on its own worker threads,
/// never on the cooperative pool, the lws service thread or a Redis connection's thread.
final class UserDirectory: Sendable {
    /// A new account: its id and the stream position of its `userRegistered` event.
    struct Registered: Sendable, Equatable {
        let userID: UserID
        let displayName: String
        let entryID: String
        let event: PublicEventEnvelope
    }

    private let redis: RedisClient
    private let hashers: [WorkerThread]

    init(redis: RedisClient, hashingThreads: Int = 2) {
        self.redis = redis
        hashers = (0..<max(1, hashingThreads)).map { WorkerThread(name: "password-hash-\($0)") }
    }

    /// Stops the hashing threads after their current jobs.
    func stop() { hashers.forEach { $0.stop() } }

    /// The key under which a display name is unique: trimmed and lower-cased.
    static func nameKey(_ displayName: String) -> String {
        displayName.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Registers `displayName`; `.failure` when the name is invalid (422) or taken (409).
    func register(displayName: String, password: String) async throws -> Result<Registered, RecordedError> {
        guard (8...200).contains(password.count) else {
            return .failure(RecordedError(
                status: 422, code: "password_invalid", message: "The password must be 8 to 200 characters.",
                details: ["minimumLength": .int(8), "maximumLength": .int(200)]))
        }
        let userID = UserID("u" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        let now = try await redis.time().milliseconds
        let envelope: PublicEventEnvelope
        switch UserRegistration.register(userID: userID, displayName: displayName, commandID: CommandID("register-\(userID)"), now: now) {
        case .failure(let violation): return .failure(RuleViolationError.make(violation, state: nil))
        case .success(let event): envelope = event
        }
        guard case .userRegistered(let registered) = envelope.event else { throw StoreError(description: "not a registration") }
        let hash = try await hashing { try PasswordHasher.hash(password) }
        let fields = try EventStreamEntryCoding.fields(of: envelope)
        let reply = try await redis.evaluate(
            RegisterUserScript.script,
            keys: [RedisArgument(EventStreamLayout.userNamesKey), RedisArgument(EventStreamLayout.userStream),
                   RedisArgument(RegisterUserScript.credentialKey(userID.rawValue))],
            arguments: [RedisArgument(Self.nameKey(registered.displayName)), RedisArgument(userID.rawValue),
                        RedisArgument(fields.type), RedisArgument(fields.json), RedisArgument(hash)]
        )
        guard let parts = reply.array, parts.count == 2, let tag = parts[0].string else { throw StoreError.unexpected("register", reply) }
        guard tag == "registered", let entryID = parts[1].string else {
            return .failure(RecordedError(
                status: 409, code: "display_name_taken", message: "This display name is already taken.",
                details: ["displayName": .string(registered.displayName)]))
        }
        return .success(Registered(userID: userID, displayName: registered.displayName, entryID: entryID, event: envelope))
    }

    /// The user whose display name and password these are, or nil. Takes about as long for an
    /// unknown name as for a wrong password, so the answer does not reveal which names exist.
    func authenticate(displayName: String, password: String) async throws -> UserID? {
        let userID = try await redis.send("HGET", RedisArgument(EventStreamLayout.userNamesKey), RedisArgument(Self.nameKey(displayName))).string
        var stored: String?
        if let userID { stored = try await redis.send("GET", RedisArgument(RegisterUserScript.credentialKey(userID))).string }
        let hash = stored
        let matches = try await hashing { PasswordHasher.verify(password, against: hash ?? Self.decoyHash) }
        guard let userID, hash != nil, matches else { return nil }
        return UserID(userID)
    }

    private func hashing<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await hashers[Int.random(in: 0..<hashers.count)].run(body)
    }

    /// A valid yescrypt hash of a random password, verified against when the name is unknown.
    private static let decoyHash = (try? PasswordHasher.hash(UUID().uuidString)) ?? "$y$"
}
