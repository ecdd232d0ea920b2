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
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Read any CSV with a header (name, organisation, industry, email, phone, address, ...).")
        @OptionGroup var options: ImportOptions

        func run() throws {
            do {
                let (people, columns, skipped) = try ContactImport.csv(try IICtl.Import.read(options.file))
                try IICtl.Import.apply(people, skipped: skipped, options: options, columns: columns)
            } catch let error as CSVReader.Error {
                throw Failure("\(options.file): \(error.description)")
            }
        }
    }
}
