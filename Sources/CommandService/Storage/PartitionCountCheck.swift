import Shared

/// The partition count is fixed for the life of a data set (changing it would move auctions to
/// other streams), so the first instance records it in `auction:meta` and every later one must
/// agree or refuse to start.
enum PartitionCountCheck {
    struct Mismatch: Error, CustomStringConvertible {
        let recorded: Int64
        let configured: Int
        var description: String {
            "this data set uses \(recorded) partitions (\(EventStreamLayout.metaKey)), but \(configured) are configured"
        }
    }

    static func verify(_ layout: EventStreamLayout, redis: RedisClient) async throws {
        let replies = try await redis.pipeline([
            ["HSETNX", RedisArgument(EventStreamLayout.metaKey), "partitions", RedisArgument(layout.partitionCount)],
            ["HGET", RedisArgument(EventStreamLayout.metaKey), "partitions"],
        ])
        if let message = replies.compactMap(\.errorMessage).first { throw RedisError(code: .server, message: message) }
        guard let recorded = replies.last?.int else { throw StoreError.unexpected("partition check", replies.last ?? .null) }
        guard recorded == Int64(layout.partitionCount) else { throw Mismatch(recorded: recorded, configured: layout.partitionCount) }
    }
}
