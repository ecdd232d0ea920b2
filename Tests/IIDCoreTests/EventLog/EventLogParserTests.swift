import Foundation
import IIDCore
import Testing

@Suite struct EventLogParserTests {
    let good = #"{"id":"a","at":"2026-11-27T10:00:00+01:00","type":"added","contact":"jane","name":"Jane"}"#
    let good2 = #"{"id":"b","at":"2026-11-27T11:00:00+01:00","type":"requested","contact":"jane"}"#

    func parse(_ text: String) -> EventLogParser.Result { EventLogParser.parse(Array(text.utf8), file: "x.jsonl") }

    @Test func readsLines() {
        let r = parse(good + "\n" + good2 + "\n")
        #expect(r.events.map(\.id) == ["a", "b"])
        #expect(r.diagnostics.isEmpty)
        #expect(r.consumed == good.utf8.count + good2.utf8.count + 2)
        #expect(r.events[1].source == SourceLocation(file: "x.jsonl", line: 2))
    }

    @Test func tornLastLineIsReportedAndSkipped() {
        let torn = String(good2.prefix(30))
        let r = parse(good + "\n" + torn)
        #expect(r.events.map(\.id) == ["a"])
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].location == SourceLocation(file: "x.jsonl", line: 2))
        #expect(r.diagnostics[0].code == .tornLastLine(.invalidJSON))
        #expect(r.diagnostics[0].message.hasPrefix("torn last line"))
        #expect(r.consumed == good.utf8.count + 1)
    }

    @Test func completeLastLineWithoutNewlineIsRead() {
        let r = parse(good + "\n" + good2)
        #expect(r.events.count == 2)
        #expect(r.lines == 1)
    }

    @Test func badLineInTheMiddleIsSkippedAndTheRestRead() {
        let r = parse(good + "\n{not json\n" + #"{"id":"c","type":"added"}"# + "\n[]\n" + good2 + "\n")
        #expect(r.events.map(\.id) == ["a", "b"])
        #expect(r.diagnostics.map { $0.location?.line ?? 0 } == [2, 3, 4])
        #expect(
            r.diagnostics.map(\.code) == [
                .badEventLine(.invalidJSON), .badEventLine(.missingKey), .badEventLine(.notAnObject),
            ])
    }

    @Test func invalidUTF8IsReported() {
        var bytes = Array(good.utf8) + [10, 0xC3, 0x28, 10]
        bytes += Array(good2.utf8) + [10]
        let r = EventLogParser.parse(bytes, file: "x.jsonl")
        #expect(r.events.count == 2)
        #expect(r.diagnostics.first?.code == .badEventLine(.invalidUTF8))
    }

    @Test func commentsAndBlankLinesAreSkipped() {
        let r = parse("# my notes\n\n// more\n" + good + "\r\n")
        #expect(r.events.count == 1)
        #expect(r.diagnostics.isEmpty)
    }

    @Test(arguments: [
        (#"{"id":"x","at":"2026-11-27T10:00:00","type":"note","contact":"j"}"#, EventDecodingError.Reason.badTime),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"wave","contact":"j"}"#, .unknownType),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j d"}"#, .badContact),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"scheduled","contact":"j"}"#, .missingField),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"acted","contact":"j"}"#, .missingField),
        (
            #"{"id":"x","at":"2026-11-27T10:00:00Z","type":"scheduled","contact":"j","start":"2026-11-28T10:00:00Z","minutes":-5}"#,
            .badMinutes
        ),
        (#"{"id":"","at":"2026-11-27T10:00:00Z","type":"note","contact":"j"}"#, .emptyID),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"held","contact":"j","points":[1]}"#, .badPoints),
        (#"[1,2]"#, .notAnObject),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j","source":"Mail"}"#, .badSource),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j","source":"mail\u001b[2J"}"#, .badSource),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j","source":""}"#, .badSource),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j","source":"from mail"}"#, .badSource),
        (#"{"id":"x","at":"2026-11-27T10:00:00Z","type":"note","contact":"j","source":1}"#, .notAString),
    ])
    func rejectsWithAReason(line: String, reason: EventDecodingError.Reason) {
        let r = parse(line + "\n")
        #expect(r.events.isEmpty)
        #expect(r.diagnostics.first?.code == .badEventLine(reason))
        #expect(r.diagnostics.first?.severity == .error)
    }

    @Test func encodeDecodeRoundTrip() throws {
        var e = Event(id: "ev-1", at: local("2026-11-27 10:00"), type: .held, contact: "jane")
        e.points = ["trends \"quoted\"", "line\nbreak"]
        let line = EventCoding.encode(e, zone: berlin)
        #expect(!line.contains("\n"))
        let back = try EventCoding.decode(line: Substring(line))
        #expect(back == e)
    }

    /// `source`: where an event came from. Absent in typed events and in old logs; a word this
    /// version does not know is kept; anything but a short lowercase word is refused, with its line.
    @Test func sourceIsKeptReadAndChecked() throws {
        var e = Event(id: "mail-1-jane", at: local("2026-11-27 10:00"), type: .done, contact: "jane")
        e.task = "jane.follow-up"
        e.text = "from mail: your message to jane@acme.example, Fri 27 Nov 10:00"
        e.origin = "mail"
        let line = EventCoding.encode(e, zone: berlin)
        #expect(line.contains(#""source":"mail""#))
        let back = try EventCoding.decode(line: Substring(line))
        #expect(back == e)
        #expect(back.origin == "mail")
        var typed = e
        typed.origin = nil
        #expect(typed != e, "the source is part of the event")
        #expect(!EventCoding.encode(typed, zone: berlin).contains("source"), "absent when typed")

        let r = parse(
            good + "\n"
                + #"{"id":"c","at":"2026-11-27T12:00:00Z","type":"note","contact":"jane","source":"calendar-2"}"#
                + "\n" + #"{"id":"d","at":"2026-11-27T12:00:00Z","type":"note","contact":"jane","source":null}"#
                + "\n" + #"{"id":"e","at":"2026-11-27T12:00:00Z","type":"note","contact":"jane","source":""#
                + String(repeating: "a", count: 33) + "\"}\n")
        #expect(r.events.map(\.id) == ["a", "c", "d"])
        #expect(r.events.map(\.origin) == [nil, "calendar-2", nil], "old lines read; an unknown word is kept")
        #expect(r.diagnostics.map(\.code) == [.badEventLine(.badSource)], "33 letters is too long")
        #expect(r.diagnostics.first?.location == SourceLocation(file: "x.jsonl", line: 4))
        #expect(EventOrigin.isValid(String(repeating: "a", count: 32)))
        #expect(!EventOrigin.isValid("-mail") && !EventOrigin.isValid("m\u{0}") && !EventOrigin.isValid("mäil"))
    }
}
