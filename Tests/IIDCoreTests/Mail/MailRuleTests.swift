import Foundation
import IIDCore
import Testing

/// The one rule: a message from the contact, one from the person, and the kinds that never count.
@Suite struct MailRuleTests {
    let me: Set<String> = ["sam@home.example"]

    func plan(_ build: (inout Log) -> Void, asOf: String) -> Planner.Plan {
        var log = Log()
        build(&log)
        let t = local(asOf)
        return planner().plan(log.events.filter { $0.at <= t || $0.type == .added })
    }

    func item(from: String, to: [String] = ["sam@home.example"], at: String, kind: MailKind = .person) -> MailItem {
        MailItem(
            messageID: "m@x", from: MailAddress(address: from), recipients: to.map { MailAddress(address: $0) },
            date: local(at), kind: kind)
    }

    func requested(_ log: inout Log) {
        log.add(.added, "jane", at: "2026-11-01 08:00") { $0.email = "Jane@Acme.example, jd@home.example" }
        log.add(.requested, "jane", at: "2026-11-02 10:00")
    }

    @Test func aMessageFromTheContactAfterTheRequestIsAReply() {
        let p = plan(requested, asOf: "2026-11-03 09:00")
        #expect(
            MailRule.decide(item(from: "jane@acme.example", at: "2026-11-03 09:00"), me: me, plan: p) == [
                .replied(contact: "jane")
            ])
        #expect(
            MailRule.decide(item(from: "JD@home.example", at: "2026-11-03 09:00"), me: me, plan: p) == [
                .replied(contact: "jane")
            ], "any of the contact's addresses, in any case")
        let before = plan(requested, asOf: "2026-11-01 09:00")
        #expect(
            MailRule.decide(item(from: "jane@acme.example", at: "2026-11-01 09:00"), me: me, plan: before) == [
                .interaction(contact: "jane", fromContact: true)
            ])
    }

    @Test(arguments: [
        MailKind.automatic("Auto-Submitted: auto-replied"), .list("List-Id"), .automatic("an out-of-office subject"),
    ])
    func automaticAndListMessagesAreNeverAReply(kind: MailKind) {
        let p = plan(requested, asOf: "2026-11-03 09:00")
        let outcome = MailRule.decide(
            item(from: "jane@acme.example", at: "2026-11-03 09:00", kind: kind), me: me, plan: p)
        #expect(outcome.allSatisfy { $0.contact == nil })
    }

    @Test func aBounceNamesTheContactsAddress() {
        let p = plan(requested, asOf: "2026-11-03 09:00")
        let bounce = item(
            from: "mailer-daemon@mx.example", to: ["jane@acme.example"], at: "2026-11-03 09:00",
            kind: .bounce("Return-Path: <>"))
        #expect(MailRule.decide(bounce, me: me, plan: p) == [.bounced(address: "jane@acme.example")])
        var failed = item(from: "mailer-daemon@mx.example", at: "2026-11-03 09:00", kind: .bounce("Return-Path: <>"))
        failed.failedRecipients = [MailAddress(address: "JD@home.example")]
        #expect(MailRule.decide(failed, me: me, plan: p) == [.bounced(address: "jd@home.example")])
    }

    @Test func thePersonsFollowUpInTheThreadIsTheFollowUpNotAReply() {
        let p = plan(requested, asOf: "2026-11-10 09:00")
        let followUp = p.tasks.first { $0.contact == "jane" && $0.kind == .followUp }
        #expect(followUp?.id == "jane.follow-up")
        let mine = item(from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-10 09:00")
        #expect(MailRule.decide(mine, me: me, plan: p) == [.done(contact: "jane", task: "jane.follow-up")])
        // Before the follow-up is due, the same message is only an interaction.
        let early = plan(requested, asOf: "2026-11-03 09:00")
        let soon = item(from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-03 09:00")
        #expect(MailRule.decide(soon, me: me, plan: early) == [.interaction(contact: "jane", fromContact: false)])
    }

    @Test func toATargetItIsTheRequest() {
        let p = plan(
            { $0.add(.added, "ana", at: "2026-11-01 08:00") { $0.email = "ana@x.example" } }, asOf: "2026-11-02 09:00")
        let mine = item(
            from: "sam@home.example", to: ["someone@else.example", "ana@x.example"], at: "2026-11-02 09:00")
        #expect(MailRule.decide(mine, me: me, plan: p) == [.requested(contact: "ana")])
    }

    func met(_ log: inout Log) {
        requested(&log)
        log.add(.scheduled, "jane", at: "2026-11-04 10:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
    }

    @Test func theThankYouComesAfterTheMeetingNeverBefore() {
        let after = plan(met, asOf: "2026-11-10 18:00")
        let mine = item(from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-10 18:00")
        #expect(MailRule.decide(mine, me: me, plan: after) == [.thanked(contact: "jane")])
        let during = plan(met, asOf: "2026-11-10 14:10")
        let early = item(from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-10 14:10")
        #expect(MailRule.decide(early, me: me, plan: during) != [.thanked(contact: "jane")])
    }

    @Test func theConfirmationInsideItsWindow() {
        let p = plan(met, asOf: "2026-11-09 15:00")
        #expect(p.tasks.contains { $0.kind == .confirm && $0.remindAt <= local("2026-11-09 15:00") })
        let mine = item(from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-09 15:00")
        #expect(MailRule.decide(mine, me: me, plan: p) == [.confirmed(contact: "jane")])
    }

    @Test func anAddressTwoContactsShareBelongsToNeither() {
        let p = plan(
            {
                $0.add(.added, "a", at: "2026-11-01 08:00") { $0.email = "info@acme.example" }
                $0.add(.added, "b", at: "2026-11-01 08:00") { $0.email = "info@acme.example" }
            }, asOf: "2026-11-02 09:00")
        #expect(MailRule.addressBook(p)["info@acme.example"] == nil)
        #expect(
            MailRule.decide(item(from: "info@acme.example", at: "2026-11-02 09:00"), me: me, plan: p).first?.contact
                == nil)
    }

    @Test func theKeyIsAHashOfTheMessageID() {
        let i = item(from: "jane@acme.example", at: "2026-11-02 09:00")
        #expect(i.key == String(SHA256.hex(Array("m@x".utf8)).prefix(32)))
        #expect(i.key?.count == 32)
    }

    @Test func aDateFarAheadOrMissingIsTheFilesTime() {
        let file = local("2026-11-02 09:00")
        let ahead = MailItem(headers: headers("From: a@x.org\nDate: 1 Jan 2030 10:00 +0000\n"), fileTime: file)
        #expect(ahead.date == file)
        let missing = MailItem(headers: headers("From: a@x.org\n"), fileTime: file)
        #expect(missing.date == file)
        let fine = MailItem(headers: headers("From: a@x.org\nDate: 2 Nov 2026 07:00 +0000\n"), fileTime: file)
        #expect(fine.date == local("2026-11-02 08:00"))
    }
}

@Suite struct MailClassifierTests {
    @Test(arguments: [
        ("Auto-Submitted: auto-replied\n", "automatic"),
        ("Auto-Submitted: no\n", "person"),
        ("Auto-Submitted: No (really)\n", "person"),
        ("Precedence: bulk\n", "automatic"),
        ("Precedence: junk\n", "automatic"),
        ("Precedence: auto_reply\n", "automatic"),
        ("Precedence: list\n", "list"),
        ("X-Autoreply: yes\n", "automatic"),
        ("X-Autorespond: yes\n", "automatic"),
        ("Subject: Out of Office: back Monday\n", "automatic"),
        ("Subject: Automatic reply: Coffee?\n", "automatic"),
        ("Subject: Re: Coffee?\n", "person"),
        ("Subject: AUTO-REPLY: Coffee?\n", "automatic"),
        ("Subject: Réponse automatique : absente\n", "automatic"),
        ("Subject: Café? (out of office hours)\n", "automatic"),
        ("Subject: Re: the office move\n", "person"),
        ("Subject: out\n", "person"),
        ("List-Id: <news.acme.example>\n", "list"),
        ("List-Unsubscribe: <mailto:u@acme.example>\n", "list"),
        ("Return-Path: <>\n", "bounce"),
        ("Return-Path: < >\n", "bounce"),
        ("Return-Path: <jane@acme.example>\n", "person"),
        ("Content-Type: multipart/report; report-type=delivery-status\n", "bounce"),
        ("Content-Type: Multipart/Report;\n report-type=delivery-status\n", "bounce"),
        ("From: MAILER-DAEMON@mx.example\n", "bounce"),
        ("From: Mail Delivery System <Mailer-Daemon@mx.example>\n", "bounce"),
        ("From: MAILER-DAEMON (Mail Delivery System)\n", "bounce"),
    ])
    func kinds(header: String, kind: String) {
        let text = (header.hasPrefix("From:") ? "" : "From: Jane <jane@acme.example>\n") + header
        #expect(MailClassifier.classify(headers(text)).name == kind)
    }
}
