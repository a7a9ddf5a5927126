import Logging
import Shared

/// Folds the public streams into one read-model schema, batch by batch, exactly once.
///
/// It reads every stream with blocking `XREAD` on its own `RedisStreamReader` (not consumer
/// groups: every node needs every event) and writes on its own single-connection
/// `PostgresClient`. While entries come back in full batches it is catching up and asks for
/// large ones; once a read comes back short it is live and asks for small ones.
///
/// After each commit the batch's events are published to the listeners, in position order; a
/// failed batch publishes nothing, reloads the stored cursor and is tried again after a pause.
actor Projector {
    let schema: ReadModelSchema
    private let configuration: ProjectorConfiguration
    private let reader: RedisStreamReader
    private let database: PostgresClient
    private let writer: BatchWriter
    private let publisher: CommittedEventPublisher
    private let monitor: ProjectionMonitor
    private let logger: Logger
    /// The stored cursor as of the last commit; nil means "load it before the next batch".
    private var cursor: ProjectionCursor?
    /// The generation of the last cursor seen, to tell listeners about a swap however it is noticed.
    private var generation: Int64?
    /// The position of the last batch published to the listeners.
    private var publishedPosition: Int64?
    /// The next batch, read during catch-up while the current one is written.
    private var prefetch: BatchPrefetch?
    private var catchingUp = true
    private var stopping = false

    init(
        schema: ReadModelSchema, configuration: ProjectorConfiguration, redis: RedisConfiguration, databaseURL: String,
        publisher: CommittedEventPublisher = CommittedEventPublisher(), monitor: ProjectionMonitor = ProjectionMonitor(),
        logger: Logger
    ) {
        self.schema = schema
        self.configuration = configuration
        self.reader = RedisStreamReader(configuration: redis, name: "projector-xread-\(schema)")
        self.database = PostgresClient(connectionString: databaseURL, size: 1, name: "projector-pg-\(schema)")
        self.writer = BatchWriter(schema: schema)
        self.publisher = publisher
        self.monitor = monitor
        self.logger = logger
    }

    /// Runs batches until `stop()`; errors are logged and retried, never thrown.
    func run() async {
        while !stopping && !Task.isCancelled {
            do {
                _ = try await step()
                monitor.update { $0.lastError = nil }
            } catch {
                if stopping || Task.isCancelled { return }
                logger.error("projection batch failed; retrying", metadata: ["schema": "\(schema)", "error": "\(Self.logText(error))"])
                monitor.update { $0.lastError = "\(error)" }
                if error is RedisError { monitor.update { $0.redisReachable = false } }
                try? await Task.sleep(for: configuration.retryDelay)
            }
        }
    }

    /// The most detailed text of `error` for the log (server messages included; never shown to users).
    static func logText(_ error: any Error) -> String {
        switch error {
        case let error as PostgresError: error.logDescription
        case let error as RedisError: error.logDescription
        default: "\(error)"
        }
    }

    /// Ends `run()` after the batch in progress (at most one `XREAD` block later).
    func stop() { stopping = true }

    /// Closes the Redis reader and the database connection. Call after `run()` returned.
    func close() async {
        if let pending = prefetch.take() { _ = try? await pending.task.value }  // Its result is not needed, only its end.
        await reader.close()
        await database.close()
    }

    /// Reads and applies one batch; returns the number of entries consumed, 0 when none came
    /// within the block time.
    @discardableResult
    func step() async throws -> Int {
        let cursor = try await currentCursor()
        let count = catchingUp ? configuration.catchUpBatchSize : configuration.liveBatchSize
        let streams = configuration.streams.map { (key: $0, after: cursor.checkpoint($0).entryID) }
        let read: BatchRead
        if let prefetched = prefetch.take(), prefetched.matches(streams, count: count) {
            read = try await prefetched.task.value
        } else {
            read = try await BatchRead.read(reader, streams, count: count, block: configuration.block)
        }
        monitor.update { $0.redisReachable = true }
        let entries = read.entries
        guard !entries.isEmpty else {
            catchingUp = false
            try await checkForReplacement(of: cursor)
            return 0
        }
        catchingUp = read.full
        if catchingUp {
            prefetch = BatchPrefetch.start(
                reader, read.streams(after: streams), count: configuration.catchUpBatchSize, block: configuration.block)
        }
        do {
            guard try await commit(entries, after: cursor) else { return 0 }
        } catch let error as PostgresError where Self.refusesData(error) {
            // The database refused the data itself: the batch would fail the same way forever.
            // Apply the entries one by one and dead-letter the one it refuses.
            logger.error("the read model refused a batch; isolating the entry", metadata: ["error": "\(error.logDescription)"])
            try await isolateRefusedEntry(in: entries)
        }
        return entries.count
    }

    /// Writes one batch (or dead-letters it, with a reason) and, once committed, records and
    /// publishes it. False when the stored cursor had moved and nothing was written.
    private func commit(_ entries: [ProjectionEntry], after cursor: ProjectionCursor, deadLetterReason: String? = nil) async throws -> Bool {
        let writer = self.writer
        let outcome: BatchWriter.Outcome
        do {
            outcome = try await database.withConnection { try writer.write(entries, after: cursor, deadLetterReason: deadLetterReason, on: $0) }
        } catch let mismatch as CursorMismatch {
            adopt(mismatch.stored)
            return false
        } catch {
            self.cursor = nil  // The commit may or may not have happened: ask the database.
            throw error
        }
        self.cursor = outcome.cursor
        monitor.record(outcome)
        for letter in outcome.deadLetters {
            logger.warning(
                "dead-lettered a stream entry",
                metadata: ["stream": "\(letter.stream)", "entry": "\(letter.entryID)", "reason": "\(letter.reason)"])
        }
        publisher.publish(outcome.committed)
        publishedPosition = outcome.cursor.position
        return true
    }

    /// Commits `entries` one at a time, in order, dead-lettering each one the database refuses.
    /// Stops at a moved cursor: the next step re-reads from the stored one, so nothing is skipped.
    private func isolateRefusedEntry(in entries: [ProjectionEntry]) async throws {
        for entry in entries {
            do {
                guard try await commit([entry], after: try await currentCursor()) else { return }
            } catch let error as PostgresError where Self.refusesData(error) {
                let reason = "the read model refused the event: \(error.description)"
                guard try await commit([entry], after: try await currentCursor(), deadLetterReason: reason) else { return }
            }
        }
    }

    /// Errors about the data (text PostgreSQL cannot hold, SQLSTATE classes 22 "data exception"
    /// and 23 "integrity constraint violation"), which a retry cannot fix; lost connections,
    /// deadlocks and the like are retried instead.
    static func refusesData(_ error: PostgresError) -> Bool {
        if error.code == .invalidArgument { return true }
        guard error.code == .server, let state = error.sqlState else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23")
    }

    private func currentCursor() async throws -> ProjectionCursor {
        if let cursor { return cursor }
        let schema = self.schema
        let loaded = try await database.withConnection { try ProjectionCursor.load(from: $0, schema: schema) }
        cursor = loaded
        monitor.record(cursor: loaded)
        noticeGeneration(of: loaded)
        noticeRegression(to: loaded)
        return loaded
    }

    private func noticeGeneration(of cursor: ProjectionCursor) {
        defer { generation = cursor.generation }
        guard let generation, generation != cursor.generation else { return }
        logger.notice("the read model was replaced by a rebuild", metadata: ["schema": "\(schema)", "position": "\(cursor.position)"])
        publishedPosition = cursor.position
        publisher.readModelReplaced(position: cursor.position)
    }

    /// Batches commit without waiting for their WAL flush (see `BatchWriter.openBatch`), so a
    /// PostgreSQL crash can take back the last published ones: they will be projected again,
    /// perhaps at other positions, so the listeners must start over from the stored position.
    private func noticeRegression(to cursor: ProjectionCursor) {
        guard let published = publishedPosition, cursor.position < published else { return }
        publishedPosition = cursor.position
        logger.warning(
            "the read model lost its last commits (database crash); projecting them again",
            metadata: ["schema": "\(schema)", "published": "\(published)", "stored": "\(cursor.position)"])
        publisher.readModelReplaced(position: cursor.position)
    }

    /// Loads the stored cursor now, e.g. right after this process swapped in a rebuilt schema.
    func followSwap() async throws {
        if let cursor { try await checkForReplacement(of: cursor) } else { _ = try await currentCursor() }
    }

    /// While idle, notices a rebuild that swapped in another schema under the same name.
    private func checkForReplacement(of cursor: ProjectionCursor) async throws {
        let schema = self.schema
        let stored = try await database.withConnection { try ProjectionCursor.load(from: $0, schema: schema) }
        if stored != cursor { adopt(stored) }
    }

    private func adopt(_ stored: ProjectionCursor) {
        logger.notice(
            "the stored projection cursor moved; continuing from it",
            metadata: ["schema": "\(schema)", "position": "\(stored.position)"])
        cursor = stored
        catchingUp = true
        monitor.record(cursor: stored)
        noticeGeneration(of: stored)
        noticeRegression(to: stored)
    }
}
