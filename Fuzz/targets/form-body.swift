import Foundation

/// libFuzzer entry: the `application/x-www-form-urlencoded` reader of every HTML form post
/// (log in, register, bid, sell), `FormBody`.
///
/// Invariants: reading never traps; a body is either refused whole (nil) or every field is
/// valid text; an accepted body written back with `FormBody.encode` reads back as the same
/// fields; and `encode` of any text decodes back to that text, so what the pages put in links
/// and forms arrives unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let form = FormBody(bytes) {
        let written = form.fields.map { "\(FormBody.encode($0.name))=\(FormBody.encode($0.value))" }.joined(separator: "&")
        guard let again = FormBody(Array(written.utf8)), again == form else {
            fatalError("fields \(form.fields) do not survive being written as \(written)")
        }
        for field in form.fields where form[field.name] == nil { fatalError("field \(field.name) cannot be looked up") }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let encoded = FormBody.encode(text)
    if FormBody.decode(Array(encoded.utf8)) != text { fatalError("\(text.debugDescription) does not survive encode/decode") }
    if encoded.utf8.contains(where: { "&=+ ".utf8.contains($0) }) {
        fatalError("encoded \(encoded) carries a form delimiter")
    }
    return 0
}
