import Foundation
import IIDCore
import Testing

/// `goals: {requests: 5, meetings: 2}`: a week's goals, each a whole number, at its place when wrong.
@Suite struct ConfigParserGoalsTests {
    /// Parsed and failed as the digest's tests do.
    let parser = ConfigParserDigestTests()
    func parse(_ text: String) throws -> Config { try parser.parse(text) }
    func error(_ text: String) -> ConfigError? { parser.error(text) }

    @Test(arguments: ["", "goals: off\n", "goals:\n"]) func noneUnlessConfigured(_ text: String) throws {
        #expect(try parse(text).goals == nil)
    }

    @Test func readsEitherOrBoth() throws {
        #expect(try parse("goals: {requests: 5, meetings: 2}\n").goals == Goals(requests: 5, meetings: 2))
        #expect(try parse("goals:\n  meetings: 1\n").goals == Goals(meetings: 1))
    }

    @Test func aBadNumberIsAnErrorAtItsPlace() {
        let e = error("timezone: UTC\ngoals:\n  requests: five\n")
        #expect(e?.location == SourceLocation(file: "c.yaml", line: 3, column: 13))
        #expect(e?.keyPath == "goals.requests")
        #expect(
            e?.description.hasPrefix(
                "c.yaml:3:13: error: at `goals.requests`: expected a whole number of requests a week from 1 to 100, got 'five'"
            ) == true, "\(e?.description ?? "")")
        #expect(error("goals: {meetings: 0}\n")?.location == SourceLocation(file: "c.yaml", line: 1, column: 19))
        #expect(error("goals: {meetings: 250}\n")?.keyPath == "goals.meetings")
        #expect(error("goals: {requests: 2.5}\n")?.message.contains("got '2.5'") == true)
    }

    @Test func withNeitherIsAnError() {
        let e = error("goals:\n  weekly: 3\n")
        #expect(e?.keyPath == "goals")
        #expect(e?.message.contains("needs requests or meetings") == true)
        #expect(e?.location.line == 2)
    }

    @Test func aMisspeltKeyIsWarnedAbout() throws {
        let r = try ConfigParser.parse("goals: {request: 3, meetings: 1}\n", file: "c.yaml", knownZones: knownZone)
        #expect(r.config.goals == Goals(meetings: 1))
        #expect(r.warnings.first?.message.contains("did you mean 'requests'?") == true)
    }
}
