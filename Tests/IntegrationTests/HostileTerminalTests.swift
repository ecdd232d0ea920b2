import Foundation
import Testing

/// Names, organisations, places and points from other people's files reach the terminal with
/// their control characters shown or dropped, never raw; `--json` keeps the data exact.
@Suite struct HostileTerminalTests {
    static let hostile = "\u{1B}]0;x\u{07}Eve\u{1B}[2J\r\u{07}\u{9B}31m\u{08}\u{7F}"

    /// A control character other than a newline (or a tab), as a byte or as the 8-bit CSI.
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { u in
            (u.value < 0x20 && u.value != 0x0A && u.value != 0x09) || (0x7F...0x9F).contains(u.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func noControlCharacterReachesTheTerminal() throws {
        let s = try Sandbox()
        let h = Self.hostile
        let line = [
            #"{"id":"h1","at":"2026-11-01T10:00:00+01:00","type":"added","contact":"eve","name":"#,
            RawJSON.quote("Eve \(h) Example"), #","org":"#, RawJSON.quote("Org\(h)"), #","email":"#,
            RawJSON.quote("eve@x.example"), #","text":"#, RawJSON.quote("note \(h)"), "}",
        ].joined()
        try s.appendEvent(line)
        try s.appendEvent(
            #"{"id":"h2","at":"2026-11-02T10:00:00+01:00","type":"scheduled","contact":"eve","start":"2026-11-03T10:00:00+01:00","place":"#
                + RawJSON.quote("Room \(h)") + "}")
        try s.appendEvent(
            #"{"id":"h3","at":"2026-11-03T10:30:00+01:00","type":"held","contact":"eve","points":["#
                + RawJSON.quote("point \(h)") + "]}")
        let commands: [[String]] = [
            ["list"], ["show", "eve"], ["pending", "--as-of", "2026-11-03 11:00"], ["script", "eve"], ["prep", "eve"],
            ["draft", "eve"], ["draft", "request", "eve"], ["explain", "eve.thank-you"], ["log"],
            ["note", "eve", "checked"], ["question", "eve", "why?"],
        ]
        for args in commands {
            let r = try s.run("iictl", args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(Self.raw(r.stdout).isEmpty, "\(args): \(Self.raw(r.stdout)) in \(r.stdout)")
            #expect(r.stdout.contains("Eve") || r.stdout.contains("eve"), "\(args): \(r.stdout)")
        }
        // JSON keeps the data exact.
        let json = try s.iictl("show", "eve", "--json").stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["name"] as? String) == "Eve \(h) Example")
    }

    /// The follow-up, LinkedIn and keep-in-touch drafts, and the referrer's name in every text and
    /// refusal, escape what other people wrote.
    @Test func theNewDraftsShowNoControlCharacter() throws {
        let s = try Sandbox()
        let h = Self.hostile
        try s.appendEvent(
            #"{"id":"m1","at":"2026-11-01T09:00:00+01:00","type":"added","contact":"mallory","name":"#
                + RawJSON.quote("Mallory \(h) Referrer") + #","org":"# + RawJSON.quote("Org\(h)") + "}")
        try s.appendEvent(
            #"{"id":"h1","at":"2026-11-01T10:00:00+01:00","type":"added","contact":"eve","name":"#
                + RawJSON.quote("Eve \(h) Example") + #","org":"# + RawJSON.quote("Org\(h)")
                + #","email":"eve@x.example","referred_by":"mallory"}"#)
        try s.appendEvent(#"{"id":"h2","at":"2026-11-03T10:00:00+01:00","type":"requested","contact":"eve"}"#)
        try s.appendEvent(
            #"{"id":"m2","at":"2026-11-04T10:30:00+01:00","type":"held","contact":"mallory","minutes":30,"points":["#
                + RawJSON.quote("point \(h)") + "]}")
        let commands: [[String]] = [
            ["draft", "follow-up", "eve"], ["draft", "follow-up", "eve", "--step", "2"], ["draft", "linkedin", "eve"],
            ["draft", "keep-in-touch", "eve"], ["draft", "keep-in-touch", "mallory", "--article", "a \(h)"],
            ["draft", "mallory"], ["draft", "request", "eve"], ["script", "eve"], ["prep", "eve"],
        ]
        for args in commands {
            let r = try s.run("iictl", args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(Self.raw(r.stdout).isEmpty, "\(args): \(Self.raw(r.stdout)) in \(r.stdout)")
            #expect(r.stdout.contains("Eve") || r.stdout.contains("Mallory"), "\(args): \(r.stdout)")
        }
        #expect(try s.iictl("draft", "linkedin", "eve").stdout.contains("Mallory"))
        #expect(try s.iictl("draft", "mallory").stdout.contains("in touch with Eve"))
        // A refusal names the person, escaped too.
        let refused = try s.iictl("draft", "follow-up", "mallory")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Mallory"), "\(refused.stderr)")
        #expect(Self.raw(refused.stderr).isEmpty, "\(Self.raw(refused.stderr)) in \(refused.stderr)")
    }
}

/// A JSON string literal, for building raw lines here.
enum RawJSON {
    static func quote(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])) ?? Data()
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
