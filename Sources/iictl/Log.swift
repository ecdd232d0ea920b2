import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "List the recorded events with their ids, newest last (for iictl undo).",
            discussion: """
                With a contact id (or a unique prefix of one), only that contact's events; with a task id, \
                only the events that name the task; with org: and an organisation's id (org:acme), its events. Events taken back with iictl undo are marked (undone); \
                events recorded from mail say so (from mail: your message to jane@acme.example, Tue 3 Dec 10:14).
                """)

        @Argument(help: "A contact or task id.", completion: Completion.contactsAndTasks) var id: String?
        @Option(help: "Only the last N events.") var last: Int?
        @Flag(help: "Print JSON: each event's id, at, type, contact, task, text, source (mail, or null) and undone.")
        var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let plan = ctx.plan(quiet: true)
            var events = ctx.events()
            let book = OrgBook(events: events)
            if let id, id.hasPrefix(OrgID.prefix) {
                // An organisation's events: `iictl log org:acme`.
                let subject = OrgID.prefix + (try ctx.organisation(id, in: book)).id
                events = events.filter { $0.contact == subject }
            } else if let id {
                let owner = String(id.prefix { $0 != "." })
                let contact = try ctx.contact(owner, in: plan).id
                let task = id.contains(".") ? contact + id.dropFirst(owner.count) : nil
                events = events.filter { e in
                    e.contact == contact && (task == nil || e.task.map { $0.hasPrefix(task ?? "") } ?? false)
                }
            }
            let retracted = Set(ctx.events().compactMap { $0.type == .retracted ? $0.retracts : nil })
            if let last, last >= 0 { events = Array(events.suffix(last)) }
            if json {
                Output.json(
                    events.map { e -> JSONObject in
                        var object = TaskJSON.event(e, zone: ctx.zone)
                        object.pairs.append(("undone", retracted.contains(e.id)))
                        return object
                    } as [Any?])
                return
            }
            if events.isEmpty {
                print("No events recorded\(id == nil ? " yet" : " for \(Printable.escaped(id ?? ""))").")
                return
            }
            let rows = events.map { e -> [String] in
                let name = plan.contact(e.contact)?.name ?? book.organisation(id: e.contact)?.name ?? e.contact
                let text = EventSummary.text(e, name: name, words: ctx.words, now: ctx.now)
                return [
                    e.id, ctx.words.when(e.at, now: ctx.now), e.contact,
                    Printable.escaped(text) + (retracted.contains(e.id) ? " (undone)" : ""),
                ]
            }
            print(Output.table(["event", "at", "contact", "what"], rows))
        }
    }
}
