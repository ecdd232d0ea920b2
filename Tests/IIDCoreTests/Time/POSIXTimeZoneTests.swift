import Foundation
import Testing

@testable import IIDCore

/// The POSIX TZ rules of TZif footers and of `TZ`, with RFC 9636's extensions.
@Suite struct POSIXTimeZoneTests {
    /// Seconds since the epoch of a UTC date and time.
    func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
        Int64(LocalTime.days(year: y, month: mo, day: d)) * 86_400 + Int64(h * 3600 + mi * 60)
    }

    @Test func readsNamesOffsetsAndRules() throws {
        let r = try #require(POSIXTimeZone("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(r.standardName == "CET")
        #expect(r.standardOffset == 3600)
        #expect(r.daylight?.name == "CEST")
        #expect(r.daylight?.offset == 7200, "an hour ahead of standard time when no offset is given")
        #expect(r.daylight?.start == .init(day: .monthWeekDay(month: 3, week: 5, weekday: 0), time: 7200))
        #expect(r.daylight?.end == .init(day: .monthWeekDay(month: 10, week: 5, weekday: 0), time: 10_800))
        let quoted = try #require(POSIXTimeZone("<+0330>-3:30"))
        #expect(quoted.standardName == "+0330")
        #expect(quoted.standardOffset == 12_600)
        #expect(quoted.daylight == nil)
        let lordHowe = try #require(POSIXTimeZone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.daylight?.offset == 39_600)
        #expect(POSIXTimeZone("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1")?.daylight?.start.time == -7200)
        #expect(POSIXTimeZone("EST5EDT4,0/0,J365/25")?.daylight?.end == .init(day: .julian(365), time: 90_000))
        #expect(POSIXTimeZone("XXX3YYY,J60/1:30:15,300")?.daylight?.start.time == 5415)
    }

    @Test(arguments: [
        "", "CE", "CET", "CET-1CEST,", "CET-1CEST,M3.5.0", "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0",
        "CET-1CEST,J0,J365", "CET-1CEST,366,1", "CET-25", "<+03", "<+0>-3", "CET-1:60", "CET-1CEST,M3.5.0/168,M10.5.0",
        "CET-1 CEST", "CET-1CEST,M3.5.0,M10.5.0x",
    ])
    func rejectsWhatIsNotARule(text: String) {
        #expect(POSIXTimeZone(text) == nil, "\(text)")
    }

    @Test func northernRuleChangesOnTheLastSundays() throws {
        let r = try #require(POSIXTimeZone("CET-1CEST,M3.5.0,M10.5.0/3"))
        // 2026: 29 March at 01:00 UTC and 25 October at 01:00 UTC.
        #expect(r.offset(at: utc(2026, 3, 29, 1) - 1) == 3600)
        #expect(r.offset(at: utc(2026, 3, 29, 1)) == 7200)
        #expect(r.offset(at: utc(2026, 10, 25, 1) - 1) == 7200)
        #expect(r.offset(at: utc(2026, 10, 25, 1)) == 3600)
        #expect(r.offset(at: utc(2026, 1, 1)) == 3600)
        #expect(r.changes(in: 2026) == [utc(2026, 3, 29, 1), utc(2026, 10, 25, 1)])
    }

    @Test func southernRuleSpansNewYear() throws {
        let r = try #require(POSIXTimeZone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        // Daylight time from 4 October 2026 02:00 local to 4 April 2027 02:00 local.
        #expect(r.offset(at: utc(2026, 12, 31, 23)) == 39_600)
        #expect(r.offset(at: utc(2027, 1, 1, 0, 30)) == 39_600)
        #expect(r.offset(at: utc(2026, 7, 1)) == 37_800)
        let start = utc(2026, 10, 4, 2) - 37_800
        #expect(r.offset(at: start - 1) == 37_800)
        #expect(r.offset(at: start) == 39_600)
        let end = utc(2027, 4, 4, 2) - 39_600
        #expect(r.offset(at: end - 1) == 39_600)
        #expect(r.offset(at: end) == 37_800)
    }

    @Test func negativeAndExtendedHours() throws {
        // Greenland: changes at -02:00 and -01:00 local, i.e. 01:00 UTC on the Saturday before.
        let nuuk = try #require(POSIXTimeZone("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"))
        let spring = utc(2026, 3, 29) - 3600 + 7200
        #expect(nuuk.offset(at: spring - 1) == -7200)
        #expect(nuuk.offset(at: spring) == -3600)
        // Daylight time all year: starts 1 January 00:00, ends 31 December at 25:00.
        let allYear = try #require(POSIXTimeZone("EST5EDT4,0/0,J365/25"))
        for t in stride(from: utc(2025, 1, 1), to: utc(2028, 1, 1), by: 86_400 * 3 + 3_601) {
            #expect(allYear.offset(at: t) == -14_400, "\(t)")
        }
    }

    @Test func julianDaysSkipOrCountFebruary29() throws {
        // J60 is 1 March in every year; 59 is 1 March in a leap year and 29 February's next day otherwise.
        let j = try #require(POSIXTimeZone("AAA0BBB,J60/0,J300/0"))
        #expect(j.changes(in: 2028).first == utc(2028, 3, 1))
        #expect(j.changes(in: 2027).first == utc(2027, 3, 1))
        let n = try #require(POSIXTimeZone("AAA0BBB,59/0,300/0"))
        #expect(n.changes(in: 2028).first == utc(2028, 2, 29))
        #expect(n.changes(in: 2027).first == utc(2027, 3, 1))
    }

    @Test func aRuleWithoutDatesTakesTheUSDefault() throws {
        let r = try #require(POSIXTimeZone("EST5EDT"))
        // 8 March 2026 and 1 November 2026, 02:00 local.
        #expect(r.changes(in: 2026) == [utc(2026, 3, 8, 7), utc(2026, 11, 1, 6)])
    }

    @Test func aRuleZoneKeepsTheGapAndOverlapRule() throws {
        let z = TZifZone(
            identifier: "CET-1CEST,M3.5.0,M10.5.0/3", rule: try #require(POSIXTimeZone("CET-1CEST,M3.5.0,M10.5.0/3")))
        let gap = LocalTime.Fields(year: 2026, month: 3, day: 29, hour: 2, minute: 30)
        #expect(LocalTime.instant(gap, in: z).map { Timestamp.format($0, in: z) } == "2026-03-29T03:30:00+02:00")
        let overlap = LocalTime.Fields(year: 2026, month: 10, day: 25, hour: 2, minute: 30)
        #expect(LocalTime.instant(overlap, in: z).map { Timestamp.format($0, in: z) } == "2026-10-25T02:30:00+02:00")
        #expect(
            LocalTime.resolve(gap, in: z) == LocalTime.resolve(gap, in: berlin)
                && LocalTime.resolve(overlap, in: z) == LocalTime.resolve(overlap, in: berlin))
    }
}
