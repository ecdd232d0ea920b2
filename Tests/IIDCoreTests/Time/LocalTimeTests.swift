import Foundation
import Testing

@testable import IIDCore

/// The hand-written calendar arithmetic must agree with Foundation's Gregorian calendar.
@Suite struct LocalTimeTests {
    /// Foundation's calendar in the zone of the same name: ICU's copy of the tz database, read by
    /// other code than iid's.
    func calendar(_ zone: TZifZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: zone.identifier)!
        return c
    }

    /// Instants spread over four centuries, both sides of the epoch, in zones with and without DST.
    @Test(arguments: [utc, berlin, newYork, zone("Australia/Lord_Howe")!])
    func fieldsAndWeekdayAgreeWithFoundation(zone: TZifZone) {
        let cal = calendar(zone)
        var rng = SplitMix64(state: 42)
        for _ in 0..<3000 {
            let t = Double(rng.next() % 12_600_000_000) - 6_300_000_000
            let date = Date(timeIntervalSince1970: t)
            let f = LocalTime.fields(of: date, in: zone)
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            #expect(
                [f.year, f.month, f.day, f.hour, f.minute, f.second]
                    == [c.year, c.month, c.day, c.hour, c.minute, c.second].map { $0 ?? -1 },
                "\(date) in \(zone.identifier)")
            #expect(LocalTime.weekday(of: date, in: zone) == c.weekday, "\(date) in \(zone.identifier)")
        }
    }

    @Test func dayNumbersRoundTrip() {
        for d in stride(from: -800_000, through: 800_000, by: 997) {
            let c = LocalTime.civil(days: d)
            #expect(LocalTime.days(year: c.year, month: c.month, day: c.day) == d)
        }
        #expect(LocalTime.days(year: 1970, month: 1, day: 1) == 0)
        #expect(LocalTime.days(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func impossibleDatesHaveNoInstant() {
        #expect(LocalTime.naiveSeconds(.init(year: 2026, month: 2, day: 29)) == nil)
        #expect(LocalTime.naiveSeconds(.init(year: 2028, month: 2, day: 29)) != nil)
        #expect(LocalTime.naiveSeconds(.init(year: 2100, month: 2, day: 29)) == nil)
        #expect(LocalTime.naiveSeconds(.init(year: 2000, month: 2, day: 29)) != nil)
        #expect(LocalTime.naiveSeconds(.init(year: 2026, month: 4, day: 31)) == nil)
        #expect(LocalTime.naiveSeconds(.init(year: 2026, month: 13, day: 1)) == nil)
    }

    @Test(arguments: [berlin, newYork])
    func addingDaysAgreesWithFoundationAwayFromTransitions(zone: TZifZone) {
        let cal = calendar(zone)
        var rng = SplitMix64(state: 7)
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(rng.next() % 1_000_000_000) + 1_000_000_000)
            let days = Int(rng.next() % 801) - 400
            guard let expected = cal.date(byAdding: .day, value: days, to: date) else { continue }
            // Foundation and iid differ only inside a gap, which these tests cover elsewhere.
            let f = LocalTime.fields(of: expected, in: zone)
            let g = LocalTime.fields(of: date, in: zone)
            guard (f.hour, f.minute) == (g.hour, g.minute) else { continue }
            #expect(LocalTime.addingDays(days, to: date, in: zone) == expected, "\(date) + \(days)d")
        }
    }
}
