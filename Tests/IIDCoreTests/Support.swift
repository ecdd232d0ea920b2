import Foundation
import IIDCore
import Testing

let berlin = TimeZone(identifier: "Europe/Berlin")!
let newYork = TimeZone(identifier: "America/New_York")!
let utc = TimeZone(identifier: "UTC")!

/// A local time in `zone`, for readable tests.
func local(_ text: String, _ zone: TimeZone = berlin) -> Date {
    do {
        return try TimeExpression.parse(text, now: Date(timeIntervalSince1970: 0), zone: zone)
    } catch {
        Issue.record("bad test time \(text): \(error)")
        return Date(timeIntervalSince1970: 0)
    }
}

func iso(_ date: Date, _ zone: TimeZone = berlin) -> String { Timestamp.format(date, in: zone) }

/// Builds events tersely.
struct Log {
    var events: [Event] = []
    var n = 0
    mutating func add(_ type: EventType, _ contact: String, at: String, _ fill: (inout Event) -> Void = { _ in }) {
        n += 1
        var e = Event(id: "e\(n)", at: local(at), type: type, contact: contact)
        if type == .added { e.name = contact.capitalized }
        fill(&e)
        events.append(e)
    }
}

func planner(_ config: Config = Config(), zone: TimeZone = berlin) -> Planner { Planner(config: config, zone: zone) }
