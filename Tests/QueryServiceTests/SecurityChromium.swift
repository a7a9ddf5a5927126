import Foundation
import Testing
import TestServers

/// Runs `Tests/clients/browser_check.py` (headless Chromium over DevTools) for the security
/// suites: starts it with a list of steps, lets the test act between `signal`/`wait_file` pairs,
/// and reads back what each `eval`/`wait` step saw.
struct SecurityChromium {
    let log: URL
    let pid: pid_t

    /// A fresh go-ahead file for a `wait_file` step; `release(_:)` creates it.
    static func goFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("go-\(UUID().uuidString)").path
    }

    static func start(_ steps: [[String: Any]]) throws -> SecurityChromium {
        let chromium = try #require(HeadlessChromium.path)
        let stepsJSON = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "browser_check.py")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("security-browser-\(UUID().uuidString).log")
        let pid = try ChildProcess.start(try ChildProcess.find("python3"), [script, chromium, stepsJSON], logFile: log)
        return SecurityChromium(log: log, pid: pid)
    }

    func waitForSignal(_ name: String) async throws {
        try await WebBrowserTests.waitForLine(in: log, containing: #""signal": "\#(name)""#)
    }

    func release(_ goFile: String) {
        #expect(FileManager.default.createFile(atPath: goFile, contents: Data()))
    }

    /// Waits for the browser to finish; returns the value of each named step (false for a
    /// `wait` that timed out) and the final report line (dialogs, exceptions, CSP messages).
    func finish() async throws -> (values: [String: Any], report: [String: Any]) {
        let pid = self.pid
        let status = try await WebTestbed.clients.run { ChildProcess.wait(pid) }
        let lines = WebBrowserTests.lines(log)
        #expect(status == 0, "\(lines)")
        let values = Dictionary(lines.compactMap { line -> (String, Any)? in
            guard let name = (line["eval"] ?? line["wait"]) as? String else { return nil }
            return (name, line["ok"] as? Bool == false ? false : line["value"] ?? NSNull())
        }, uniquingKeysWith: { first, _ in first })
        let report = try #require(lines.last { $0["dialogs"] != nil }, "\(lines)")
        return (values, report)
    }

    /// A JavaScript expression that describes the current page as a JSON string: whether any
    /// payload ran or created an element, and which of `expected` are missing from its text.
    ///
    /// Injected markup is found by what payloads try to create: elements with an id starting
    /// `pwn`, and element kinds the pages never render (img, svg, iframe, style, object, embed,
    /// or a second script). `window.__pwned` and `document.title` are what payload scripts set.
    static func inspection(expected: [String]) throws -> String {
        let list = String(decoding: try JSONSerialization.data(withJSONObject: expected), as: UTF8.self)
        return """
            (() => {
              const text = document.body.textContent + ' ' + [...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ');
              return JSON.stringify({
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                title: document.title,
                injected: document.querySelectorAll('[id^=pwn], img, svg, iframe, style, object, embed, body script, base, meta[http-equiv]').length,
                scripts: document.querySelectorAll('script').length,
                foreignLinks: [...document.querySelectorAll('a[href], form[action]')]
                  .map(e => e.getAttribute('href') ?? e.getAttribute('action')).filter(h => !h.startsWith('/')),
                missing: \(list).filter(p => !text.includes(p))
              });
            })()
            """
    }

    /// Checks one page's `inspection` result: nothing ran, nothing was injected, all text shown.
    static func expectClean(_ value: Any?, page: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try #require(value as? String, "\(page): no inspection result", sourceLocation: sourceLocation)
        let result = try WebFixtures.json(text)
        #expect(result["pwned"] is NSNull, "\(page): a payload script ran", sourceLocation: sourceLocation)
        let title = result["title"] as? String ?? ""
        #expect(!title.hasPrefix("pwned"), "\(page): a payload set the title", sourceLocation: sourceLocation)
        #expect(result["injected"] as? Int == 0, "\(page): a value became an element", sourceLocation: sourceLocation)
        #expect(result["scripts"] as? Int == 1, "\(page): only the site's external script", sourceLocation: sourceLocation)
        let foreign = result["foreignLinks"] as? [Any] ?? ["?"]
        #expect(foreign.isEmpty, "\(page): links off the site \(foreign)", sourceLocation: sourceLocation)
        let missing = result["missing"] as? [Any] ?? ["?"]
        #expect(missing.isEmpty, "\(page): not shown verbatim: \(missing)", sourceLocation: sourceLocation)
    }
}
