import Foundation

/// One public output the load driver saved: a REST response, a page, or a WebSocket frame. The
/// driver writes them as JSON lines into `*.jsonl` files of the surfaces folder:
/// `{"surface":"rest"|"page"|"ws","source":"GET /v1/auctions/a1","auction":"a1" or null,"body":"…"}`.
/// `auction` is set when the whole surface is about one auction (its page, its REST resource,
/// a frame of its topic).
struct CapturedSurface: Sendable, Decodable {
    let surface: String
    let source: String
    let auction: String?
    let body: String

    /// Every surface in the folder's `*.jsonl` files; unreadable lines are errors.
    static func load(folder: String) throws -> [CapturedSurface] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
        let decoder = JSONDecoder()
        var surfaces: [CapturedSurface] = []
        for name in names {
            let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
            for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
                do {
                    surfaces.append(try decoder.decode(CapturedSurface.self, from: Data(line.utf8)))
                } catch {
                    throw CheckerError("\(folder)/\(name):\(number + 1): not a captured surface: \(error)")
                }
            }
        }
        return surfaces
    }
}
