import Foundation
import IIDCore
import Testing

@Suite struct ConfigParserTests {
    func parse(_ text: String) throws -> ConfigParser.Result {
        try ConfigParser.parse(text, file: "c.yaml", knownZones: knownZone)
    }

    func error(_ text: String) -> ConfigError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test func emptyFileIsTheDefault() throws {
        #expect(try parse("").config == Config.default)
        #expect(try parse("# only a comment\n").config == Config.default)
    }

    @Test func builtInTextIsTheDefault() throws {
        let r = try parse(DefaultConfigText.yaml)
        #expect(r.config == Config.default)
        #expect(r.warnings.isEmpty)
    }

    @Test func exampleFileIsTheBuiltInText() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../config/iid.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == DefaultConfigText.yaml)
    }

    @Test func partialReminderOverridesOnlyItsKeys() throws {
        let c = try parse("reminders:\n  thank-you:\n    due: 1d\n").config
        let rule = c.rule(.thankYou)
        #expect(rule.due == .days(1))
        #expect(rule.offset == .hours(2))
        #expect(rule.overdueVia == [.notify, .email, .journal])
        #expect(c.rule(.homework) == Config.default.rule(.homework))
    }

    @Test func readsEveryKey() throws {
        let c = try parse(
            """
            me: {name: Ana, email: ana@example.org, pitch: "Analyst.", objectives: [trends, teams]}
            timezone: America/New_York
            events_dir: ~/ev
            quiet_hours: "22:00-07:30"
            catch_up: 3d
            delivery:
              retry: 5s
              notify: {command: /usr/bin/notify-send, actions: false, timeout: 3s}
              email: {to: me@example.org, from: iid@example.org, sendmail: [/usr/bin/msmtp, -t], timeout: 9s}
              journal: {socket: /tmp/j}
            reminders:
              follow-up: {after: 5bd, via: [email]}
            """
        ).config
        #expect(c.me.name == "Ana")
        #expect(c.me.objectives == ["trends", "teams"])
        #expect(c.timezone == "America/New_York")
        #expect(c.eventsDir == "~/ev")
        #expect(c.quietHours == QuietHours(startMinute: 22 * 60, endMinute: 7 * 60 + 30))
        #expect(c.catchUp == .days(3))
        #expect(c.delivery.retry == DurationSpec(5, .seconds))
        #expect(c.delivery.notify.actions == false)
        #expect(c.delivery.email.sendmail == ["/usr/bin/msmtp", "-t"])
        #expect(c.delivery.journal.socket == "/tmp/j")
        #expect(c.rule(.followUp).offset == DurationSpec(5, .businessDays))
        #expect(c.rule(.followUp).via == [.email])
    }

    @Test func errorsNamePositionAndKey() {
        let e = error("catch_up: 7d\nreminders:\n  brief:\n    before: soon\n")
        #expect(e?.location == SourceLocation(file: "c.yaml", line: 4, column: 13))
        #expect(e?.keyPath == "reminders.brief.before")
        #expect(e?.description.hasPrefix("c.yaml:4:13: error: at `reminders.brief.before`") == true)
    }

    @Test func syntaxErrorsNamePosition() {
        let e = error("me:\n  name: [unclosed\n")
        #expect(e?.location.file == "c.yaml")
        #expect((e?.location.line ?? 0) >= 2)
        #expect(e?.message.contains("invalid YAML") == true)
    }

    @Test func yamlErrorsKeepControlCharactersOutOfTheMessage() {
        // A key spelled twice with an escape (YAML's "\e"), and an alias to nothing.
        let twice = error("\"k\\e[31m\": 1\n\"k\\e[31m\": 2\n")
        #expect(twice?.message.hasPrefix("duplicate key 'k") == true, "\(twice?.message ?? "no error")")
        #expect(twice?.location == SourceLocation(file: "c.yaml", line: 1, column: 1))
        #expect(twice.map { Printable.hasControls($0.description) } == false)
        let alias = error("me: *nobody\n")
        #expect(alias?.message == "invalid YAML: found undefined alias 'nobody'")
        #expect(alias?.location == SourceLocation(file: "c.yaml", line: 1, column: 5))
    }

    @Test(arguments: [
        ("timezone: Mars/Olympus\n", "unknown time zone"),
        ("quiet_hours: 22-7\n", "HH:MM-HH:MM"),
        ("reminders:\n  homework:\n    after: 2d\n", "use 'before'"),
        ("reminders:\n  brief:\n    via: [pager]\n", "unknown channel"),
        ("delivery:\n  email:\n    sendmail: []\n", "argv list"),
        ("delivery:\n  notify:\n    actions: maybe\n", "true or false"),
        ("catch_up: -3d\n", "negative"),
        ("- a\n- b\n", "mapping"),
        ("me: {name: a}\nme: {name: b}\n", "duplicate"),
    ])
    func rejects(text: String, fragment: String) {
        let e = error(text)
        #expect(e != nil)
        #expect(e?.description.contains(fragment) == true, "\(e?.description ?? "no error")")
    }

    @Test func unknownKeysWarnWithASuggestion() throws {
        let r = try parse("reminder:\n  brief: {}\ndelivery:\n  notfy: {}\n")
        #expect(r.warnings.count == 2)
        #expect(r.warnings[0].location == SourceLocation(file: "c.yaml", line: 1, column: 1))
        #expect(r.warnings[0].code == .unknownConfigKey("reminder", suggestion: "reminders"))
        #expect(r.warnings[0].message.contains("did you mean 'reminders'"))
        #expect(r.warnings[1].code == .unknownConfigKey("delivery.notfy", suggestion: "notify"))
    }

    @Test func aliasBombIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text +=
                "a\(i): &a\(i) [*a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1), *a\(i-1)]\n"
        }
        text += "me:\n  objectives: *a9\n"
        let e = error(text)
        #expect(e != nil)
    }
}

@Suite struct FollowUpConfigTests {
    func parse(_ text: String) throws -> Config {
        try ConfigParser.parse(text, file: "c.yaml", knownZones: knownZone).config
    }

    @Test func aSequenceInBusinessDaysAndWhenToStop() throws {
        let c = try parse("reminders:\n  follow-up:\n    sequence: [3bd, 7bd]\n    cold_after: 2w\n")
        #expect(c.followUps.sequence == [DurationSpec(3, .businessDays), DurationSpec(7, .businessDays)])
        #expect(c.followUps.coldAfter == DurationSpec(2, .weeks))
        // The first follow-up is the rule's own `after`.
        #expect(c.rule(.followUp).offset == DurationSpec(3, .businessDays))
    }

    @Test func afterAloneMovesTheFirstFollowUp() throws {
        let c = try parse("reminders:\n  follow-up:\n    after: 5d\n")
        #expect(c.followUps.sequence == [.days(5), .days(7)])
        let k = try parse("reminders:\n  keep-in-touch:\n    after: 60d\n")
        #expect(k.followUps == FollowUps())
    }

    @Test func aBadStepIsNamedWhereItStands() {
        do {
            _ = try parse("reminders:\n  follow-up:\n    sequence:\n      - 7d\n      - soon\n")
            Issue.record("accepted a bad step")
        } catch {
            #expect("\(error)".contains("c.yaml:5:9"))
            #expect("\(error)".contains("'soon'"))
        }
        do {
            _ = try parse("reminders:\n  follow-up:\n    after: 5d\n    sequence: [7d]\n")
            Issue.record("accepted two first follow-ups")
        } catch {
            #expect("\(error)".contains("c.yaml:4:15") && "\(error)".contains("disagree"))
        }
        #expect(throws: ConfigError.self) { try parse("reminders:\n  follow-up:\n    sequence: [0d]\n") }
        #expect(throws: ConfigError.self) { try parse("reminders:\n  follow-up:\n    cold_after: 7\n") }
    }
}
