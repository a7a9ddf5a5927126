import Foundation

/// libFuzzer entry: the parser of messages browsers send on `/live`.
///
/// Invariants: parsing never traps; an accepted subscribe names valid topics and a position of 0
/// or more; an accepted bid has a positive amount; a refusal carries a code and a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLiveMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch LiveClientMessage.parse(text) {
    case .success(.subscribe(let topics, let after, _)):
        if topics.isEmpty || after < 0 { fatalError("accepted a bad subscribe: \(text)") }
        for topic in topics where TopicName(topic.description) != topic {
            fatalError("topic does not round-trip: \(topic)")
        }
    case .success(.bid(let bid)):
        if bid.maximumMinorUnits <= 0 { fatalError("accepted a bid of \(bid.maximumMinorUnits): \(text)") }
    case .success:
        break
    case .failure(let error):
        if error.code.isEmpty || error.message.isEmpty { fatalError("empty refusal") }
    }
    return 0
}
