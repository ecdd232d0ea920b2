import Foundation
import IIDCore
import Testing

/// `mail.json`: one line per message, read back as written, a file of the first format still read;
/// one verdict per message, by the kind of message first, and of a bounce the hash of the address,
/// never the address.
@Suite struct MailStateTests {
    func roundTrip(_ state: MailState) throws -> (MailState, String) {
        let data = try JSONEncoder().encode(state)
        return (try JSONDecoder().decode(MailState.self, from: data), String(decoding: data, as: UTF8.self))
    }

    @Test func eachMessageIsOneLineReadBackAsWritten() throws {
        var state = MailState()
        state.folders["/m/INBOX"] = MailState.Folder(name: "INBOX", seen: ["1.M1.h"])
        state.messages["a1"] = MailState.Verdict(verdict: "nothing")
        state.messages["b2"] = MailState.Verdict(verdict: "requested", contact: "jane-doe", mine: true)
        state.messages["c3"] = MailState.Verdict(
            verdict: "suggested", contact: "odd id%20 here", at: Date(timeIntervalSince1970: 1_793_610_000.123_456))
        let (back, text) = try roundTrip(state)
        #expect(back == state)
        #expect(text.contains("\"a1 nothing\""), "\(text)")
        #expect(text.contains("\"b2 requested contact=jane-doe mine\""), "\(text)")
        #expect(text.contains("contact=odd%20id%2520%20here"), "\(text)")
    }

    @Test func aFileOfTheFirstFormatIsRead() throws {
        let old = #"{"folders":{},"messages":{"a1":{"verdict":"replied","contact":"jane-doe"}}}"#
        let state = try JSONDecoder().decode(MailState.self, from: Data(old.utf8))
        #expect(state.messages == ["a1": MailState.Verdict(verdict: "replied", contact: "jane-doe")])
    }

    @Test func aLineThatIsNoVerdictIsAnError() {
        for bad in [#"{"messages":["a1"]}"#, #"{"messages":["a1 replied whoever"]}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(MailState.self, from: Data(bad.utf8)) }
        }
    }

    func item(_ id: String, from: String, to: [String], kind: MailKind = .person) -> MailItem {
        MailItem(
            messageID: id, from: MailAddress(address: from), recipients: to.map { MailAddress(address: $0) },
            date: local("2026-11-03 09:00"), kind: kind)
    }

    @Test func keepsOneVerdictPerMessageAndABounceByItsAddressHash() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") { $0.email = "Jane@Acme.example, jd@home.example" }
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        let items = [
            item("reply@x", from: "jane@acme.example", to: ["sam@home.example"]),
            item("list@x", from: "jane@acme.example", to: ["sam@home.example"], kind: .list("List-Id")),
            item(
                "bounce@x", from: "mailer-daemon@mx.example", to: ["jd@home.example"], kind: .bounce("Return-Path: <>")),
        ]
        let recorder = MailRecorder(planner: planner(), me: ["sam@home.example"])
        var state = MailState()
        state.keep(recorder.decide(items, log: log.events), me: ["sam@home.example"])
        let verdicts = items.compactMap { $0.key.flatMap { state.messages[$0] } }
        #expect(verdicts.map(\.verdict) == ["replied", "list", "bounce"])
        #expect(verdicts.map(\.contact) == ["jane", nil, nil])
        let contacts = planner().plan(log.events).contacts
        #expect(state.bounceLines(contacts) == ["jd@home.example bounced: check the address"])
        #expect(MailState().bounceLines(contacts).isEmpty)
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        #expect(!json.contains("@"), "no address in the state: \(json)")
        let back = try JSONDecoder().decode(MailState.self, from: Data(json.utf8))
        #expect(back.bounceLines(contacts) == ["jd@home.example bounced: check the address"], "kept across a save")
    }
}
