import Foundation
import IIDCore
import Testing

@Suite struct RecordingCheckTests {
    // Tuesday 1 Dec 2026, 19:50 in Berlin.
    let now = local("2026-12-01 19:50")
    var check: RecordingCheck { RecordingCheck(zone: berlin, now: now) }

    func record(_ build: (inout Log) -> Void) -> ContactRecord {
        var log = Log()
        log.add(.added, "zoe", at: "2026-11-01 08:00") { $0.name = "Zoe Angstrom" }
        build(&log)
        return planner().plan(log.events).contacts[0]
    }

    @Test func aMeetingThatIsAlreadyOverIsRefused() throws {
        let c = record { _ in }
        let refusal = try #require(check.check(.schedule(start: local("2026-12-01 15:00")), c, at: now))
        #expect(refusal.description.contains("iictl held zoe --at TIME --minutes N"))
        #expect(check.check(.schedule(start: local("2026-12-02 15:00")), c, at: now) == nil)
        // Recorded as of the day before, the same start is in the future.
        #expect(check.check(.schedule(start: local("2026-12-01 15:00")), c, at: local("2026-11-30 10:00")) == nil)
    }

    @Test func heldNeedsAMeetingOrItsLength() throws {
        let c = record { _ in }
        let refusal = try #require(check.check(.held(minutes: nil), c, at: now))
        #expect(
            refusal.description
                == "Zoe Angstrom has no meeting scheduled: `iictl schedule zoe TIME` first, or `iictl held zoe --at TIME --minutes N` for one that took place"
        )
        #expect(check.check(.held(minutes: 30), c, at: now) == nil)
    }

    @Test func heldAndThankedBeforeTheMeetingAreRefused() {
        let c = record { $0.add(.scheduled, "zoe", at: "2026-11-20 10:00") { $0.start = local("2026-12-01 20:50") } }
        #expect(check.check(.held(minutes: nil), c, at: now)?.description.contains("starts Tue 1 Dec 20:50") == true)
        #expect(check.check(.thanked, c, at: now)?.description.contains("a thank-you comes after it") == true)
        #expect(check.check(.thanked, c, at: local("2026-12-01 21:30")) == nil)
        #expect(check.check(.confirm, c, at: now) == nil)
    }

    @Test func confirmAfterTheMeetingIsRefused() {
        let held = record {
            $0.add(.scheduled, "zoe", at: "2026-11-20 10:00") { $0.start = local("2026-12-01 15:00") }
            $0.add(.held, "zoe", at: "2026-12-01 15:40")
        }
        #expect(check.check(.confirm, held, at: now)?.description.contains("is held already") == true)
        let begun = record {
            $0.add(.scheduled, "zoe", at: "2026-11-20 10:00") { $0.start = local("2026-12-01 15:00") }
        }
        #expect(check.check(.confirm, begun, at: now)?.description.contains("began Tue 1 Dec 15:00") == true)
        #expect(check.check(.confirm, record { _ in }, at: now)?.description.contains("no meeting scheduled") == true)
    }

    @Test func aRequestWithAMeetingScheduledIsRefused() {
        let c = record { $0.add(.scheduled, "zoe", at: "2026-11-20 10:00") { $0.start = local("2026-12-04 15:00") } }
        #expect(check.check(.request, c, at: now)?.description.contains("iictl schedule zoe TIME` moves it") == true)
        #expect(check.check(.request, record { _ in }, at: now) == nil)
    }

    @Test func atMoreThanAMinuteAheadIsRefused() {
        #expect(check.time(now.addingTimeInterval(59)) == nil)
        #expect(check.time(now.addingTimeInterval(3600))?.description.contains("is in the future") == true)
        #expect(check.time(local("2026-11-01 10:00")) == nil)
    }

    @Test func anUnscheduledMeetingTakesItsLength() throws {
        var log = Log()
        log.add(.added, "zoe", at: "2026-11-01 08:00")
        log.add(.held, "zoe", at: "2026-12-01 15:00") { $0.minutes = 45 }
        let m = try #require(planner().plan(log.events).contacts.first?.meetings.first)
        #expect(m.minutes == 45)
        #expect(m.start == local("2026-12-01 15:00"))
    }
}
