import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct MailCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mail",
            abstract: "Read your Maildir's headers: a reply stops the follow-ups, a sent thank-you is recorded.",
            discussion: """
                Configured by mail: in the config (off when absent). Headers only, never a body; nothing is \
                moved, flagged or locked. See Documentation/mail.md for the rule.
                """,
            subcommands: [MailScan.self, MailStatus.self, MailSetup.self])
    }
}

extension Context {
    /// `mail:` from the config, or a failure saying how to turn it on.
    func mailConfig() throws -> Config.Mail {
        guard let mail = config.mail else {
            throw Failure(
                "mail is off; add to \(loaded.path ?? loaded.searchedPath):\n  mail:\n    roots: [~/Mail]")
        }
        return mail
    }
}

extension IICtl.MailCommand {
    struct MailScan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Read the messages not read yet and record what they mean, one line each.")

        @Flag(help: "Show what would be recorded; record nothing and keep no state.") var dryRun = false
        @Flag(help: "Also list the messages that record nothing, and why.") var verbose = false
        @Option(
            name: .customLong("as-of"),
            help: "Read as if it were this time (default: now): later messages wait for a later scan.")
        var asOf: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let mail = try ctx.mailConfig()
            let now = try ctx.time(asOf)
            let stateStore = MailStateStore(paths: ctx.paths)
            let state: MailState
            do {
                state = try stateStore.load()
            } catch {
                throw Failure("\(error); move it aside to read every message again")
            }
            let me = mail.own(ctx.config.me)
            if me.isEmpty {
                throw Failure("iid does not know your address: set me.email (or mail.addresses) in the config")
            }
            let recorder = MailRecorder(planner: Planner(config: ctx.config, zone: ctx.zone), me: me)
            let scanner = MailScanner(config: mail, paths: ctx.paths)
            // The Maildir is read before the log is locked: a first read of a large tree must not
            // hold up a command or the daemon that records meanwhile.
            // The log is planned for it only when `mail.since` does not say.
            let since = mail.since ?? mail.readSince(ctx.plan(quiet: true, asOf: now), now: now, zone: ctx.zone)
            let result = scanner.scan(state: state, now: now, since: since)
            for problem in result.problems { Context.warn(problem) }
            let lines: [String] = try ctx.locked {
                // Nothing new (the usual scan after the first): the log is not even read.
                let decisions =
                    result.items.isEmpty
                    ? [] : recorder.decide(result.items, log: ctx.events(), sent: result.state.sent)
                var next = result.state
                var lines: [String] = []
                if !dryRun { try ctx.append(decisions.flatMap(\.events), failing: "could not record the messages") }
                for d in decisions {
                    let recordedContacts = Set(d.events.map(\.contact))
                    for outcome in d.outcomes {
                        let shown: Bool
                        switch outcome {
                        case .bounced, .suggested: shown = true
                        case .nothing: shown = verbose
                        default: shown = outcome.contact.map(recordedContacts.contains) ?? false
                        }
                        if shown { lines.append(outcome.line(item: d.item, words: ctx.words, now: now)) }
                    }
                }
                next.keep(decisions, me: me)
                if !dryRun {
                    do {
                        try stateStore.save(next)
                    } catch {
                        throw Failure("could not keep the mail state: \(error)")
                    }
                }
                let recorded = decisions.reduce(0) { $0 + $1.events.count }
                lines.append(
                    "\(dryRun ? "Would record" : "Recorded") \(recorded) event\(recorded == 1 ? "" : "s") from "
                        + "\(result.items.count) new message\(result.items.count == 1 ? "" : "s") "
                        + "in \(result.folders.count) folder\(result.folders.count == 1 ? "" : "s").")
                return lines
            }
            // Addresses come from other people's mail: no control character reaches the terminal.
            for line in lines { print(Printable.escaped(line)) }
        }
    }

    struct MailStatus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "The folders read, when, and the messages by verdict.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            guard let mail = ctx.config.mail else {
                print("Mail: off (no mail: in the config; see Documentation/mail.md)")
                return
            }
            let state: MailState
            do {
                state = try MailStateStore(paths: ctx.paths).load()
            } catch {
                throw Failure("\(error)")
            }
            let scanner = MailScanner(config: mail, paths: ctx.paths)
            let (found, problems) = scanner.folders()
            for problem in problems { Context.warn(problem) }
            var lines = [
                "Mail: \(found.count) folder\(found.count == 1 ? "" : "s") under \(mail.roots.joined(separator: ", "))"
            ]
            for f in found {
                let kept = state.folders[f.folder.path]
                let read = kept?.lastRead.map { "read \(ctx.words.when($0, now: ctx.now))" } ?? "not read yet"
                let sent = f.sent ? (mail.sent.isEmpty ? "  sent (guessed: confirm with mail.sent)" : "  sent") : ""
                lines.append("  \(f.folder.name): \(kept?.seen.count ?? 0) files, \(read)\(sent)")
            }
            let counts = state.counts
            lines.append(
                counts.isEmpty
                    ? "Messages: none read yet (iictl mail scan)"
                    : "Messages: " + counts.map { "\($0.count) \($0.verdict)" }.joined(separator: ", "))
            lines += state.bounceLines(ctx.plan(quiet: true, asOf: ctx.now).contacts)
            for line in lines { print(Printable.escaped(line)) }
        }
    }
}

extension IICtl.MailCommand {
    struct MailSetup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "setup",
            abstract: "Print the mail: config for the Maildir found here (from ~/.mbsyncrc, or ~/Mail, ~/Maildir).",
            discussion: "Prints only: copy what fits into the config. Nothing is written.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let home = ctx.paths.home
            var roots: [String] = []
            var source = ""
            for rc in [home + "/.mbsyncrc", ctx.paths.expand("$XDG_CONFIG_HOME/isyncrc")] {
                guard let text = try? String(contentsOfFile: rc, encoding: .utf8) else { continue }
                for store in MbsyncConfig.maildirStores(text) {
                    for path in [store.path, store.inbox].compactMap({ $0 }) {
                        var root = ctx.paths.expand(path)
                        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
                        // An Inbox inside the Path is one of its folders already.
                        if roots.contains(where: { root == $0 || root.hasPrefix($0 + "/") }) { continue }
                        roots.append(root)
                    }
                }
                if !roots.isEmpty {
                    source = abbreviated(rc, home: home)
                    break
                }
            }
            if roots.isEmpty {
                roots = ["Mail", "Maildir", ".mail", "mail"].map { home + "/" + $0 }.filter {
                    !Maildir.folders(root: $0).isEmpty
                }
                source = "a look in ~/Mail, ~/Maildir, ~/.mail and ~/mail"
            }
            let found = roots.map { ($0, Maildir.folders(root: $0)) }.filter { !$0.1.isEmpty }
            guard !found.isEmpty else {
                throw Failure(
                    "no Maildir found (\(source.isEmpty ? "no ~/.mbsyncrc" : "from \(source)")); "
                        + "add mail: {roots: [PATH]} to the config by hand")
            }
            let sent = found.flatMap { $0.1.map(\.name) }.filter(Maildir.looksSent)
            var lines = [
                "# From \(source): \(found.count) Maildir tree\(found.count == 1 ? "" : "s"), "
                    + "\(found.reduce(0) { $0 + $1.1.count }) folders.",
                "# Add to \(abbreviated(ctx.loaded.path ?? ctx.loaded.searchedPath, home: home)):",
            ]
            if ctx.config.me.email.isEmpty {
                lines.append("me:\n  email: you@example.org   # your address: mail from it is yours")
            }
            lines.append("mail:")
            lines.append("  roots: [\(found.map { quoted(abbreviated($0.0, home: home)) }.joined(separator: ", "))]")
            lines.append(
                sent.isEmpty
                    ? "  # sent: [\"Sent\"]   # no folder looks like your sent mail: name it here"
                    : "  sent: [\(Array(Set(sent)).sorted().map(quoted).joined(separator: ", "))]   # check: your sent mail"
            )
            // Folder names come from the disk: no control character reaches the terminal.
            print(Printable.escaped(lines.joined(separator: "\n"), newlines: true))
        }

        func abbreviated(_ path: String, home: String) -> String {
            path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        }

        /// A YAML double-quoted scalar.
        func quoted(_ s: String) -> String {
            "\"" + s.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        }
    }
}
