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
        // This period's: under its own key, or any digest recorded since it began (as the
        // scheduler counts one sent before `every` was changed).
        let thisOne = records.filter { r in
            r.key.hasPrefix(current.key + "#") || (Timestamp.parse(r.at).map { $0 >= current.start } ?? false)
        }
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
                        ? "older than catch_up, it will only be logged." : Self.when(current, rule, scheduler, w, now)))
        }
        let contents = DigestContents(
            plan: ctx.plan(quiet: true), now: now, until: rule.horizon(from: now, in: ctx.zone),
            goals: ctx.config.goals, zone: ctx.zone)
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

    /// When the daemon sends this period's digest on each channel, by the scheduler's rule: at once
    /// unless quiet hours hold it, then at their end.
    static func when(
        _ period: DigestSchedule.Period, _ rule: DigestSchedule, _ scheduler: Scheduler, _ w: Wording, _ now: Date
    ) -> String {
        let held = rule.via.compactMap { c -> (Channel, Date)? in
            let release = scheduler.releaseTime(period.start, channel: c)
            return release > now ? (c, release) : nil
        }
        guard !held.isEmpty else { return "the daemon sends it as soon as it runs." }
        let times = held.map { "by \($0.0.rawValue) at \(w.when($0.1, now: now))" }.joined(separator: ", ")
        let rest = rule.via.filter { c in !held.contains { $0.0 == c } }.map(\.rawValue)
        return "held by quiet hours, it goes \(times)"
            + (rest.isEmpty ? "." : "; by \(rest.joined(separator: ", ")) as soon as the daemon runs.")
    }

    /// `2026-12-07T08:00` of `digest@2026-12-07T08:00#email`.
    static func period(of key: String) -> Substring {
        key.dropFirst(DigestSchedule.keyPrefix.count).prefix { $0 != "#" }
    }

    static func channel(of key: String) -> Substring { key.split(separator: "#").last ?? "" }
}
