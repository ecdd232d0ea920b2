#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decodes the YAML config by walking the node tree `YAMLComposer` builds with libyaml, so that every error and warning has a position.
///
/// Longer than most files here, and on purpose one `parse` with nested helpers: each helper closes
/// over the file name, the node count and the warnings being collected, and the sections read
/// top to bottom as the config file does. Split by section, they would need that context passed
/// around for no gain.
public enum ConfigParser {
    public struct Result: Sendable {
        public var config: Config
        public var warnings: [Diagnostic]
    }

    /// More nodes than this means an alias bomb, not a config.
    static let nodeLimit = 20_000

    /// `knownZones` says whether a `timezone` names a zone the system has: the core reads no zone
    /// files, so the system layer answers (`ZoneLoader`).
    public static func parse(_ text: String, file: String, knownZones: @escaping (String) -> Bool)
        throws(ConfigError) -> Result
    {
        let root: Node?
        do {
            root = try YAMLComposer.compose(text)
        } catch {
            throw yamlError(error, file: file)
        }
        var walker = Walker(file: file, knownZones: knownZones)
        guard let root else { return Result(config: Config(), warnings: []) }
        if case .scalar(let s) = root, s.string.isEmpty || isNull(s) {
            return Result(config: Config(), warnings: [])
        }
        let config = try walker.top(root)
        return Result(config: config, warnings: walker.warnings)
    }

    static func yamlError(_ error: YAMLError, file: String) -> ConfigError {
        func at(_ mark: Node.Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        switch error {
        case .syntax(let problem, let mark, let context):
            let extra = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return ConfigError(location: at(mark), message: "invalid YAML: \(problem)\(extra)")
        case .duplicateKeys(let duplicates, let mark):
            return ConfigError(
                location: at(mark),
                message:
                    "duplicate key \(duplicates.map { "'\(Printable.escaped($0))'" }.joined(separator: ", "))")
        case .reader(let problem):
            return ConfigError(
                location: SourceLocation(file: file, line: 1, column: 1), message: "unreadable: \(problem)")
        case .undefinedAlias(let name, let mark):
            return ConfigError(
                location: at(mark), message: "invalid YAML: found undefined alias '\(Printable.escaped(name))'")
        case .moreThanOneDocument(let mark):
            return ConfigError(
                location: at(mark), message: "invalid YAML: a second document; the config is one document")
        }
    }

    struct Walker {
        let file: String
        let knownZones: (String) -> Bool
        var warnings: [Diagnostic] = []
        var visited = 0

        func location(_ node: Node) -> SourceLocation {
            SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }

        func fail(_ node: Node, _ path: String, _ message: String) -> ConfigError {
            ConfigError(location: location(node), keyPath: path, message: message)
        }

        /// The mapping's entries, warning about keys not in `known`.
        mutating func entries(_ node: Node, _ path: String, known: [String]) throws(ConfigError) -> [(
            String, Node, Node
        )] {
            guard case .mapping(let mapping) = node else {
                throw fail(node, path.isEmpty ? "(top level)" : path, "expected a mapping of keys to values")
            }
            var out: [(String, Node, Node)] = []
            for (key, value) in mapping {
                visited += 1
                guard visited < ConfigParser.nodeLimit else {
                    throw fail(value, path, "too many nodes (an alias bomb?)")
                }
                guard case .scalar(let k) = key else { throw fail(key, path, "keys must be plain strings") }
                let full = path.isEmpty ? k.string : "\(path).\(k.string)"
                if known.contains(k.string) {
                    out.append((k.string, key, value))
                } else {
                    let hint = known.first(where: {
                        $0.replacing("_", with: "-") == k.string.replacing("_", with: "-")
                            || levenshtein($0, k.string) <= 2
                    })
                    let suggestion =
                        hint.map { "; did you mean '\($0)'?" } ?? "; known keys: \(known.joined(separator: ", "))"
                    warnings.append(
                        Diagnostic(
                            .warning, .unknownConfigKey(full, suggestion: hint),
                            "unknown key `\(full)` ignored\(suggestion)", at: location(key)))
                }
            }
            return out
        }

        func string(_ node: Node, _ path: String) throws(ConfigError) -> String {
            guard case .scalar(let s) = node else { throw fail(node, path, "expected a string") }
            if isNull(s) { return "" }
            return s.string
        }

        func bool(_ node: Node, _ path: String) throws(ConfigError) -> Bool {
            guard case .scalar(let s) = node else { throw fail(node, path, "expected true or false") }
            switch s.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw fail(node, path, "expected true or false, got '\(s.string)'")
            }
        }

        mutating func strings(_ node: Node, _ path: String) throws(ConfigError) -> [String] {
            // A copy reads the items: `list` itself counts them on `self`.
            let reader = self
            return try list(node, path, example: "[a, b]") { (item) throws(ConfigError) in try reader.string(item, path)
            }
        }

        /// A YAML sequence read item by item (each counted against the alias-bomb limit and reported
        /// at its own line and column); `~` or nothing is the empty list.
        mutating func list<T>(
            _ node: Node, _ path: String, example: String, _ read: (Node) throws(ConfigError) -> T
        ) throws(ConfigError) -> [T] {
            switch node {
            case .sequence(let seq):
                var out: [T] = []
                for item in seq {
                    visited += 1
                    guard visited < ConfigParser.nodeLimit else {
                        throw fail(item, path, "too many nodes (an alias bomb?)")
                    }
                    out.append(try read(item))
                }
                return out
            case .scalar(let s) where isNull(s): return []
            default: throw fail(node, path, "expected a list, such as \(example)")
            }
        }

        func duration(_ node: Node, _ path: String) throws(ConfigError) -> DurationSpec {
            let text = try string(node, path)
            do {
                return try DurationSpec(parsing: text)
            } catch {
                throw fail(node, path, "expected a duration such as 90m, 2h, 2d or 5bd: '\(text)' \(error.reason)")
            }
        }

        mutating func channels(_ node: Node, _ path: String) throws(ConfigError) -> [Channel] {
            var out: [Channel] = []
            for name in try strings(node, path) {
                guard let c = Channel(rawValue: name) else {
                    throw fail(node, path, "unknown channel '\(name)'; expected notify, email, journal or push")
                }
                if !out.contains(c) { out.append(c) }
            }
            return out
        }

        mutating func top(_ node: Node) throws(ConfigError) -> Config {
            var config = Config()
            let known = [
                "me", "device", "timezone", "events_dir", "quiet_hours", "catch_up", "delivery", "calendar",
                "reminders", "digest", "mail", "goals",
            ]
            for (key, _, value) in try entries(node, "", known: known) {
                switch key {
                case "me": config.me = try me(value)
                case "device": config.device = try deviceName(value, key)
                case "timezone":
                    let zone = try string(value, key)
                    if zone.isEmpty || zone == "local" {
                        config.timezone = nil
                    } else if knownZones(zone) {
                        config.timezone = zone
                    } else {
                        throw fail(
                            value, key,
                            "unknown time zone '\(zone)'; expected an IANA name such as Europe/Berlin, or local")
                    }
                case "events_dir":
                    let dir = try string(value, key)
                    config.eventsDir = dir.isEmpty ? nil : dir
                case "quiet_hours":
                    let text = try string(value, key)
                    if ["off", "false", "no", "none", ""].contains(text.lowercased()) {
                        config.quietHours = nil
                    } else if let q = QuietHours(parsing: text) {
                        config.quietHours = q
                    } else {
                        throw fail(value, key, "expected \"HH:MM-HH:MM\" (e.g. \"22:00-07:00\") or off, got '\(text)'")
                    }
                case "catch_up": config.catchUp = try positive(value, key)
                case "delivery": config.delivery = try delivery(value)
                case "calendar": config.calendarDir = try calendar(value)
                case "reminders":
                    config.reminders = try reminders(
                        value, followUps: &config.followUps, nextContact: &config.nextContact,
                        reportBack: &config.reportBack)
                case "digest": config.digest = try digest(value)
                case "mail": config.mail = try mail(value)
                case "goals": config.goals = try goals(value)
                default: break
                }
            }
            return config
        }

        mutating func me(_ node: Node) throws(ConfigError) -> Config.Me {
            var me = Config.Me()
            if case .scalar(let s) = node, isNull(s) { return me }
            for (key, _, value) in try entries(
                node, "me", known: ["name", "email", "pitch", "objectives", "accomplishments", "address"])
            {
                let path = "me.\(key)"
                switch key {
                case "name", "email":
                    let text = try string(value, path)
                    // Both go into the From header: one line of text, or the mail reads as another sender's.
                    if Printable.hasControls(text) {
                        throw fail(value, path, "contains a newline or control character; it must be one line of text")
                    }
                    if key == "name" { me.name = text } else { me.email = text }
                case "pitch": me.pitch = try string(value, path)
                case "objectives": me.objectives = try strings(value, path)
                case "accomplishments": me.accomplishments = try strings(value, path)
                case "address": me.address = try strings(value, path)
                default: break
                }
            }
            return me
        }

        func positive(_ node: Node, _ path: String) throws(ConfigError) -> DurationSpec {
            let d = try duration(node, path)
            guard d.amount > 0 else { throw fail(node, path, "must be longer than zero") }
            return d
        }
    }
}

/// A plain `~`, `null` or empty scalar.
func isNull(_ s: Node.Scalar) -> Bool {
    s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
}

/// Edit distance, to suggest the key a typo meant.
func levenshtein(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
