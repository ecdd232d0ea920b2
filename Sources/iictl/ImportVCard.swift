import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Import {
    struct VCard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vcard", abstract: "Read a .vcf export from a contacts app (vCard 2.1, 3.0 or 4.0).")
        @OptionGroup var options: ImportOptions

        func run() throws {
            // Bytes, not text: a vCard says per property which charset it is in.
            let people = ContactImport.vCard(bytes: try IICtl.Import.bytes(options.file))
            if people.isEmpty { throw Failure("\(options.file): no vCard with a name found") }
            try IICtl.Import.apply(people, skipped: [], options: options)
        }
    }
}
