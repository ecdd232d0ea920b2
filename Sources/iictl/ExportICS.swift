import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Export {
    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Every scheduled meeting as an iCalendar file, with an alarm at the brief's time.",
            discussion:
                "UIDs stay the same across exports and SEQUENCE grows when a meeting moves, so a re-import updates.")

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let text = ICalendar(config: ctx.config, zone: ctx.zone).document(ctx.plan().contacts, stamp: ctx.now)
            if let output {
                do {
                    try FileIO.writeAtomically(text, to: ctx.paths.expand(output), mode: 0o600)
                } catch {
                    throw Failure("cannot write \(output): \(error)")
                }
            } else {
                print(text, terminator: "")
            }
        }
    }
}
