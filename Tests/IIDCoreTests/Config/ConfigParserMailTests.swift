import Foundation
import IIDCore
import Testing

/// `mail:`: off when absent, each key checked and a mistake named by its key path and place.
@Suite struct ConfigParserMailTests {
    func parse(_ text: String) throws -> Config {
        try ConfigParser.parse(text, file: "c.yaml", knownZones: knownZone).config
    }

    func error(_ text: String) -> ConfigError? {
        do {
            _ = try parse(text)
            return nil
        } catch let e as ConfigError {
            return e
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func absentIsOffAndEveryKeyReads() throws {
        #expect(try parse("me: {email: sam@home.example}\n").mail == nil)
        #expect(try parse("mail: off\n").mail == nil)
        let mail = try #require(
            try parse(
                """
                me: {email: Sam@Home.example}
                mail:
                  roots: [~/Mail, /srv/mail]
                  sent: ["Sent", "[Gmail]/Sent Mail"]
                  addresses: sam@work.example
                  since: 2026-09-01
                """
            ).mail)
        #expect(mail.roots == ["~/Mail", "/srv/mail"])
        #expect(mail.sent == ["Sent", "[Gmail]/Sent Mail"])
        var me = Config.Me()
        me.email = "Sam@Home.example"
        #expect(mail.own(me) == ["sam@home.example", "sam@work.example"])
        #expect(mail.since == Date(timeIntervalSince1970: 1_788_220_800))
        #expect(try parse("mail: {roots: ~/Mail}\n").mail?.roots == ["~/Mail"], "one path is a list of one")
    }

    @Test(arguments: [
        ("mail:\n  sent: [Sent]\n", "mail.roots", "at least one Maildir folder"),
        ("mail:\n  roots: [~/Mail]\n  addresses: [not-an-address]\n", "mail.addresses", "needs exactly one @"),
        ("mail:\n  roots: [~/Mail]\n  since: yesterday\n", "mail.since", "expected a day such as 2026-09-01"),
        ("mail:\n  roots: [~/Mail]\n  since: 2026-02-30\n", "mail.since", "expected a day"),
        ("mail:\n  roots: [\"~/Mail\\u001B\"]\n", "mail.roots", "is not one"),
        ("mail: [~/Mail]\n", "mail", "expected a mapping"),
    ])
    func mistakesNameTheirKey(text: String, key: String, message: String) {
        let e = error(text)
        #expect(e?.keyPath == key)
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    }

    @Test func withoutSinceAScanReadsBack90DaysBeforeTheOldestOpenTask() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        let plan = planner().plan(log.events)
        let now = local("2026-12-01 09:00")
        #expect(
            Config.Mail(roots: ["~/Mail"]).readSince(plan, now: now, zone: berlin) == local("2026-08-04 10:00"),
            "calendar days: the same wall-clock time across the change to winter time")
        #expect(
            Config.Mail(roots: ["~/Mail"]).readSince(planner().plan([]), now: now, zone: berlin)
                == local("2026-09-02 09:00"))
        let fixed = Date(timeIntervalSince1970: 1_788_220_800)
        #expect(Config.Mail(roots: ["~/Mail"], since: fixed).readSince(plan, now: now, zone: berlin) == fixed)
    }

    @Test func aMisspelledKeyIsAWarningWithTheRightOne() throws {
        let r = try ConfigParser.parse(
            "mail:\n  roots: [~/Mail]\n  adresses: [a@b.example]\n", file: "c.yaml", knownZones: knownZone)
        #expect(r.warnings.map(\.message).contains { $0.contains("did you mean 'addresses'") })
    }
}
