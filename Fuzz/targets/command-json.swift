import Foundation

/// libFuzzer entry: the CommandService's request-body decoding, for every command body.
///
/// The first input byte picks the body type; the rest is the body. Invariants: decoding never
/// traps, and every refusal is a 4xx in the error shape (never a 5xx), so bad input can only ever
/// produce a clear client error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let request = HTTPRequest(method: .post, path: "/v1/fuzz", body: Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    let refusal: APIError?
    switch data[0] % 3 {
    case 0: refusal = JSONRequestDecoder.decode(BidBody.self, from: request).failure
    case 1: refusal = JSONRequestDecoder.decode(NewAuctionBody.self, from: request).failure
    default: refusal = JSONRequestDecoder.decode(CredentialsBody.self, from: request).failure
    }
    if let refusal, !(400..<500).contains(refusal.status) || refusal.code.isEmpty {
        fatalError("refusal outside 4xx: \(refusal)")
    }
    return 0
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
