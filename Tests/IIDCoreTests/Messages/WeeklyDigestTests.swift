import Foundation
import IIDCore
import Testing

@Suite struct WeeklyDigestTests {
    static let rule = DigestSchedule(weekday: 2, minuteOfDay: 480, via: [.email])
    let now = local("2026-12-07 08:00")

    /// A week with something of everything: an overdue thank-you, two follow-ups, a meeting with
    /// part of its preparation done, one next week, and two people out of touch.
    static func week(hostile: String = "Mallory") -> Planner.Plan {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-20 08:00")
        log.add(.scheduled, "jane", at: "2026-11-20 09:00") {
            $0.start = local("2026-12-01 14:00")
            $0.minutes = 30
        }
        log.add(.held, "jane", at: "2026-12-01 14:30")
        log.add(.added, "dan", at: "2026-11-28 08:00")
        log.add(.requested, "dan", at: "2026-11-28 09:00")
        log.add(.added, "mallory", at: "2026-11-20 08:00") { $0.name = hostile }
        log.add(.requested, "mallory", at: "2026-11-20 09:00")
        log.add(.added, "carol", at: "2026-11-20 08:00") { $0.org = "Acme" }
        log.add(.scheduled, "carol", at: "2026-11-20 09:00") {
            $0.start = local("2026-12-09 14:00")
            $0.minutes = 30
            $0.place = "Café"
        }
        log.add(.confirmed, "carol", at: "2026-11-21 09:00")
        log.add(.done, "carol", at: "2026-12-06 10:00") { $0.task = "carol.homework" }
        log.add(.added, "gus", at: "2026-11-20 08:00")
        log.add(.scheduled, "gus", at: "2026-11-20 09:00") { $0.start = local("2026-12-15 10:00") }
        for (who, day) in [("fred", "2026-08-20"), ("eve", "2026-08-02")] {
            log.add(.added, who, at: "2026-07-01 08:00")
            log.add(.held, who, at: "\(day) 09:00")
            log.add(.thanked, who, at: "\(day) 10:00")
        }
        return planner().plan(log.events)
    }

    func contents(_ plan: Planner.Plan = week()) -> DigestContents {
        DigestContents(plan: plan, now: now, until: Self.rule.horizon(from: now, in: berlin))
    }

    var builder: MessageBuilder {
        var config = Config()
        config.digest = Self.rule
        return MessageBuilder(config: config, zone: berlin)
    }

    @Test func listsWhatIsOwedTheWeeksMeetingsAndWhoIsOutOfTouch() {
        let c = contents()
        #expect(c.owed.map(\.id) == ["mallory.follow-up", "jane.thank-you", "dan.follow-up"])
        #expect(c.meetings.map(\.contact) == ["carol"], "gus's meeting is next week")
        #expect(c.meetings.first?.prep.map(\.done) == [true, true, false])
        #expect(c.losingTouch.map(\.contact) == ["eve", "fred"], "the longest out of touch first")
    }

    @Test func theTextSaysItAll() throws {
        let m = builder.weekly(contents(), periodStart: now, late: false)
        #expect(m.summary == "iid: your week — 3 owed, 1 meeting, 2 losing touch")
        let lines = m.body.split(separator: "\n").map(String.init)
        #expect(lines.first == "Your week from Mon 7 Dec 08:00 to Mon 14 Dec 08:00.")
        #expect(lines.contains("Owed (3):"))
        #expect(lines.contains("• Overdue: Send Jane a thank-you note (due Thu 3 Dec 14:30; jane.thank-you)"))
        #expect(
            lines.contains(
                "• Follow up with Dan about the meeting request (1 of 2) (due Tue 8 Dec 09:00; dan.follow-up)"))
        #expect(
            lines.contains("• Wed 9 Dec 14:00, 30 min, Café: Carol (Acme) (homework done, confirm done, brief open)"))
        let eve = try #require(lines.firstIndex { $0.hasPrefix("• Eve: last contact Sun 2 Aug") })
        let fred = try #require(lines.firstIndex { $0.hasPrefix("• Fred: last contact Thu 20 Aug") })
        #expect(eve < fred)
        #expect(m.urgency == .critical, "an overdue thank-you")
        #expect(m.tasks.isEmpty, "no one task: no buttons, no task header")
        #expect(m.category == "iid.weekly")
    }

    @Test func aLateDigestSaysSo() {
        let m = builder.weekly(contents(), periodStart: local("2026-12-07 08:00"), late: true)
        #expect(m.body.contains("(Late: this digest was due Mon 7 Dec 08:00.)"))
        #expect(m.isLate)
    }

    @Test func aHostileNameCannotSplitALineOrReachATerminal() {
        let m = builder.weekly(
            contents(Self.week(hostile: "Mal\u{1B}]0;pwned\u{07}\nForged: line")), periodStart: now, late: false)
        #expect(!m.body.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(m.body.contains("Mal\\u{1B}]0;pwned\\u{7}\\nForged: line"))
        #expect(!m.body.split(separator: "\n").contains { $0.hasPrefix("Forged") })
    }

    @Test func anEmptyWeekIsSkippedOrSaidInALine() {
        let empty = Planner.Plan(contacts: [], tasks: [], diagnostics: [])
        let reminder = Reminder.digest(Self.rule.period(at: now, in: berlin), channels: [.email])
        let delivery = Scheduler.Delivery(reminder: reminder, channel: .email, lateness: 0, isLate: false)
        let skipped = builder.weekly([delivery], plan: empty, now: now)
        #expect(skipped.outgoing.isEmpty && skipped.nothingOwed == [delivery])
        var config = Config()
        config.digest = Self.rule
        config.digest?.empty = .send
        let sent = MessageBuilder(config: config, zone: berlin).weekly([delivery], plan: empty, now: now)
        #expect(sent.nothingOwed.isEmpty)
        let m = try? #require(sent.outgoing.first?.message)
        #expect(m?.summary == "iid: your week — nothing owed")
        #expect(m?.body.contains("Nothing owed this week") == true)
        #expect(sent.outgoing.first?.keys == ["digest@2026-12-07T08:00#email"])
    }

    @Test func goesAsMailWithItsSubject() throws {
        let m = builder.weekly(contents(), periodStart: now, late: false)
        var config = Config()
        config.delivery.email.to = "me@example.org"
        let mail = ReminderMail(config: config, host: "h.example", login: "me").message(
            m, key: "digest@2026-12-07T08:00#email", now: now)
        let text = try mail.render(zone: berlin)
        #expect(mail.subject == "iid: your week — 3 owed, 1 meeting, 2 losing touch")
        #expect(!text.contains("X-IID-Task"))
        #expect(text.contains("Auto-Submitted: auto-generated"))
    }
}
