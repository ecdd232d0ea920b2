import ArgumentParser
import Foundation
import IIDCore
import IIDSystem

/// `iictl`: record what happened with each contact, and see what to do next.
@main
struct IICtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iictl",
        abstract: "Record informational interviews and see what to do next.",
        discussion: """
            iictl writes events to the log that the iid daemon watches, and reads the same log to list \
            pending tasks; it works with or without the daemon running.

            TIME is local ISO 8601 (2026-12-03T14:00, "2026-12-03 14:00", seconds optional, an offset \
            allowed), relative (now, +90m, +2d), or "tomorrow 14:00", "mon 9:30", "14:00".
            """,
        version: IIDVersion.string,
        subcommands: [
            Add.self, Request.self, Schedule.self, Confirm.self, Held.self, Thanked.self, Cancel.self, Note.self,
            Done.self, Snooze.self, Pending.self, Show.self, List.self, Draft.self, Explain.self, Status.self,
            Reload.self, TestDelivery.self, Import.self, Script.self, Question.self, Prep.self, Export.self,
            CalendarCommand.self,
            Stats.self,
        ]
    )

    /// ArgumentParser's own `main`, except that a `Failure` is printed here, once for every command,
    /// as one `iictl: message` line with exit status 1 (ArgumentParser would print `Error: …`).
    static func main() async {
        do {
            var command = try parseAsRoot()
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

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Read this config file instead of $IID_CONFIG or ~/.config/iid/config.yaml.")
    var config: String?
}

/// Options of the commands that record an event.
struct RecordOptions: ParsableArguments {
    @Option(name: .long, help: "When it happened (default: now).")
    var at: String?
}
