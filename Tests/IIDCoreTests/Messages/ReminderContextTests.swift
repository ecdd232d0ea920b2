import Foundation
import IIDCore
import Testing

/// Every reminder carries what makes it actionable, on every channel: the last interaction and
/// when, the points and questions, who referred, and for a follow-up the day of the original ask.
@Suite struct ReminderContextTests {
    /// Bob referred Jane; Jane was asked on Mon 2 Nov, answered nothing, and has a question
    /// prepared; Carol was met and thanked, with points noted.
    static func plan(question: String = "How do you model grid risk?", referrer: String = "Bob Stone")
        -> Planner.Plan
    {
        var log = Log()
        log.add(.added, "bob", at: "2026-10-20 08:00") { $0.name = referrer }
        log.add(.added, "jane", at: "2026-11-01 08:00") {
            $0.name = "Jane Doe"
            $0.referredBy = "bob"
        }
        log.add(.question, "jane", at: "2026-11-01 09:00") { $0.text = question }
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        log.add(.added, "carol", at: "2026-11-01 08:00") { $0.name = "Carol" }
        log.add(.held, "carol", at: "2026-11-05 15:00") { $0.points = ["Hiring in Q3", "Read the CFA notes"] }
        log.add(.thanked, "carol", at: "2026-11-06 09:00")
        return planner().plan(log.events)
    }

    let now = local("2026-11-10 09:00")
    var builder: MessageBuilder { MessageBuilder(config: Config(), zone: berlin) }

    func reminder(_ plan: Planner.Plan, _ id: String) throws -> Reminder {
        let task = try #require(plan.tasks.first { $0.id == id })
        return Reminder.of(task, rule: Config().rule(task.kind))[0]
    }

    func message(_ plan: Planner.Plan, _ id: String) throws -> ReminderMessage {
        let r = try reminder(plan, id)
        let contact = plan.contact(r.task.contact)
        return builder.message(
            for: r, contact: contact, now: now, lateness: .onTime,
            referrer: contact.flatMap { plan.referralNames(for: $0).referrer })
    }

    @Test func aFollowUpNamesTheAskTheReferrerAndTheQuestions() throws {
        let plan = Self.plan()
        let jane = try #require(plan.contact("jane"))
        let task = try #require(plan.tasks.first { $0.id == "jane.follow-up" })
        let context = ReminderContext(task: task, contact: jane, referrer: "Bob Stone")
        #expect(context.askedAt == local("2026-11-02 10:00"))
        #expect(
            context.lines(Wording(zone: berlin), now: now) == [
                "First asked: Mon 2 Nov.", "Last interaction: you asked for a meeting, Mon 2 Nov.",
                "Referred by Bob Stone.", "Your questions: How do you model grid risk?",
            ])
        // The ask is not said twice: the last interaction was the ask itself.
        #expect(
            context.short(Wording(zone: berlin), now: now)
                == "asked Mon 2 Nov; via Bob Stone; ask: How do you model grid risk?")
    }

    @Test func aKeepInTouchNamesTheLastMeetingAndItsPoints() throws {
        let plan = Self.plan()
        let carol = try #require(plan.contact("carol"))
        #expect(carol.lastInteractionWhat == "you thanked them")
        let task = try #require(plan.tasks.first { $0.contact == "carol" && $0.kind == .keepInTouch })
        let context = ReminderContext(task: task, contact: carol, referrer: nil)
        #expect(context.askedAt == nil, "only a follow-up or a next-contact task names the ask")
        #expect(context.points == ["Hiring in Q3", "Read the CFA notes"])
        #expect(
            context.short(Wording(zone: berlin), now: now)
                == "last: you thanked them Fri 6 Nov; noted: Hiring in Q3")
    }

    @Test func theNotificationAndThePushCarryOneShortLine() throws {
        let m = try message(Self.plan(), "jane.follow-up")
        let line = "Context: asked Mon 2 Nov; via Bob Stone; ask: How do you model grid risk?"
        #expect(m.body.split(separator: "\n").map(String.init).contains(line), "\(m.body)")
        let notify = NotifyCommand.arguments(for: m, actions: false)
        #expect(notify.last?.contains(line) == true)
        let push = PushCommand.arguments(for: m, urls: ["ntfy://example.org/iid"])
        #expect(push.contains { $0.hasPrefix("--body=") && $0.contains(line) })
    }

    @Test func theMailCarriesItInFull() throws {
        let body = ReminderMail.body(try message(Self.plan(), "jane.follow-up"))
        #expect(
            body.contains(
                "Context:\n  First asked: Mon 2 Nov.\n  Last interaction: you asked for a meeting, Mon 2 Nov.\n"
                    + "  Referred by Bob Stone.\n  Your questions: How do you model grid risk?\n"), "\(body)")
    }

    @Test func theCalendarItemsDescriptionCarriesItEscapedAndFolded() throws {
        let plan = Self.plan(question: "Grid risk; models, data\nand\u{1B}[2Jtools")
        let items = CalendarItems(config: Config(), zone: berlin).items(
            contacts: plan.contacts, tasks: plan.tasks, delivered: [], now: now)
        let item = try #require(items.first { $0.fileName == "iid-jane.follow-up.ics" })
        let description = try #require(
            CalendarText.unfold(item.text).first { $0.hasPrefix("DESCRIPTION:") })
        #expect(description.contains("First asked: Mon 2 Nov 2026."), "\(description)")
        #expect(description.contains("Referred by Bob Stone."))
        // Escaped as iCalendar text, and the control characters made visible before that.
        #expect(description.contains("Your questions: Grid risk\\; models\\, data\\\\nand\\\\u{1B}[2Jtools"))
        #expect(item.text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(!item.text.contains("\u{1B}"))
    }

    @Test func aDigestOfManyGivesEachLineItsContext() throws {
        let plan = Self.plan()
        let keep = try #require(plan.tasks.first { $0.contact == "carol" && $0.kind == .keepInTouch }).id
        let items = try ["jane.follow-up", keep].map { id in
            let r = try reminder(plan, id)
            return (r, plan.contact(r.task.contact))
        }
        let m = builder.digest(items, now: now) { plan.referralNames(for: $0).referrer }
        let lines = m.body.split(separator: "\n").map(String.init)
        let jane = try #require(lines.firstIndex { $0.contains("jane.follow-up") })
        #expect(lines[jane + 1] == "  asked Mon 2 Nov; via Bob Stone; ask: How do you model grid risk?")
        let carol = try #require(lines.firstIndex { $0.contains(keep) })
        #expect(lines[carol + 1].hasPrefix("  last: you thanked them Fri 6 Nov"))
    }

    @Test func theDaemonsComposeLooksUpTheReferrer() throws {
        let plan = Self.plan()
        let r = try reminder(plan, "jane.follow-up")
        let one = builder.compose(
            [Scheduler.Delivery(reminder: r, channel: .email, lateness: 0, isLate: false)], now: now
        ) { plan.contact($0) }
        #expect(one.first?.message.context.contains("Referred by Bob Stone.") == true)
        // Four at once make a digest: each line still names the referrer.
        let keep = try #require(plan.tasks.first { $0.contact == "carol" && $0.kind == .keepInTouch })
        let other = try reminder(plan, keep.id)
        let many = [r, other, r, other].map {
            Scheduler.Delivery(reminder: $0, channel: .email, lateness: 0, isLate: false)
        }
        let digest = try #require(builder.compose(many, now: now) { plan.contact($0) }.first)
        #expect(digest.message.category == "iid.digest")
        #expect(digest.message.body.contains("\n  asked Mon 2 Nov; via Bob Stone"), "\(digest.message.body)")
    }

    @Test func hostileTextStaysOnItsLineAndAShortLineStaysShort() throws {
        let long = String(repeating: "why ", count: 60)
        let plan = Self.plan(question: "Q\r\nBcc: x@y\u{7}" + long, referrer: "Mal\u{1B}]0;pwned\u{7}lory")
        let m = try message(plan, "jane.follow-up")
        let line = try #require(m.body.split(separator: "\n").first { $0.hasPrefix("Context: ") })
        #expect(line.count <= "Context: ".count + ReminderContext.shortLimit)
        #expect(line.hasSuffix("…"))
        #expect(!Printable.hasControls(String(line)), "\(line)")
        #expect(line.contains("via Mal\\u{1B}]0;pwned\\u{7}lory"))
        #expect(m.context.allSatisfy { !Printable.hasControls($0) })
        #expect(!ReminderMail.body(m).contains("\r\nBcc"))
    }

    @Test func theShortLineLeavesOutWhatTheReminderSaysItself() throws {
        var log = Log()
        log.add(.added, "ann", at: "2026-11-01 08:00")
        log.add(.question, "ann", at: "2026-11-01 08:30") { $0.text = "Which teams hire?" }
        log.add(.scheduled, "ann", at: "2026-11-01 09:00") { $0.start = local("2026-11-12 14:00") }
        let plan = planner().plan(log.events)
        let homework = try message(plan, "ann.homework")
        #expect(homework.body.contains("Your questions so far: Which teams hire?"))
        #expect(homework.body.contains("Context: last: a meeting was arranged Sun 1 Nov"), "\(homework.body)")
        #expect(!homework.body.contains("ask: Which teams hire?"), "said once")
        #expect(homework.context.contains("Your questions: Which teams hire?"), "the mail has it all")
        let confirm = try message(plan, "ann.confirm")
        #expect(confirm.body.contains("Context: last: a meeting was arranged Sun 1 Nov; ask: Which teams hire?"))
    }

    @Test func aPersonWithNothingRecordedGetsNoContextLine() throws {
        var log = Log()
        log.add(.added, "ann", at: "2026-11-01 08:00")
        log.add(.scheduled, "ann", at: "2026-11-01 08:00") { $0.start = local("2026-11-12 14:00") }
        var plan = planner().plan(log.events)
        // A meeting arranged is an interaction: without it, there is nothing to say.
        plan.contacts[0].lastInteractionWhat = nil
        let m = try message(plan, "ann.homework")
        #expect(!m.body.contains("Context:"), "\(m.body)")
        #expect(m.context.isEmpty)
    }
}
