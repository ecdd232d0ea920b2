import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Script: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What to say on the phone: your 15 seconds, the ask for 20 minutes, the topics.")

        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let c = try ctx.contact(contact, in: ctx.plan(quiet: true))
                print(Scripts(config: ctx.config, zone: ctx.zone).phone(c), terminator: "")
            }
        }
    }

    struct Question: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a targeted question to ask; the homework and brief reminders carry them.")

        @Argument(help: "The contact id.") var contact: String
        @Argument(help: "The question.") var text: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let c = try ctx.contact(contact, in: ctx.plan(quiet: true))
                _ = try ctx.record(.question, contact: c.id, at: try ctx.time(record.at)) { $0.text = text }
                print("Question \(c.questions.count + 1) for \(c.name) recorded.")
            }
        }
    }

    struct Prep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a one-page preparation sheet for the meeting.")

        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let c = try ctx.contact(contact, in: ctx.plan(quiet: true))
                print(Scripts(config: ctx.config, zone: ctx.zone).prep(c, now: ctx.now), terminator: "")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The campaign: the funnel, reply rate, days from request to meeting, prompt thank-yous.")

        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let stats = CampaignStats(ctx.plan().contacts)
                if json {
                    Output.json(stats.json)
                    return
                }
                print(stats.chart())
                func pct(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a" }
                print("")
                print("Reply rate:                       \(pct(stats.replyRate))")
                print(
                    "Median days, request to meeting:  \(stats.medianDaysToMeeting.map { String(format: "%.1f", $0) } ?? "n/a")"
                )
                print("Thank-you notes within two days:  \(pct(stats.thankedWithinTwoDays))")
            }
        }
    }
}
