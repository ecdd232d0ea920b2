import Foundation
import IIDCore
import Testing

/// A zone from the system's tz database, as iid reads it (the core itself reads no files).
func zone(_ id: String) -> TZifZone? {
    guard let data = FileManager.default.contents(atPath: "/usr/share/zoneinfo/" + id) else { return nil }
    return try? TZif.parse(Array(data), identifier: id)
}

/// The config's check of a zone name, as the system layer makes it.
func knownZone(_ id: String) -> Bool { zone(id) != nil }

let berlin = zone("Europe/Berlin")!
let newYork = zone("America/New_York")!
let utc = zone("UTC")!

/// A local time in `zone`, for readable tests.
func local(_ text: String, _ zone: TZifZone = berlin) -> Date {
    do {
        return try TimeExpression.parse(text, now: Date(timeIntervalSince1970: 0), zone: zone)
    } catch {
        Issue.record("bad test time \(text): \(error)")
        return Date(timeIntervalSince1970: 0)
    }
}

func iso(_ date: Date, _ zone: TZifZone = berlin) -> String { Timestamp.format(date, in: zone) }

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

func planner(_ config: Config = Config(), zone: TZifZone = berlin) -> Planner { Planner(config: config, zone: zone) }

/// A campaign with one contact, a rescheduled meeting and a question, and a job seeker with a pitch:
/// what the exports, scripts and figures are tested on.
enum Campaign {
    static let log: Log = {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") {
            $0.name = "Jane Doe"
            $0.org = "Acme; Risk, Inc."
            $0.address = "Acme Tower\n1 Main St"
            $0.position = "Head of Risk"
        }
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        log.add(.scheduled, "jane", at: "2026-11-04 10:00") {
            $0.start = local("2026-11-10 14:00"); $0.place = "Café, Berlin"
        }
        log.add(.scheduled, "jane", at: "2026-11-05 10:00") {
            $0.start = local("2026-11-11 15:00"); $0.minutes = 30
        }
        log.add(.question, "jane", at: "2026-11-06 10:00") { $0.text = "How is the risk team organised?" }
        return log
    }()

    static var config: Config {
        var c = Config()
        c.me.name = "Ana Analyst"
        c.me.pitch = "Eight years of logistics data."
        c.me.objectives = ["which roles grow"]
        c.me.accomplishments = ["cut delays by 18%"]
        c.me.address = ["Ana Analyst", "Lindenstr. 5", "10969 Berlin"]
        return c
    }
}

/// splitmix64: a small seeded generator, so that a fuzz test's failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
