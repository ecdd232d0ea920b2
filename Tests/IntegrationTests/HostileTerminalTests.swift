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

    /// A line break (LF, CR, CR LF) in a name or an organisation from the log is shown escaped in
    /// an email draft's header: `To:` and `Subject:` stay one line each, so nothing in them reads
    /// as a header of its own; and the LinkedIn note keeps to 300 code units as printed.
    @Test func aLineBreakInANameOrOrgStartsNoHeaderLine() throws {
        let s = try Sandbox()
        let name = "Eve Example\nBcc: all@x.example\r\nX-Evil: 1\rJr"
        let org = "Org\nBcc: org@x.example\rInc\r\n"
        try s.appendEvent(
            #"{"id":"h1","at":"2026-11-01T10:00:00+01:00","type":"added","contact":"eve","name":"#
                + RawJSON.quote(name) + #","org":"# + RawJSON.quote(org) + #","email":"#
                + RawJSON.quote("eve@x.example\nBcc: mail@x.example") + "}")
        try s.appendEvent(#"{"id":"h2","at":"2026-11-03T10:00:00+01:00","type":"requested","contact":"eve"}"#)
        for (args, re) in [(["draft", "request", "eve"], ""), (["draft", "follow-up", "eve"], "Re: ")] {
            let r = try s.run("iictl", args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            // Lines as any mail reader splits them: at LF, CR or CR LF.
            let lines = r.stdout.unicodeScalars.split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }
            ).map { String(String.UnicodeScalarView($0)) }
            let header = Array(lines.prefix { !$0.isEmpty })
            #expect(
                header == [
                    #"To: Eve Example\nBcc: all@x.example\r\nX-Evil: 1\rJr <eve@x.example\nBcc: mail@x.example>"#,
                    #"Subject: \#(re)20 minutes of your insight on Org\nBcc: org@x.example\rInc\r\n?"#,
                ], "\(args): \(header)")
            #expect(lines.dropFirst(header.count).first == "", "\(args): the body after one blank line")
            #expect(lines.dropFirst(header.count + 1).first == "Dear Eve,", "\(args): \(r.stdout)")
        }
        let note = try s.iictl("draft", "linkedin", "eve").stdout
        #expect(note.hasSuffix("Would you connect?\n"), "\(note)")
        #expect(note.utf16.count <= 301, "\(note.utf16.count): \(note)")
        #expect(!note.dropLast().contains("\n") && !note.contains("\\"), "\(note)")
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
