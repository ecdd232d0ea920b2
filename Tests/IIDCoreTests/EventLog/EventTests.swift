import Foundation
import Testing

@testable import IIDCore

/// `Event` keeps its fields in a shared box, its rarer keys and its details in boxes of their
/// own: a copy must still behave as a value, whichever box a change lands in.
@Suite struct EventTests {
    static func scheduled() -> Event {
        var e = Event(id: "e1", at: local("2026-11-02 09:00"), type: .scheduled, contact: "jane")
        e.start = local("2026-11-10 14:00")
        e.minutes = 30
        e.place = "Café"
        e.source = SourceLocation(file: "/log/2026-11.jsonl", line: 7)
        return e
    }

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = Self.scheduled()
        var copy = original
        copy.place = "Office"
        copy.minutes = nil
        copy.until = local("2026-11-11 09:00")
        copy.text = "moved"
        copy.name = "Jane Doe"
        copy.source = SourceLocation(file: "/log/other.jsonl", line: 9, column: 3)
        #expect(original.place == "Café")
        #expect(original.minutes == 30)
        #expect(original.until == nil)
        #expect(original.text == nil)
        #expect(original.name == nil)
        #expect(original.source == SourceLocation(file: "/log/2026-11.jsonl", line: 7))
        #expect(copy.place == "Office")
        #expect(copy.minutes == nil)
        #expect(copy.start == original.start)
        #expect(copy != original)
    }

    @Test func everyRareKeyReadsBackAsWritten() {
        var e = Event(id: "o1", at: local("2026-11-02 09:00"), type: .orgAdded, contact: "org:acme")
        let until = local("2026-11-03 09:00")
        e.points = ["one", "two"]
        e.until = until
        e.scope = .contact
        e.retracts = "e9"
        e.motivation = 4
        e.postings = 2
        e.alias = "ACME GmbH"
        e.split = "Acme Labs"
        #expect(e.points == ["one", "two"])
        #expect(e.until == until)
        #expect(e.scope == .contact)
        #expect(e.retracts == "e9")
        #expect(e.motivation == 4)
        #expect(e.postings == 2)
        #expect(e.alias == "ACME GmbH")
        #expect(e.split == "Acme Labs")
    }

    @Test func anEventWhoseRareKeysAreAllClearedEqualsOneThatNeverHadThem() {
        var e = Self.scheduled()
        e.start = nil
        e.minutes = nil
        e.place = nil
        let plain = Event(id: "e1", at: local("2026-11-02 09:00"), type: .scheduled, contact: "jane")
        #expect(e == plain)
        #expect(e.start == nil && e.minutes == nil && e.place == nil)
    }

    @Test func aSourceKeepsItsColumnOrItsLackOfOne() {
        var e = Self.scheduled()
        #expect(e.source?.column == nil)
        #expect(e.source?.description == "/log/2026-11.jsonl:7")
        e.source = SourceLocation(file: "/log/x.jsonl", line: 120_000, column: 44)
        #expect(e.source?.description == "/log/x.jsonl:120000:44")
        e.source = nil
        #expect(e.source == nil)
    }

    @Test func aLineReadBackHasTheKeysItWasWrittenWith() throws {
        let e = Self.scheduled()
        let line = EventCoding.encode(e, zone: berlin)
        var back = try EventCoding.decode(line: Substring(line))
        #expect(back.source == nil)
        back.source = e.source
        #expect(back == e)
    }
}
