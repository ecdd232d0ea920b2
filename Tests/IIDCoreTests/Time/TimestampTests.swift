import Foundation
import Testing

@testable import IIDCore

/// RFC 3339 times as the log writes and reads them, checked against Foundation's formatter (with
/// ICU in the test build) as an oracle that is not iid.
@Suite struct TimestampTests {
    static let zones = [
        "Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
    ]

    @Test func formatAgreesWithFoundationInZonesWithOddOffsets() throws {
        var rng = SplitMix64(state: 3339)
        for id in Self.zones {
            let z = try #require(zone(id))
            let oracle = DateFormatter()
            oracle.locale = Locale(identifier: "en_US_POSIX")
            oracle.timeZone = try #require(TimeZone(identifier: id))
            oracle.dateFormat = "yyyy-MM-dd'T'HH:mm:ssXXX"
            for _ in 0..<400 {
                // 1970 to 2100, whole and fractional seconds.
                let t = Double(rng.next() % 4_102_444_800) + Double(rng.next() % 1000) / 1000
                let date = Date(timeIntervalSince1970: t)
                let text = Timestamp.format(date, in: z)
                #expect(text == oracle.string(from: date), "\(id) \(t)")
                #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: t.rounded(.down)))
            }
        }
    }

    @Test func yearsOfMoreOrFewerDigitsAreWrittenWhole() {
        // One second after 9999-12-31T23:59:59Z.
        #expect(Timestamp.format(Date(timeIntervalSince1970: 253_402_300_800), in: utc) == "10000-01-01T00:00:00Z")
        // Python: datetime(10, 1, 1, tzinfo=timezone.utc).timestamp().
        #expect(Timestamp.format(Date(timeIntervalSince1970: -61_851_600_000), in: utc) == "0010-01-01T00:00:00Z")
    }

    @Test func offsetsAreReadInEitherSpellingAndNothingElse() {
        let at = Date(timeIntervalSince1970: 1_793_606_400)  // 2026-11-02T08:00:00Z
        for text in [
            "2026-11-02T08:00:00Z", "2026-11-02T08:00:00z", "2026-11-02T09:00:00+01:00", "2026-11-02T09:00:00+0100",
            "2026-11-02 03:00:00-05:00", "2026-11-02T08:00Z", "2026-11-02t13:30:00+05:30",
        ] {
            #expect(Timestamp.parse(text) == at, "\(text)")
        }
        #expect(Timestamp.parse("2026-11-02T08:00:00.250Z") == at.addingTimeInterval(0.25))
        for bad in [
            "2026-11-02T08:00:00", "2026-11-02T08:00:00+1:00", "2026-11-02T08:00:00+24:00", "2026-11-02T08:00:00+01:60",
            "2026-11-02T08:00:00+01:00:00", "2026-11-02T08:00:00 Z", "2026-13-02T08:00:00Z", "2026-11-02T08:00:00.Z",
            "2026-11-02", "", "2026-11-02T08:00:00+０1:00",
        ] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func aLocalPrefixLeavesWhatFollowsIt() throws {
        let (fields, fraction, rest) = try #require(Timestamp.parseLocalPrefix("2026-11-02T09:15:30.5 tomorrow"))
        #expect(fields == LocalTime.Fields(year: 2026, month: 11, day: 2, hour: 9, minute: 15, second: 30))
        #expect(fraction == 0.5)
        #expect(rest == " tomorrow")
        #expect(Timestamp.parseOffset("-05:30") == -19_800)
        #expect(Timestamp.parseOffset("Z") == 0)
        #expect(Timestamp.parseOffset("+5:30") == nil)
    }
}
