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

extension IICtl {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import people to approach; a re-import adds no one twice.",
            discussion: "People are matched by email, profile URL, or name and organisation.",
            subcommands: [LinkedIn.self, CSV.self, VCard.self])
    }
}

/// Options every importer takes.
struct ImportOptions: ParsableArguments {
    @Argument(help: "The file to read.") var file: String
    @Flag(name: .customLong("dry-run"), help: "Say what would change, record nothing.") var dryRun = false
    @Flag(help: "Name every person updated or left out, not only the first few.") var verbose = false
    @OptionGroup var global: GlobalOptions
}

extension IICtl.Import {
    static func apply(
        _ candidates: [ImportCandidate], skipped: [String], options: ImportOptions,
        columns: [(ContactImport.Column, String)] = []
    ) throws {
        let ctx = try Context(options.global)
        // Matched against the log and appended as one step: a concurrent import or add cannot
        // slip a person in between, to be added twice.
        let report = try ctx.locked {
            let plan = ctx.plan(quiet: true)
            let (events, report) = ContactImport.plan(
                candidates, existing: plan.contacts, at: ctx.now, book: OrgBook(events: ctx.events())
            ) {
                EventStore.newEventID(at: ctx.now)
            }
            if !options.dryRun {
                for e in events { try ctx.append(e, failing: "could not record the import") }
            }
            return report
        }
        if !columns.isEmpty {
            print("Columns used: " + columns.map { "\($0.0.rawValue) ← \"\($0.1)\"" }.joined(separator: ", "))
        }
        for s in skipped { Context.warn("skipped \(s)") }
        let verb = options.dryRun ? "would be " : ""
        let ambiguous = report.ambiguous.isEmpty ? "" : ", \(report.ambiguous.count) ambiguous"
        print(
            "\(report.added.count) \(verb)added, \(report.updated.count) \(verb)updated, \(report.unchanged) unchanged\(ambiguous)\(skipped.isEmpty ? "" : ", \(skipped.count) skipped")."
        )
        let limit = options.verbose ? Int.max : 5
        func names(_ list: [String]) -> String {
            let shown = list.prefix(limit).joined(separator: ", ")
            return list.count > limit ? "\(shown) and \(list.count - limit) more (--verbose names all)" : shown
        }
        if !report.updated.isEmpty {
            print(
                Printable.escaped(
                    "\(options.dryRun ? "Would update" : "Updated"): "
                        + names(report.updated.map { "\($0.1.name) (\($0.0))" })))
        }
        // A second Jane Doe is a person of her own: say so, and who the first one is.
        for (id, c, namesakes) in report.namesakes.prefix(limit) {
            guard let others = SamePerson.namesakesPhrase(namesakes) else { continue }
            print(
                Printable.escaped(
                    "\(options.dryRun ? "Would add" : "Added") \(id): \(SamePerson.described(c.details)); \(others)"))
        }
        if report.namesakes.count > limit {
            print("… and \(report.namesakes.count - limit) more of the same name as a contact (--verbose names all)")
        }
        if !report.ambiguous.isEmpty {
            print(
                Printable.escaped(
                    "Not applied, several contacts match (add an email to tell them apart): "
                        + names(report.ambiguous.map { "\($0.0.name) (\($0.1.joined(separator: " or ")))" })))
        }
    }

    /// The file's bytes: a regular file only (a FIFO would hold iictl), and at most 64 MiB.
    static func bytes(_ path: String) throws -> [UInt8] {
        do {
            return try FileIO.read(path, limit: 64 << 20)
        } catch {
            throw Failure("cannot read \(path): \(error.description)")
        }
    }

    /// The file as text: UTF-8, else Latin-1 (every byte a character), as older exporters write.
    static func read(_ path: String) throws -> String {
        let data = try bytes(path)
        if let text = String(validating: data, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
    }
}
