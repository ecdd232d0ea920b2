import ArgumentParser
import Foundation
import IIDCore
import IIDSystem

extension IICtl {
    struct CalendarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar", abstract: "The calendar folder that reaches your phone through CalDAV.",
            subcommands: [Setup.self])
    }
}
