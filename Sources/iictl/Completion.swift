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

/// What the shells complete from the event log: contact ids, open task ids (soonest first) and
/// organisation names. The completion scripts that `--generate-completion-script` writes call
/// back into iictl (`iictl ---completion COMMAND -- ARGUMENT WORDS…`) for these, and
/// argument-parser hands the words on the line to the closures below. Channels and `--stage`
/// values need no log: argument-parser lists their fixed choices in the scripts themselves.
///
/// A completion prints nothing on stderr (a config that does not parse reads the log on the
/// built-in defaults, as `iictl list` does, without the warning), and every candidate has its
/// control characters removed: an organisation comes from other people's files and is printed
/// into the terminal by the shell, where an escape sequence would act.
enum Completion {
    /// Contact ids, in the order the log first names them.
    static let contacts = CompletionKind.custom { words, _, prefix in
        candidates(.contacts, words: words, prefix: prefix)
    }
    /// Open task ids, soonest due first (as `iictl pending` lists them).
    static let tasks = CompletionKind.custom { words, _, prefix in
        candidates(.tasks, words: words, prefix: prefix)
    }
    /// Open task ids and `digest`, for `iictl explain`.
    /// Open task ids, `digest`, then contact ids (whose label `explain` gives), for `iictl explain`.
    static let tasksAndDigest = CompletionKind.custom { words, _, prefix in
        candidates(.tasksThenContacts, words: words, prefix: prefix, extra: ["digest"])
    }
    /// Contact ids, then open task ids, for `iictl log`.
    static let contactsAndTasks = CompletionKind.custom { words, _, prefix in
        candidates(.contactsAndTasks, words: words, prefix: prefix)
    }
    /// Organisation names as the log spells them (people's and the employer list's), each once, sorted.
    static let organisations = CompletionKind.custom { words, _, prefix in
        candidates(.organisations, words: words, prefix: prefix)
    }
    /// The ids of the organisations on the employer list, for `iictl org show` and the like.
    static let employers = CompletionKind.custom { words, _, prefix in
        candidates(.employers, words: words, prefix: prefix)
    }

    enum Source { case contacts, tasks, contactsAndTasks, tasksThenContacts, organisations, employers }

    static func candidates(_ source: Source, words: [String], prefix: String, extra: [String] = []) -> [String] {
        let (plan, events) = quietPlan(config: configOption(in: words))
        var values: [String]
        switch source {
        case .contacts: values = plan.contacts.map(\.id)
        case .tasks: values = plan.pending(at: Date()).map(\.id) + extra
        case .contactsAndTasks: values = plan.contacts.map(\.id) + plan.pending(at: Date()).map(\.id)
        case .tasksThenContacts: values = plan.pending(at: Date()).map(\.id) + extra + plan.contacts.map(\.id)
        case .organisations:
            let listed = OrgBook(events: events).organisations.map(\.name)
            values = Array(Set((plan.contacts.compactMap(\.org) + listed).map(printable).filter { !$0.isEmpty }))
                .sorted()
        case .employers: values = OrgBook(events: events).organisations.map(\.id)
        }
        let found = matching(values.map(printable), prefix: prefix)
        // zsh's completion script hands the values to `_describe`, which reads `name:description`:
        // a colon in a value (an organisation's name) is escaped there, or it would cut the name.
        guard ProcessInfo.processInfo.environment["SAP_SHELL"] == "zsh" else { return found }
        return found.map { $0.replacing(":", with: "\\:") }
    }

    /// The log planned under the config, reporting nothing, and its events.
    static func quietPlan(config: String?) -> (Planner.Plan, [Event]) {
        let paths = Paths()
        let loader = ConfigLoader(paths: paths, override: config)
        let loaded = (try? loader.load()) ?? loader.builtInDefaults()
        let store = EventStore(directory: paths.eventsDirectory(loaded.config), zone: loaded.zone)
        let events = store.load(readers: Context.readers).events
        return (Planner(config: loaded.config, zone: loaded.zone).plan(events), events)
    }

    /// `--config FILE` or `--config=FILE` on the line being completed, its quotes removed.
    static func configOption(in words: [String]) -> String? {
        var value: String?
        for (i, w) in words.enumerated() {
            if w == "--config", i + 1 < words.count {
                value = words[i + 1]
            } else if w.hasPrefix("--config=") {
                value = String(w.dropFirst("--config=".count))
            }
        }
        guard var v = value, !v.isEmpty else { return nil }
        if v.count >= 2, let q = v.first, q == "'" || q == "\"", v.last == q { v = String(v.dropFirst().dropLast()) }
        return v
    }

    /// The values that start with what was typed, ignoring case (the shell narrows further by its
    /// own rules). A prefix with quotes or backslashes is shell syntax, not text: all values go.
    static func matching(_ values: [String], prefix: String) -> [String] {
        guard !prefix.isEmpty, !prefix.contains(where: { "'\"\\".contains($0) }) else { return values }
        let p = prefix.lowercased()
        return values.filter { $0.lowercased().hasPrefix(p) }
    }

    /// `text` without control characters (C0, DEL, C1) and without line or paragraph separators:
    /// one candidate is one line, and nothing in it acts on a terminal. Tabs become spaces.
    static func printable(_ text: String) -> String {
        guard
            Printable.hasControls(text) || text.contains(where: { $0 == "\t" || $0 == "\u{2028}" || $0 == "\u{2029}" })
        else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u.value {
            case 0x09: out.append(" ")
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: continue
            default: out.append(u)
            }
        }
        return String(out)
    }
}
