import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `iictl`: record what happened with each contact, and see what to do next.
@main
struct IICtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iictl",
        abstract: "Record informational interviews and see what to do next.",
        discussion: """
            iictl writes events to the log that the iid daemon watches, and reads the same log to list \
            pending tasks; it works with or without the daemon running.

            TIME is local ISO 8601 (2026-12-03T14:00, "2026-12-03 14:00", "2026-12-3 9:30", seconds \
            optional, an offset allowed), relative (now, +90m, +2d, "in 2 days", "in 90 minutes"), or \
            "tomorrow 3pm", "tue 3:30pm", "next tuesday 10:00", "14:00". Durations: 90m, 2h, 1h30m, 2d, 5bd, 1w.
            """,
        version: IIDVersion.string,
        subcommands: [
            Add.self, Edit.self, Request.self, Replied.self, Declined.self, Schedule.self, Confirm.self, Held.self,
            Thanked.self, Cancel.self, Note.self, Acted.self,
            Done.self, Snooze.self, Pending.self, Show.self, List.self, Draft.self, Explain.self, Status.self,
            Reload.self, TestDelivery.self, Import.self, Script.self, Question.self, Prep.self, Export.self,
            CalendarCommand.self, Stats.self, Log.self, Undo.self, Org.self, Orgs.self, MailCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, except that a `Failure` is printed here, once for every command,
    /// as one `iictl: message` line with exit status 1 (ArgumentParser would print `Error: …`).
    static func main() async {
        ContactID.otherScripts = SystemTransliterator.latin
        if let typo = unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
            let close = Suggestion.closest(to: typo, in: configuration.subcommands.map { $0._commandName } + ["help"])
            let hint = close.isEmpty ? "see 'iictl help'" : "did you mean \(close.joined(separator: ", "))?"
            Context.warn("unknown command '\(Printable.escaped(typo))'; \(hint)")
            exit(withError: ExitCode(64))
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if let hint = nestedTypo(Array(CommandLine.arguments.dropFirst())) {
                Context.warn(hint)
                exit(withError: ExitCode(64))
            }
            exit(withError: error)
        }
        do {
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let failure as Failure {
            Context.warn(failure.description)
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}

extension IICtl {
    /// The first word when it is not a command: `shedule` would otherwise be "3 unexpected
    /// arguments", which names neither the slip nor the command meant.
    static func unknownSubcommand(_ args: [String]) -> String? {
        guard let first = args.first, !first.hasPrefix("-") else { return nil }
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help"])
        return names.contains(first) ? nil : first
    }

    /// `import csvv`, `draft requst`: the second word of a command with subcommands, when the
    /// line did not parse and a subcommand is close to it.
    static func nestedTypo(_ args: [String]) -> String? {
        guard args.count >= 2, !args[1].hasPrefix("-"),
            let parent = configuration.subcommands.first(where: { $0._commandName == args[0] })
        else { return nil }
        let names = parent.configuration.subcommands.map { $0._commandName }
        guard !names.isEmpty, !names.contains(args[1]) else { return nil }
        let close = Suggestion.closest(to: args[1], in: names)
        guard !close.isEmpty else { return nil }
        return "unknown command '\(args[0]) \(Printable.escaped(args[1]))'; did you mean "
            + close.map { "\(args[0]) \($0)" }.joined(separator: ", ") + "?"
    }
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Read this config file instead of $IID_CONFIG or ~/.config/iid/config.yaml.")
    var config: String?
}

/// Options of the commands that record an event.
struct RecordOptions: ParsableArguments {
    @Option(name: .long, help: "When it happened (default: now); not more than a minute ahead.")
    var at: String?
    @Flag(
        help: """
            Record it although it looks like a slip: a time in the future, a meeting that is already over, \
            a confirmation or thank-you out of turn, a second person of the same name, a request to a second \
            person at an organisation whose first has not answered yet.
            """)
    var force = false
}
