import Foundation
import IIDCore
import Testing

/// What the state keeps of a read: one verdict per message, by the kind of message first, and of a
/// bounce the hash of the address, never the address.
@Suite struct MailStateTests {
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
        state.keep(recorder.decide(items, log: log.events))
        let verdicts = items.compactMap { $0.key.flatMap { state.messages[$0] } }
        #expect(verdicts.map(\.verdict) == ["replied", "list", "bounce"])
        #expect(verdicts.map(\.contact) == ["jane", nil, nil])
        let contacts = planner().plan(log.events).contacts
        #expect(state.bounceLines(contacts) == ["jd@home.example bounced: check the address"])
        #expect(MailState().bounceLines(contacts).isEmpty)
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        #expect(!json.contains("@"), "no address in the state: \(json)")
    }
}
