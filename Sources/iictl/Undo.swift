import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Take back the last recorded event, or the one named (see iictl log).",
            discussion: """
                Nothing is deleted: a 'retracted' event is appended that names the event taken back, so \
                the log stays append-only, and the daemon plans again without it.
                """)

        @Argument(help: "The event id, as 'iictl log' shows it (default: the last event).") var event: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let line = try ctx.locked { () throws -> String in
                let all = ctx.events()
                let standing = EventSummary.standing(all)
                let target: Event
                if let event {
                    guard let found = all.first(where: { $0.id == event }) else {
                        let close = Suggestion.closest(to: event, in: standing.suffix(50).map(\.id))
                        let hint = close.isEmpty ? "see 'iictl log'" : "did you mean \(close.joined(separator: ", "))?"
                        throw Failure("no event '\(Printable.escaped(event))'; \(hint)")
                    }
                    guard found.type != .retracted else {
                        throw Failure("\(found.id) is itself an undo: nothing to take back")
                    }
                    guard standing.contains(where: { $0.id == found.id }) else {
                        throw Failure("\(found.id) is undone already; see 'iictl log'")
                    }
                    target = found
                } else {
                    // The last step recorded on this device: another device's files may be read after
                    // this one's, and their last event is not what was just typed here.
                    let mine = standing.last { e in
                        e.source.map { DeviceName.owner(ofEventFile: PathName.last(of: $0.file)) }
                            == ctx.store.device
                    }
                    guard let last = mine ?? standing.last else {
                        throw Failure("nothing to undo: the log is empty")
                    }
                    target = last
                }
                let name =
                    ctx.plan(quiet: true).contact(target.contact)?.name
                    ?? OrgBook(events: all).organisation(id: target.contact)?.name ?? target.contact
                var retraction = Event(
                    id: EventStore.newEventID(at: ctx.now), at: ctx.now, type: .retracted, contact: target.contact)
                retraction.retracts = target.id
                try ctx.append(retraction, failing: "could not record the undo")
                let what = EventSummary.text(target, name: name, words: ctx.words, now: ctx.now)
                return "Undid \(target.id) (\(ctx.words.when(target.at, now: ctx.now))): \(what)."
            }
            print(Printable.escaped(line))
        }
    }
}
