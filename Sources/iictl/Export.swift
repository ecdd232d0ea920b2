import ArgumentParser
import Foundation
import IIDCore
import IIDSystem

extension IICtl {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the campaign for other tools.", subcommands: [ICS.self])
    }
}
