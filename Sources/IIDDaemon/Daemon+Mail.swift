import CIIDShims
import Dispatch
import IIDCore
import IIDSystem
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The person's mail, read as `iictl mail scan` reads it (the same scanner, rule and state), by
/// the daemon: inotify on every folder's `new/` and `cur/` is only a hint that something changed,
/// and each hint is answered by reading the folders (the files not seen yet, by their unique part:
/// a client's rename that changes flags reads nothing). The read runs on a queue of its own, so
/// that the first one (back to `mail.since`, maybe 100,000 messages) never holds a reminder; the
/// loop only starts reads and takes in their results. No timer: with no mail arriving, nothing
/// runs.
extension Daemon {
    /// Applies `mail:` as the config now says, at start and on every reload: a change unwatches
    /// the old trees and reads the new ones.
    func configureMail() {
        let wanted = loaded.config.mail
        let me = wanted?.own(loaded.config.me) ?? []
        guard wanted != mail.config else {
            // An address set at last: what waited for it is read now.
            if me != mail.me {
                mail.me = me
                mailChanged()
            }
            return
        }
        mail.me = me
        for dir in mail.directories { watcher?.unwatch(dir) }
        mail.directories = []
        mail.awaiting = [:]
        mail.config = wanted
        mail.stateFile = nil
        mail.generation += 1
        mail.problem = nil
        (mail.hinted, mail.everything, mail.first) = ([], true, true)
        if wanted == nil {
            log.info("mail is off")
            return
        }
        mailChanged()
    }

    /// Something may have changed in the trees: read them now, or once the read under way ends.
    func mailChanged() {
        guard mail.config != nil, !stopping else { return }
        if mail.reading {
            mail.again = true
            return
        }
        readMail()
    }

    /// Sorts out the changes inotify reported in the mail trees, and returns the others.
    func takeMailChanges(_ changes: [InotifyWatcher.Change]) -> [InotifyWatcher.Change] {
        guard !mail.directories.isEmpty else { return changes }
        var rest: [InotifyWatcher.Change] = []
        var hinted = false
        for c in changes {
            if mail.directories.contains(c.directory) {
                // Another file beside a root still to come: nothing for the mail.
                if let names = mail.awaiting[c.directory], !c.overflow, !names.contains(c.name) { continue }
                // A watched folder went away (mbsync removed it): watched again if it comes back.
                if c.overflow { mail.directories.remove(c.directory) }
                // A change in a folder's `new/` or `cur/` names the folder; one elsewhere in the
                // tree may be a new folder, which the next read finds by walking the tree.
                if c.directory.hasSuffix("/new") || c.directory.hasSuffix("/cur") {
                    mail.hinted.insert(String(c.directory.dropLast(4)))
                }
                hinted = true
            } else {
                // The kernel's queue overflowed: a mail file may have been missed too.
                if c.overflow && c.directory.isEmpty {
                    mail.everything = true
                    hinted = true
                }
                rest.append(c)
            }
        }
        if hinted { mailChanged() }
        return rest
    }

    private func readMail() {
        guard let config = mail.config else { return }
        let me = config.own(loaded.config.me)
        if me.isEmpty {
            let problem = "mail is not read: iid does not know your address; set me.email (or mail.addresses)"
            if mail.problem != problem { log.error("\(problem)") }
            mail.problem = problem
            return
        }
        mail.reading = true
        let now = environment.clock()
        let scanner = MailScanner(config: config, paths: paths)
        let recorder = MailRecorder(planner: Planner(config: loaded.config, zone: loaded.zone), me: me)
        let since = config.readSince(live.plan, now: now, zone: loaded.zone)
        let store = self.store
        let stateStore = MailStateStore(paths: paths)
        let cached = mail.stateFile.map { (state: mail.state, file: $0) }
        let generation = mail.generation
        let group = inFlightGroup
        let only = mail.everything ? nil : mail.hinted
        let skipUnchanged = mail.first
        (mail.hinted, mail.everything, mail.first) = ([], false, false)
        mailQueue.async { [weak self] in
            var read = MailRead(now: now, first: skipUnchanged)
            // Watched before the files are listed, and walked again once watched: a folder made
            // between the walk and its watch is found by the next walk, and whatever arrives
            // after that wakes the loop again.
            var walk = MailWatch.walk(scanner)
            for _ in 0..<8 {
                let (directories, awaiting) = (walk.directories, walk.awaiting)
                self?.queue.sync { [weak self] in
                    self?.watchMail(directories, awaiting: awaiting, generation: generation)
                }
                let again = MailWatch.walk(scanner)
                if Set(again.directories) == Set(walk.directories) { break }
                walk = again
            }
            read.directories = walk.directories
            Self.read(
                &read, found: walk.found, problems: walk.problems, only: only, skipUnchanged: skipUnchanged,
                cached: cached, scanner: scanner, recorder: recorder, store: store, stateStore: stateStore, now: now,
                since: since,
                group: group)
            let done = read
            self?.queue.async { [weak self] in self?.mailRead(done, generation: generation) }
        }
    }

    /// One read, on the mail queue: the folders (outside the lock, like `iictl mail scan`), then,
    /// under the event log's lock, the rule against the log as it is, the events appended and the
    /// state kept.
    private static func read(
        _ out: inout MailRead, found: [MailScanner.FoundFolder], problems: [String], only: Set<String>?,
        skipUnchanged: Bool, cached: (state: MailState, file: String)?, scanner: MailScanner,
        recorder: MailRecorder, store: EventStore, stateStore: MailStateStore, now: Date, since: Date?,
        group: DispatchGroup
    ) {
        out.folders = found.count
        out.problems = problems
        let state: MailState
        let file = MailRead.fileStamp(stateStore.path)
        if let cached, let file, cached.file == file {
            state = cached.state
        } else {
            do {
                state = try stateStore.load()
            } catch {
                out.error = "\(error); move it aside to read every message again"
                return
            }
        }
        // After a hint, only the folders it named and those never read: a new message costs the
        // listing of its own folder, not of the whole tree.
        let listed =
            only.map { only in found.filter { only.contains($0.folder.path) || state.folders[$0.folder.path] == nil } }
            ?? found
        let result = scanner.scan(
            listed, all: found, problems: problems, state: state, now: now, since: since, skipUnchanged: skipUnchanged)
        out.read = result.read
        out.unchanged = result.unchanged
        guard !result.items.isEmpty || result.state != state else {
            out.state = state
            out.stateFile = file
            return
        }
        // A stop waits for this: no event without its state, no half-written state.
        group.enter()
        defer { group.leave() }
        do {
            try store.locked {
                let decisions = recorder.decide(result.items, log: store.load().events, sent: result.state.sent)
                var next = result.state
                // One write and one fsync for the read's events, as `iictl mail scan` does.
                let events = decisions.flatMap(\.events)
                try store.append(events, recordedAt: now)
                out.recorded += events
                next.keep(decisions, me: recorder.me)
                try stateStore.save(next)
                out.state = next
                out.stateFile = MailRead.fileStamp(stateStore.path)
            }
        } catch {
            out.error = "cannot record from mail: \(error)"
        }
    }

    /// Watches the directories of the trees as just walked, and no others. A directory the
    /// daemon watches for something else (the config's, the events folder and its parent, the
    /// calendar's) is left to that: one watch serves both, and letting go of it for the mail would
    /// leave the other blind, while a change there taken for the mail would not reach the other.
    private func watchMail(_ directories: [String], awaiting: [String: Set<String>], generation: Int) {
        guard generation == mail.generation, let watcher else { return }
        var others = Set(router.watched)
        if let calendar { others.insert(calendar.directory) }
        if let records = presence.records { others.insert(records.directory) }
        let wanted = Set(directories).subtracting(others)
        for dir in mail.directories.subtracting(wanted) { watcher.unwatch(dir) }
        var failed = 0
        for dir in wanted.subtracting(mail.directories) where !watcher.watch(dir, followLinks: false) { failed += 1 }
        if failed > 0 {
            log.warning(
                "cannot watch \(failed) mail folder(s); raise fs.inotify.max_user_watches, or new mail there waits for the next change elsewhere"
            )
        }
        mail.directories = wanted
        mail.awaiting = awaiting.filter { wanted.contains($0.key) }
    }

    /// A read ended: keep what it found, tell of what it recorded, and read again if a hint came
    /// meanwhile.
    private func mailRead(_ read: MailRead, generation: Int) {
        mail.reading = false
        // A read's headers, items and decisions are freed by now, but in the mail queue's own
        // malloc arena, which glibc keeps: a first read of 100,000 messages left some 180 MB
        // resident (`make bench`, Mail). Hand the free pages back, as a reload does.
        iid_malloc_trim()
        // Said once, not at every read: a root that does not exist, a state that cannot be read.
        let problem = read.error ?? read.problems.first
        if generation == mail.generation {
            if let problem, problem != mail.problem {
                log.log(level: read.error == nil ? .warning : .error, "\(problem)")
            }
            mail.problem = problem
        }
        if let state = read.state, generation == mail.generation {
            mail.state = state
            mail.stateFile = read.stateFile
            mail.folders = read.folders
            mail.lastRead = environment.clock()
        }
        for event in read.recorded {
            log.notice(
                "recorded from mail: \(event.type.rawValue)",
                metadata: ["reminder.task": "\(event.task ?? event.contact)", "event.id": "\(event.id)"])
        }
        // The first read of a tree is said in the log; the others only at debug level.
        log.log(
            level: read.first ? .info : .debug, "mail read",
            metadata: [
                "mail.folders": "\(read.folders)", "mail.files": "\(read.read)",
                "mail.unchanged": "\(read.unchanged)", "mail.recorded": "\(read.recorded.count)",
            ])
        if !read.recorded.isEmpty {
            // Read back now rather than on inotify's word: the plan has them before the next hint.
            let file = PathName.last(of: store.fileForNewEvents(at: read.now))
            filesChanged([InotifyWatcher.Change(directory: store.directory, name: file)])
        }
        observer?(.mailRead(recorded: read.recorded.map(\.id)))
        if mail.again {
            mail.again = false
            mailChanged()
        }
    }

    /// `iictl status`'s mail lines; nil with mail off.
    func mailStatus(zone: TZifZone, now: Date) -> DaemonStatus.Mail? {
        guard mail.config != nil else { return nil }
        let words = Wording(zone: zone)
        return DaemonStatus.Mail(
            folders: mail.folders, lastRead: mail.lastRead.map { Timestamp.format($0, in: zone) },
            reading: mail.reading,
            counts: Dictionary(uniqueKeysWithValues: mail.state.counts.map { ($0.verdict, $0.count) }),
            bounces: mail.state.bounceLines(live.plan.contacts), problem: mail.problem,
            suggestions: mail.state.suggestions(live.plan).filter { $0.at <= now }.map {
                $0.line(words: words, now: now)
            })
    }
}
