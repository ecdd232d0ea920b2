import Foundation
import IIDCore
import Testing

@Suite struct EmployerListTests {
    /// Four employers: Motivation ties between two broken by Postings, then by Advocacy.
    static var log: Log {
        var log = Log()
        log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") {
            $0.name = "Acme"; $0.motivation = 5; $0.postings = 1
        }
        log.add(.orgAdded, "org:globex", at: "2026-03-02 09:00") {
            $0.name = "Globex"; $0.motivation = 5; $0.postings = 1; $0.industry = "Energy"
        }
        log.add(.orgAdded, "org:initech", at: "2026-03-02 09:00") {
            $0.name = "Initech"; $0.motivation = 5; $0.postings = 3
        }
        log.add(.orgAdded, "org:umbrella", at: "2026-03-02 09:00") { $0.name = "Umbrella" }
        log.add(.orgAdded, "org:hooli", at: "2026-03-02 09:00") {
            $0.name = "Hooli"; $0.motivation = 2
        }
        // At Globex, a referral (Advocacy) and a name found; at Acme, a name found.
        log.add(.added, "ref", at: "2026-03-01 09:00") { $0.org = "Elsewhere" }
        log.add(.added, "gil", at: "2026-03-02 10:00") { $0.org = "Globex Corp." }
        log.add(.added, "gia", at: "2026-03-02 11:00") {
            $0.org = "GLOBEX"; $0.referredBy = "ref"
        }
        log.add(.added, "ann", at: "2026-03-02 10:00") { $0.org = "Acme Inc." }
        // At Hooli, everyone asked and gone: one declined, one met.
        log.add(.added, "hal", at: "2026-03-02 10:00") { $0.org = "Hooli" }
        log.add(.requested, "hal", at: "2026-03-02 11:00")
        log.add(.declined, "hal", at: "2026-03-03 11:00")
        log.add(.added, "hex", at: "2026-03-02 10:00") {
            $0.org = "Hooli"; $0.url = "https://www.linkedin.com/in/hex"
        }
        log.add(.requested, "hex", at: "2026-03-02 11:00")
        log.add(.held, "hex", at: "2026-03-05 11:00") { $0.minutes = 20 }
        log.add(.thanked, "hex", at: "2026-03-05 15:00")
        return log
    }

    @Test func rankedByMotivationThenPostingsThenAdvocacy() {
        let log = Self.log
        let plan = planner().plan(log.events)
        let list = EmployerList(
            book: OrgBook(events: log.events), contacts: plan.contacts, at: local("2026-03-06 09:00"))
        #expect(list.rows.map(\.org.id) == ["initech", "globex", "acme", "hooli", "umbrella"])
        let globex = list.rows[1]
        #expect(globex.advocacy == 1 && globex.people.map(\.id) == ["gia", "gil"])
        #expect(globex.status == .toAsk && globex.who?.id == "gia")
        #expect(list.rows[0].status == .nobodyYet)
        let hooli = list.rows[3]
        #expect(hooli.status == .workedThrough && hooli.requests == 2 && hooli.meetings == 1 && hooli.advocacy == 1)
        let words = Wording(zone: berlin)
        #expect(
            list.rows[0].nextStep(NextContact(), words: words, now: local("2026-03-06 09:00"))
                == "find someone at Initech")
        #expect(hooli.nextStep(NextContact(), words: words, now: local("2026-03-06 09:00")).hasPrefix("worked through"))
    }

    @Test func aWaitingRequestPointsToTheNextPersonAfterThreeBusinessDays() {
        var log = Self.log
        log.add(.requested, "gia", at: "2026-03-06 10:00")  // a Friday
        let book = OrgBook(events: log.events)
        let plan = planner().plan(log.events)
        func next(_ at: String) -> String {
            let now = local(at)
            let row = EmployerList(book: book, contacts: plan.contacts, at: now).rows.first { $0.org.id == "globex" }
            return row?.nextStep(NextContact(), words: Wording(zone: berlin), now: now) ?? "-"
        }
        // Friday + 3 business days is Wednesday, same time.
        #expect(next("2026-03-11 09:59") == "wait for Gia (asked Fri 6 Mar)")
        #expect(next("2026-03-11 10:00") == "try the next person: Gil (Gia silent since Fri 6 Mar)")
    }

    @Test func industriesCountPeopleOrganisationsRequestsAndMeetings() {
        var log = Self.log
        log.add(.added, "eva", at: "2026-03-02 10:00") { $0.industry = "energy" }
        let plan = planner().plan(log.events)
        let rows = EmployerList.byIndustry(book: OrgBook(events: log.events), contacts: plan.contacts)
        let energy = rows.first { $0.industry == "Energy" }
        // Gil and Gia through Globex's industry, Eva through her own; one organisation.
        #expect(energy?.people == 3 && energy?.organisations == 1)
        #expect(rows.last?.industry == nil && rows.last?.requests == 2 && rows.last?.meetings == 1)
    }
}

@Suite struct OneAtATimeTests {
    /// Jane and Dan at one employer, written two ways; Jane asked on Friday 27 March 2026, before
    /// the clocks go forward in Berlin (Sunday 29 March).
    static func setUp(_ rule: NextContact = NextContact()) -> (OneAtATime, [ContactRecord]) {
        var log = Log()
        log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") { $0.name = "Acme Analytics" }
        log.add(.added, "jane", at: "2026-03-02 10:00") { $0.org = "Acme Analytics GmbH" }
        log.add(.added, "dan", at: "2026-03-02 10:00") { $0.org = "ACME analytics" }
        log.add(.added, "sam", at: "2026-03-02 10:00") { $0.org = "Globex" }
        log.add(.added, "sue", at: "2026-03-02 10:00") { $0.org = "Globex, Inc." }
        log.add(.requested, "jane", at: "2026-03-27 10:00")
        log.add(.requested, "sam", at: "2026-03-27 10:00")
        return (
            OneAtATime(book: OrgBook(events: log.events), rule: rule, zone: berlin), planner().plan(log.events).contacts
        )
    }

    @Test func aSecondPersonWaitsThreeBusinessDaysAcrossTheClockChange() throws {
        let (rule, contacts) = Self.setUp()
        let dan = try #require(contacts.first { $0.id == "dan" })
        // Three business days after Friday 10:00 is Wednesday 10:00 local time, DST or not.
        let refused = rule.refusal(
            for: dan, among: contacts, at: local("2026-04-01 09:59"), now: local("2026-04-01 09:59"))
        #expect(
            refused?.description.contains("Jane at Acme Analytics has not answered your request of Fri 27 Mar 10:00")
                == true)
        #expect(refused?.description.contains("ask Dan after Wed 1 Apr 10:00") == true, "\(refused?.description ?? "")")
        #expect(rule.waiting(before: dan, among: contacts, at: local("2026-04-01 10:00")) == nil)
        // Not on the list, the names' keys still say one employer.
        let sue = try #require(contacts.first { $0.id == "sue" })
        #expect(rule.waiting(before: sue, among: contacts, at: local("2026-03-30 10:00"))?.first.id == "sam")
        // Jane herself is not kept waiting by her own request.
        let jane = try #require(contacts.first { $0.id == "jane" })
        #expect(rule.waiting(before: jane, among: contacts, at: local("2026-03-30 10:00")) == nil)
    }

    @Test func theRuleCanBeTurnedOffOrLengthened() throws {
        var off = NextContact()
        off.oneAtATime = false
        let (r1, contacts) = Self.setUp(off)
        let dan = try #require(contacts.first { $0.id == "dan" })
        #expect(r1.waiting(before: dan, among: contacts, at: local("2026-03-28 10:00")) == nil)
        var week = NextContact()
        week.after = DurationSpec(7, .days)
        let (r2, _) = Self.setUp(week)
        #expect(
            r2.waiting(before: dan, among: contacts, at: local("2026-04-03 09:00"))?.moveOn == local("2026-04-03 10:00")
        )
    }
}

@Suite struct NextContactTaskTests {
    static func log(listed: Bool = true) -> Log {
        var log = Log()
        if listed { log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") { $0.name = "Acme Analytics" } }
        log.add(.added, "jane", at: "2026-03-02 10:00") { $0.org = "Acme Analytics GmbH" }
        log.add(.added, "dan", at: "2026-03-02 10:01") { $0.org = "ACME analytics" }
        log.add(.added, "sam", at: "2026-03-02 10:02") { $0.org = "Globex" }
        log.add(.requested, "jane", at: "2026-03-27 10:00")  // the Friday before the clocks go forward
        log.add(.requested, "sam", at: "2026-03-27 10:00")
        return log
    }

    @Test func aRequestAtAListedEmployerNamesWhomToTryNextAfterThreeBusinessDays() throws {
        let plan = planner().plan(Self.log().events)
        let t = try #require(plan.tasks.first { $0.id == "jane.next-contact" })
        #expect(t.kind == .nextContact && t.remindAt == local("2026-04-01 10:00") && t.due == local("2026-04-03 10:00"))
        #expect(t.title == "Try the next person at Acme Analytics: Dan (Jane has not answered)")
        // Globex is not on the list: its follow-ups only.
        #expect(!plan.tasks.contains { $0.kind == .nextContact && $0.contact == "sam" })
        #expect(!planner().plan(Self.log(listed: false).events).tasks.contains { $0.kind == .nextContact })
        var off = Config()
        off.nextContact.oneAtATime = false
        #expect(!planner(off).plan(Self.log().events).tasks.contains { $0.kind == .nextContact })
    }

    @Test func theTaskFollowsTheOthersThereAndTheListAsTheLogGrows() throws {
        var log = Self.log(listed: false)
        var live = LivePlan(planner: planner(), events: log.events)
        #expect(live.task("jane.next-contact") == nil)
        log.add(.orgAdded, "org:acme", at: "2026-03-30 09:00") { $0.name = "Acme Analytics" }
        let listed = log.events.last!
        live.append([listed])
        #expect(live.task("jane.next-contact")?.nextPeople == ["Dan"])
        // Dan asked: nobody known there is left; Jane's task says so, and Dan has his own.
        log.add(.requested, "dan", at: "2026-04-01 10:00")
        live.append([log.events.last!])
        #expect(live.task("jane.next-contact")?.title == "Find someone else at Acme Analytics (Jane has not answered)")
        #expect(live.task("dan.next-contact")?.nextPeople == [])
        #expect(live.plan.tasks == planner().plan(log.events).tasks)
        // The organisation taken off the list again: no next-contact task.
        log.add(.retracted, "org:acme", at: "2026-04-01 11:00") { $0.retracts = listed.id }
        live.append([log.events.last!])
        #expect(live.task("jane.next-contact") == nil && live.task("dan.next-contact") == nil)
    }

    @Test func itsConfigIsTheKindsRuleWithTheSwitchBeside() throws {
        let config = try ConfigParser.parse(
            "reminders:\n  next-contact:\n    after: 2bd\n    one_at_a_time: false\n", file: "c.yaml",
            knownZones: knownZone
        ).config
        #expect(config.rule(.nextContact).offset == DurationSpec(2, .businessDays))
        #expect(config.nextContact.after == DurationSpec(2, .businessDays) && !config.nextContact.oneAtATime)
        #expect(Config().nextContact.after == Config().rule(.nextContact).offset)
        do {
            _ = try ConfigParser.parse(
                "reminders:\n  next-contact:\n    one_at_a_time: maybe\n", file: "c.yaml", knownZones: knownZone)
            Issue.record("a bad switch was taken")
        } catch {
            #expect("\(error)".contains("reminders.next-contact.one_at_a_time"), "\(error)")
        }
    }
}
