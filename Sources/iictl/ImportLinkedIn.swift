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
            commandName: "linkedin", abstract: "Read Connections.csv from a LinkedIn data export.",
            discussion: """
                Each connection becomes a contact with its profile URL, which counts for Advocacy: after the \
                import, iictl says which organisations on your list (iictl orgs) now have someone you know, \
                and which still have nobody.
                """)
        @OptionGroup var options: ImportOptions

        func run() throws {
            do {
                let (people, skipped) = try ContactImport.linkedIn(try IICtl.Import.read(options.file))
                try IICtl.Import.apply(people, skipped: skipped, options: options)
            } catch let error as CSVReader.Error {
                throw Failure("\(options.file): \(error.description)")
            }
            if !options.dryRun { try Self.reportAdvocacy(Context(options.global, readOnly: true)) }
        }

        /// The employer list after the import: whom you know at each organisation on it, and
        /// where there is nobody yet. Nothing when the list is empty.
        static func reportAdvocacy(_ ctx: Context) {
            let book = ctx.orgBook()
            guard !book.organisations.isEmpty else { return }
            let rows = EmployerList(book: book, contacts: ctx.plan(quiet: true).contacts, at: ctx.now).rows
            let known = rows.filter { $0.advocacy > 0 }
            print("")
            print("Your employer list: \(known.count) of \(rows.count) with someone you know.")
            for r in known {
                print(Printable.escaped("  \(r.org.name): \(r.advocacy) connection\(r.advocacy == 1 ? "" : "s")"))
            }
            let nobody = rows.filter { $0.advocacy == 0 }.map { Printable.escaped($0.org.name) }
            if !nobody.isEmpty {
                print("Nobody you know yet at: \(nobody.joined(separator: ", ")) (iictl orgs says the next step).")
            }
        }
    }
}
