import ArgumentParser
import Foundation
import IIDCore

/// `confirm`, `thanked`: events that need nothing but the contact.
protocol SimpleEventCommand: ParsableCommand {
    var contact: String { get }
    var record: RecordOptions { get }
    var global: GlobalOptions { get }
    static var eventType: EventType { get }
    static func confirmation(_ name: String) -> String
}

extension SimpleEventCommand {
    func run() throws {
        try perform {
            let ctx = try Context(global)
            let plan = ctx.plan(quiet: true)
            let c = try ctx.contact(contact, in: plan)
            _ = try ctx.record(Self.eventType, contact: c.id, at: try ctx.time(record.at))
            print(Self.confirmation(c.name))
        }
    }
}

extension IICtl {
    struct Confirm: SimpleEventCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the meeting's time (and how long they can give) is confirmed.")
        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions
        static let eventType = EventType.confirmed
        static func confirmation(_ name: String) -> String { "Confirmed the meeting with \(name)." }
    }

    struct Thanked: SimpleEventCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the thank-you note is sent.")
        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions
        static let eventType = EventType.thanked
        static func confirmation(_ name: String) -> String { "Recorded the thank-you note to \(name)." }
    }
}
