import Foundation
import IIDCore
import IIDSystem

/// `iictl explain digest`: the weekly digest's rule, when it goes next and went last, and what it
/// would say now. `digest` is never a task id (those have a dot), so the name is free for it.
extension IICtl.Explain {
    static let digestName = "digest"

    func explainDigest(_ ctx: Context) throws {
        guard let rule = ctx.config.digest else {
            throw Failure(
                "the weekly digest is off; turn it on with the config key `digest`, e.g. digest: {every: \"mon 08:00\", via: [email]}"
            )
        }
        let w = ctx.words
        let now = ctx.now
        let scheduler = Scheduler(config: ctx.config, zone: ctx.zone)
        func print(_ line: String) { Swift.print(Printable.escaped(line)) }
        let via = rule.via.map(\.rawValue).joined(separator: ", ")
        let empty =
            rule.empty == .skip
            ? "skip (a week with nothing owed sends nothing)" : "send (a short \"Nothing owed\" line)"
        print("digest: the weekly digest of what you owe, your meetings and who you are losing touch with")
        print("  Rule:   every \(rule) (\(ctx.zone.identifier)) via \(via); empty: \(empty).")
        let records = digestRecords(ctx)
        let current = rule.period(at: now, in: ctx.zone)
        let thisOne = records.filter { $0.key.hasPrefix(current.key + "#") }
        let next = rule.next(after: now, in: ctx.zone)
        let channels = rule.via.map { c -> String in
            let release = scheduler.releaseTime(next.start, channel: c)
            return release == next.start ? c.rawValue : "\(c.rawValue) (held by quiet hours until \(w.clock(release)))"
        }
        print("  Next:   \(w.when(next.start, now: now)) via \(channels.joined(separator: ", ")).")
        if let last = records.last(where: { $0.outcome == .delivered }) {
            print("  Last:   \(last.at), the digest of \(Self.period(of: last.key)) (\(Self.channel(of: last.key))).")
        } else {
            print("  Last:   never sent.")
        }
        for skipped in thisOne where skipped.outcome == .skipped {
            print("  This period's was not sent on \(Self.channel(of: skipped.key)) (skipped at \(skipped.at)).")
        }
        if thisOne.isEmpty {
            let tooOld = current.start < ctx.config.catchUp.apply(to: now, sign: -1, in: ctx.zone)
            print(
                "  This period's, due \(w.when(current.start, now: now)), has not gone: "
                    + (tooOld
                        ? "older than catch_up, it will only be logged." : "the daemon sends it as soon as it runs."))
        }
        let contents = DigestContents(
            plan: ctx.plan(quiet: true), now: now, until: rule.horizon(from: now, in: ctx.zone))
        let message = MessageBuilder(config: ctx.config, zone: ctx.zone).weekly(
            contents, periodStart: now, late: false, daily: rule.weekday == nil)
        if contents.isEmpty {
            print("  Now:    nothing owed\(rule.empty == .skip ? ": nothing would be sent" : "").")
            if rule.empty == .skip { return }
        } else {
            print("  Now it would say:")
        }
        print("    \(message.summary)")
        for line in message.body.split(separator: "\n", omittingEmptySubsequences: false) {
            print(line.isEmpty ? "" : "    \(line)")
        }
    }

    /// Every digest entry of this device's ledger and of the devices' delivery records, oldest
    /// period first: the keys name their period, so they sort by it.
    func digestRecords(_ ctx: Context) -> [LedgerCoding.Entry] {
        var files = [ctx.paths.ledgerFile]
        let shared = ctx.paths.eventsDirectory(ctx.config) + "/" + DeliveryRecords.folderName
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? []
        files += names.sorted().filter { $0.hasSuffix(".jsonl") }.map { shared + "/" + $0 }
        let entries = files.flatMap { path in
            (try? FileIO.read(path)).map { LedgerCoding.entries(in: $0, prefix: DigestSchedule.keyPrefix) } ?? []
        }
        return entries.sorted { ($0.key, $0.at) < ($1.key, $1.at) }
    }

    /// `2026-12-07T08:00` of `digest@2026-12-07T08:00#email`.
    static func period(of key: String) -> Substring {
        key.dropFirst(DigestSchedule.keyPrefix.count).prefix { $0 != "#" }
    }

    static func channel(of key: String) -> Substring { key.split(separator: "#").last ?? "" }
}
