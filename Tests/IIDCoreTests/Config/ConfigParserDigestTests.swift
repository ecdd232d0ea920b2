import Foundation
import IIDCore
import Testing

@Suite struct ConfigParserDigestTests {
    func parse(_ text: String) throws -> Config {
        try ConfigParser.parse(text, file: "c.yaml", knownZones: knownZone).config
    }

    /// The error, as `ConfigParserTests` reads it.
    func error(_ text: String) -> ConfigError? { ConfigParserTests().error(text) }

    @Test func offUnlessConfigured() throws {
        #expect(try parse("").digest == nil)
        #expect(try parse("digest: off\n").digest == nil)
        #expect(try parse("digest:\n").digest == nil)
    }

    @Test func readsEveryViaAndEmpty() throws {
        let d = try #require(try parse("digest: {every: \"monday 8:00\", via: [email, notify], empty: send}\n").digest)
        #expect(d == DigestSchedule(weekday: 2, minuteOfDay: 480, via: [.email, .notify], empty: .send))
        let defaults = try #require(try parse("digest:\n  every: fri 17:00\n").digest)
        #expect(defaults.via == [.email] && defaults.empty == .skip && defaults.weekday == 6)
        #expect(try parse("digest: {every: daily 07:30}\n").digest?.weekday == nil)
    }

    @Test func aBadWeekdayIsAnErrorNamingItAtItsPlace() {
        let e = error("timezone: UTC\ndigest:\n  every: \"mox 08:00\"\n")
        #expect(e?.location == SourceLocation(file: "c.yaml", line: 3, column: 10))
        #expect(e?.keyPath == "digest.every")
        #expect(e?.message.contains("unknown weekday 'mox'") == true)
        #expect(e?.description.hasPrefix("c.yaml:3:10: error: at `digest.every`") == true)
    }

    @Test func aBadTimeIsAnError() {
        let e = error("digest:\n  every: mon 8.00\n")
        #expect(e?.location == SourceLocation(file: "c.yaml", line: 2, column: 10))
        #expect(e?.message.contains("invalid time '8.00'") == true)
    }

    @Test func aBadChannelOrEmptyIsAnError() {
        let channel = error("digest:\n  every: mon 08:00\n  via: [email, pigeon]\n")
        #expect(channel?.location == SourceLocation(file: "c.yaml", line: 3, column: 8))
        #expect(channel?.message.contains("unknown channel 'pigeon'") == true)
        let none = error("digest:\n  every: mon 08:00\n  via: []\n")
        #expect(none?.keyPath == "digest.via")
        let empty = error("digest:\n  every: mon 08:00\n  empty: maybe\n")
        #expect(empty?.location == SourceLocation(file: "c.yaml", line: 3, column: 10))
        #expect(empty?.message.contains("expected skip or send, got 'maybe'") == true)
    }

    @Test func withoutEveryIsAnError() {
        let e = error("digest:\n  via: [email]\n")
        #expect(e?.keyPath == "digest")
        #expect(e?.message.contains("needs `every`") == true)
        #expect(e?.location.line == 2)
    }

    @Test func anUnknownKeyIsWarnedAbout() throws {
        let r = try ConfigParser.parse(
            "digest:\n  every: mon 08:00\n  evry: tue 08:00\n", file: "c.yaml", knownZones: knownZone)
        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.message.contains("did you mean 'every'") == true)
    }
}
