import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one contact: details, meetings, notes, what was recorded from mail, and open tasks.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        /// The details below the name, in the order people look for them; an address on one line.
        static let shownFields: [ContactDetails.Field] = [.org, .industry, .position, .email, .phone, .url, .address]

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let plan = ctx.plan()
            let c = try ctx.contact(contact, in: plan)
            let tasks = plan.pending(at: ctx.now).filter { $0.contact == c.id }
            let label = ctx.labels.label(of: c, at: ctx.now)?.label
            // The steps read from their mail, apart from the notes, which stay the person's own.
            let fromMail = EventSummary.standing(ctx.events()).filter {
                $0.contact == c.id && MailRecorder.isFromMail($0)
            }
            if json {
                var object = TaskJSON.contact(
                    c, tasks: tasks, referrals: plan.referrals(of: c.id).map(\.id), label: label, now: ctx.now,
                    zone: ctx.zone)
                object.pairs.append(("from_mail", fromMail.map { TaskJSON.event($0, zone: ctx.zone) } as [Any?]))
                Output.json(object)
                return
            }
            let w = ctx.words
            // Every line holds other people's text: no control character reaches the terminal.
            func print(_ line: String) { Swift.print(Printable.escaped(line)) }
            print("\(c.name)  [\(c.id)]  \(c.stage(at: ctx.now).rawValue)")
            for field in Self.shownFields {
                guard let value = c.details[field] else { continue }
                print("  \(field.heading)\(value.replacing("\n", with: ", "))")
            }
            if let by = c.referredBy, !by.isEmpty {
                print("  \(ContactDetails.Field.referredBy.heading)\(plan.contact(by)?.label ?? by) [\(by)]")
            }
            let referred = plan.referrals(of: c.id)
            if !referred.isEmpty {
                print("  Referred:     " + referred.map { "\($0.name) [\($0.id)]" }.joined(separator: ", "))
            }
            if let label {
                print("  Answers as:   \(label.rawValue) (iictl explain \(c.id) says why)")
            }
            if let cadence = c.cadence, !cadence.isEmpty {
                print("  \(ContactDetails.Field.cadence.heading)\(cadence)")
            }
            if c.openRequest != nil, !c.followUpsSent.isEmpty {
                let sent = c.followUpsSent.map { w.when($0, now: ctx.now) }.joined(separator: ", ")
                print(
                    "  Follow-ups:   \(c.followUpsSent.count) of \(ctx.config.followUps.sequence.count) sent (\(sent))")
            }
            if let cold = c.coldAt, c.stage(at: ctx.now) == .requested {
                print("  Goes cold:    \(w.when(cold, now: ctx.now)) unless they reply (iictl replied \(c.id))")
            }
            for q in c.questions { print("  Question: \(q)") }
            for m in c.meetings {
                var line = "  Meeting \(m.number): \(w.when(m.start, now: ctx.now)), \(m.minutes) min"
                if let place = m.place { line += ", \(place)" }
                var flags: [String] = []
                if m.cancelled { flags.append("cancelled") }
                if m.confirmed { flags.append("confirmed") }
                if m.held { flags.append("held") }
                if let t = m.thankedAt { flags.append("thanked \(w.when(t, now: ctx.now))") }
                if !flags.isEmpty { line += " (" + flags.joined(separator: ", ") + ")" }
                print(line)
                for p in m.points { print("    - \(p)") }
            }
            for n in c.notes { print("  Note: \(n)") }
            for e in fromMail { print("  From mail: \(EventSummary.fromMail(e))") }
            for a in c.advice { print("  Acted on their advice \(w.when(a.at, now: ctx.now)): \(a.text)") }
            if tasks.isEmpty {
                print("  No open tasks.")
            } else {
                for t in tasks {
                    print(
                        "  \(t.state(at: ctx.now).rawValue.padded(to: 8)) \(t.id)  due \(w.when(t.due, now: ctx.now))"
                    )
                }
            }
        }
    }
}
