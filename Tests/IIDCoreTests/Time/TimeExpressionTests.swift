import Foundation
import IIDCore
import Testing

@Suite struct TimeExpressionTests {
    // Friday 27 Nov 2026, 17:00 in Berlin.
    let now = Date(timeIntervalSince1970: 1_795_795_200)

    func parse(_ s: String, _ zone: TZifZone = berlin) throws -> String {
        iso(try TimeExpression.parse(s, now: now, zone: zone), zone)
    }

    @Test func nowIsFriday() { #expect(iso(now) == "2026-11-27T17:00:00+01:00") }

    @Test func forms() throws {
        #expect(try parse("now") == "2026-11-27T17:00:00+01:00")
        #expect(try parse("+90m") == "2026-11-27T18:30:00+01:00")
        #expect(try parse("+2d") == "2026-11-29T17:00:00+01:00")
        #expect(try parse("-1h") == "2026-11-27T16:00:00+01:00")
        #expect(try parse("2026-12-03T14:00") == "2026-12-03T14:00:00+01:00")
        #expect(try parse("2026-12-03 14:00:30") == "2026-12-03T14:00:30+01:00")
        #expect(try parse("2026-12-03T14:00:00Z") == "2026-12-03T15:00:00+01:00")
        #expect(try parse("2026-12-03T14:00-05:00") == "2026-12-03T20:00:00+01:00")
        #expect(try parse("tomorrow 9:30") == "2026-11-28T09:30:00+01:00")
        #expect(try parse("today 18:00") == "2026-11-27T18:00:00+01:00")
        #expect(try parse("mon 14:00") == "2026-11-30T14:00:00+01:00")
        #expect(try parse("Friday 10:00") == "2026-12-04T10:00:00+01:00")
        #expect(try parse("14:00") == "2026-11-27T14:00:00+01:00")
    }

    @Test(arguments: [
        "", "yesterday-ish", "2026-13-01 10:00", "2026-12-03 25:00", "soon 10:00", "+2x", "2026-12-03T14:00+1",
    ])
    func rejects(_ text: String) {
        #expect(throws: TimeExpressionError.self) { try TimeExpression.parse(text, now: now, zone: berlin) }
    }

    @Test func gapIsAnError() {
        #expect {
            try TimeExpression.parse("2027-03-28 02:30", now: now, zone: berlin)
        } throws: { error in
            (error as? TimeExpressionError)?.reason.contains("does not exist") ?? false
        }
    }

    @Test func overlapTakesTheFirstOccurrence() throws {
        #expect(try parse("2026-11-01 01:30", newYork) == "2026-11-01T01:30:00-04:00")
    }

    @Test func timestampRoundTrip() {
        let d = local("2026-07-01 12:34", newYork)
        #expect(Timestamp.parse(Timestamp.format(d, in: newYork)) == d)
        #expect(Timestamp.parse("2026-07-01T12:34:00") == nil)
        #expect(Timestamp.parse("garbage") == nil)
    }
}
