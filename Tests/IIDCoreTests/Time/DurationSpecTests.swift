import Foundation
import IIDCore
import Testing

@Suite struct DurationSpecTests {
    @Test(arguments: [
        ("90m", 90, DurationSpec.Unit.minutes), ("2h", 2, .hours), ("2d", 2, .days), ("5bd", 5, .businessDays),
        ("1w", 1, .weeks), ("30s", 30, .seconds), ("0m", 0, .minutes),
    ])
    func parses(text: String, amount: Int, unit: DurationSpec.Unit) throws {
        let d = try DurationSpec(parsing: text)
        #expect(d.amount == amount)
        #expect(d.unit == unit)
        #expect(d.description == text)
    }

    @Test(arguments: ["", "d", "2", "2x", "-3d", "99999999d", "1.5h", "2 days"])
    func rejects(text: String) {
        #expect(throws: DurationError.self) { try DurationSpec(parsing: text) }
    }

    @Test func negativeSaysSo() {
        #expect {
            try DurationSpec(parsing: "-3d")
        } throws: { error in
            (error as? DurationError)?.reason == "must not be negative"
        }
    }

    @Test func dayKeepsWallClockAcrossSpringForwardInBerlin() {
        // 2027-03-28 02:00 CET → 03:00 CEST.
        let start = local("2027-03-27 14:00", berlin)
        let next = DurationSpec.days(1).apply(to: start, in: berlin)
        #expect(iso(next, berlin) == "2027-03-28T14:00:00+02:00")
        #expect(next.timeIntervalSince(start) == 23 * 3600)
        #expect(DurationSpec.hours(24).apply(to: start, in: berlin).timeIntervalSince(start) == 24 * 3600)
    }

    @Test func dayKeepsWallClockAcrossFallBackInNewYork() {
        // 2026-11-01 02:00 EDT → 01:00 EST.
        let start = local("2026-10-31 09:30", newYork)
        let next = DurationSpec.days(2).apply(to: start, in: newYork)
        #expect(iso(next, newYork) == "2026-11-02T09:30:00-05:00")
        #expect(next.timeIntervalSince(start) == 49 * 3600)
    }

    @Test func beforeCountsBackAcrossDST() {
        let meeting = local("2027-03-29 10:00", berlin)
        let homework = DurationSpec.days(2).apply(to: meeting, sign: -1, in: berlin)
        #expect(iso(homework, berlin) == "2027-03-27T10:00:00+01:00")
    }

    @Test func dayLandingInAGapMovesForward() {
        let start = local("2027-03-27 02:30", berlin)
        #expect(iso(DurationSpec.days(1).apply(to: start, in: berlin), berlin) == "2027-03-28T03:30:00+02:00")
    }

    @Test func businessDaysSkipWeekends() {
        let friday = local("2026-11-27 10:00", berlin)
        #expect(iso(DurationSpec(1, .businessDays).apply(to: friday, in: berlin)) == "2026-11-30T10:00:00+01:00")
        #expect(iso(DurationSpec(5, .businessDays).apply(to: friday, in: berlin)) == "2026-12-04T10:00:00+01:00")
    }
}
