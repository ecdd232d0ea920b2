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

extension IICtl.Import {
    struct LinkedIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "linkedin", abstract: "Read Connections.csv from a LinkedIn data export.")
        @OptionGroup var options: ImportOptions

        func run() throws {
            do {
                let (people, skipped) = try ContactImport.linkedIn(try IICtl.Import.read(options.file))
                try IICtl.Import.apply(people, skipped: skipped, options: options)
            } catch let error as CSVReader.Error {
                throw Failure("\(options.file): \(error.description)")
            }
        }
    }
}
