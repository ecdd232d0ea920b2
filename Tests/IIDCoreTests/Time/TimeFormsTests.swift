import Foundation
import IIDCore
import Testing

@Suite struct TimeFormsTests {
    // Friday 27 Nov 2026, 17:00 in Berlin.
    let now = Date(timeIntervalSince1970: 1_795_795_200)

    func parse(_ s: String) throws -> String { iso(try TimeExpression.parse(s, now: now, zone: berlin)) }

    @Test func theFormsPeopleType() throws {
        #expect(try parse("3pm") == "2026-11-27T15:00:00+01:00")
        #expect(try parse("3:30pm") == "2026-11-27T15:30:00+01:00")
        #expect(try parse("12am") == "2026-11-27T00:00:00+01:00")
        #expect(try parse("12pm") == "2026-11-27T12:00:00+01:00")
        #expect(try parse("tomorrow 3pm") == "2026-11-28T15:00:00+01:00")
        #expect(try parse("tomorrow 3 pm") == "2026-11-28T15:00:00+01:00")
        #expect(try parse("tue 3:30pm") == "2026-12-01T15:30:00+01:00")
        #expect(try parse("next tuesday 10:00") == "2026-12-01T10:00:00+01:00")
        #expect(try parse("next friday 10:00") == "2026-12-04T10:00:00+01:00")
        #expect(try parse("in 2 days") == "2026-11-29T17:00:00+01:00")
        #expect(try parse("in 90 minutes") == "2026-11-27T18:30:00+01:00")
        #expect(try parse("in 1 hour and 30 minutes") == "2026-11-27T18:30:00+01:00")
        #expect(try parse("+1h30m") == "2026-11-27T18:30:00+01:00")
        #expect(try parse("2026-12-8 15:00") == "2026-12-08T15:00:00+01:00")
        #expect(try parse("2026-12-8T9:30") == "2026-12-08T09:30:00+01:00")
        #expect(try parse("2026-12-08 3pm") == "2026-12-08T15:00:00+01:00")
    }

    @Test func aDayAloneSaysItHasNoTime() throws {
        let tomorrow = try TimeExpression.read("tomorrow", now: now, zone: berlin)
        #expect(!tomorrow.hasTimeOfDay)
        #expect(iso(tomorrow.date) == "2026-11-28T17:00:00+01:00")
        #expect(try !TimeExpression.read("2026-12-08", now: now, zone: berlin).hasTimeOfDay)
        #expect(try TimeExpression.read("tomorrow 9:00", now: now, zone: berlin).hasTimeOfDay)
    }

    @Test(arguments: [
        ("13pm", "'13pm' is not understood"), ("next week", "'next' goes with a weekday"),
        ("2026-13-8 10:00", "month 13"), ("2026-2-30 10:00", "has no day 30"), ("in", "'in' needs a length"),
        ("soon 10:00", "unknown day 'soon'"),
    ])
    func errorsNameWhatWasNotUnderstood(_ text: String, _ fragment: String) {
        #expect {
            try TimeExpression.parse(text, now: now, zone: berlin)
        } throws: { error in
            let d = "\(error)"
            return d.contains(fragment) && (d.contains("e.g.") || d.contains("like"))
        }
    }

    @Test func durationsAddUp() throws {
        #expect(try DurationSpec(parsing: "1h30m") == DurationSpec(90, .minutes))
        #expect(try DurationSpec(parsing: "1m30s") == DurationSpec(90, .seconds))
        #expect(try DurationSpec(parsing: "2h") == DurationSpec(2, .hours))
        #expect(throws: DurationError.self) { try DurationSpec(parsing: "1d2h") }
        #expect(throws: DurationError.self) { try DurationSpec(parsing: "1h30") }
        #expect(try DurationSpec(parsing: "0m").isZero)
    }
}
