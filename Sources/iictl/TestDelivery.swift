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
    struct TestDelivery: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test-delivery",
            abstract: "Send a test reminder through one channel now, to check the set-up.")

        @Argument(help: "The channel to test.") var channel: Channel
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let ch = channel
            let ctx = try Context(global)
            let message = ReminderMessage(
                summary: "iid test reminder", body: "If you can read this, the \(ch.rawValue) channel works.",
                urgency: .normal, category: "iid.test", tasks: ["test.\(ch.rawValue)"], contacts: ["test"],
                kinds: [], due: ctx.now, isLate: false, draft: nil)
            let channels = DeliveryChannels(
                config: ctx.config, zone: ctx.zone, runner: SpawnRunner(), actions: false)
            let outcome = await channels.deliver(
                message, via: ch, key: "test|\(Int(ctx.now.timeIntervalSince1970))", now: ctx.now)
            switch outcome {
            case .delivered(let detail) where ch == .journal && detail.hasPrefix(JournalChannel.fallbackDetail):
                // Written to stderr is not delivered: a set-up check must say so, and fail.
                throw Failure("journal failed: the journal refused the message, which went \(detail) instead")
            case .delivered(let detail):
                print("Delivered through \(ch.rawValue)\(detail.isEmpty ? "" : ": \(detail)").")
            case .failed(let reason), .unavailable(let reason):
                throw Failure("\(ch.rawValue) failed: \(reason)")
            }
        }
    }
}
