import ArgumentParser
import Shared

/// Where the system under test listens; `scripts/bench.sh` passes the ports it chose.
struct TargetOptions: ParsableArguments {
    @Option(help: "Redis port.")
    var redisPort = 6379

    @Option(help: "CommandService port.")
    var commandPort = 8080

    @Option(help: "QueryService ports, comma-separated.")
    var queryPorts = "8081"

    @Option(help: "Number of auction partitions of the data set.")
    var partitions = EventStreamLayout.defaultPartitionCount

    @Option(help: "Process groups whose CPU share to report, as name:pid+pid,name:pid.")
    var watch = ""

    var queryPortList: [Int] { queryPorts.split(separator: ",").compactMap { Int($0) } }

    func redisClient(poolSize: Int = 2) -> RedisClient {
        RedisClient(configuration: RedisConfiguration(port: redisPort, readTimeout: .seconds(30), poolSize: poolSize, clientName: "auction-load"))
    }

    var layout: EventStreamLayout { EventStreamLayout(partitionCount: partitions) }
}
