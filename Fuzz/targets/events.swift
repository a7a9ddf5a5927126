import Foundation

/// libFuzzer entry: the event decoder the projector runs on every stream entry.
///
/// Any input must either decode or throw `EventCodingError`; a crash, a trap or a sanitizer report
/// is a bug. A decoded event must also survive a round trip: encoding it and decoding the result
/// gives the same value (the projector and the writer agree on every event they accept).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    if let event = try? PublicEventEnvelope.decode(json: bytes) {
        guard let again = try? PublicEventEnvelope.decode(json: event.jsonData()), again == event else {
            fatalError("public event does not round-trip: \(String(decoding: bytes, as: UTF8.self))")
        }
    }
    if let event = try? PrivateEventEnvelope.decode(json: bytes) {
        guard let again = try? PrivateEventEnvelope.decode(json: event.jsonData()), again == event else {
            fatalError("private event does not round-trip: \(String(decoding: bytes, as: UTF8.self))")
        }
    }
    return 0
}
