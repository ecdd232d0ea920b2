import Foundation
import IIDCore
import Testing

@Suite struct ScriptsTests {
    @Test func scriptsCarryTheRecordedData() {
        let plan = planner().plan(Campaign.log.events)
        let jane = plan.contacts[0]
        let s = Scripts(config: Campaign.config, zone: berlin)
        let phone = s.phone(jane)
        #expect(phone.contains("Hello Jane, my name is Ana Analyst. Eight years of logistics data."))
        #expect(phone.contains("20 minutes"))
        #expect(phone.contains("not a job interview"))
        #expect(s.requestEmail(jane).body.contains("which roles grow"))
        let prep = s.prep(jane, now: local("2026-11-09 09:00"))
        #expect(prep.contains("1. How is the risk team organised?"))
        #expect(prep.contains("cut delays by 18%"))
        #expect(prep.contains("ask permission to take notes") || prep.contains("Ask permission to take notes"))
        #expect(prep.contains("Wed 11 Nov 15:00, 30 min"))
        var held = Campaign.log
        held.add(.held, "jane", at: "2026-11-11 15:40") { $0.points = ["model risk", "the CFA"] }
        let c = planner().plan(held.events).contacts[0]
        let letter = s.letter(
            c, meeting: c.meetings.last, date: local("2026-11-12 09:00"), article: "https://example.org/a")
        #expect(
            letter.hasPrefix(
                "Ana Analyst\nLindenstr. 5\n10969 Berlin\n\n12 November 2026\n\nJane Doe\nHead of Risk\nAcme; Risk, Inc.\nAcme Tower\n1 Main St\n"
            ))
        #expect(letter.contains("model risk"))
        #expect(letter.contains("https://example.org/a"))
        #expect(letter.hasSuffix("Sincerely,\nAna Analyst\n"))
    }

    @Test func remindersCarryTheQuestions() {
        let plan = planner().plan(Campaign.log.events)
        let homework = plan.tasks.first { $0.kind == .homework }!
        let r = Reminder.of(homework, rule: Config().rule(.homework))[0]
        let m = MessageBuilder(config: Campaign.config, zone: berlin).message(
            for: r, contact: plan.contacts[0], now: local("2026-11-09 15:00"), late: false)
        #expect(m.body.contains("How is the risk team organised?"))
    }
}
