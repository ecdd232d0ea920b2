#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The Maildir folders an mbsync (isync) config names: each `MaildirStore`'s `Path` and `Inbox`,
/// the hint `iictl mail setup` starts from. Read as mbsync reads it: a keyword and its value on
/// one line, `#` comments, sections ended by an empty line, values quoted when they hold spaces.
public enum MbsyncConfig {
    public struct Store: Equatable, Sendable {
        public var name: String
        public var path: String?
        public var inbox: String?
        public init(name: String, path: String? = nil, inbox: String? = nil) {
            self.name = name
            self.path = path
            self.inbox = inbox
        }
    }

    public static func maildirStores(_ text: String) -> [Store] {
        var stores: [Store] = []
        var current: Store?
        func close() {
            if let c = current { stores.append(c) }
            current = nil
        }
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.trimmingSpaces()
            if line.isEmpty {
                close()
                continue
            }
            if line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let keyword = parts.first?.lowercased() else { continue }
            let value = parts.count > 1 ? unquote(String(parts[1]).trimmingSpaces()) : ""
            switch keyword {
            case "maildirstore":
                close()
                current = Store(name: value)
            case "imapaccount", "imapstore", "channel", "group":
                close()
            case "path": current?.path = value
            case "inbox": current?.inbox = value
            default: break
            }
        }
        close()
        return stores
    }

    static func unquote(_ s: String) -> String {
        guard s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") else { return s }
        return String(s.dropFirst().dropLast())
    }
}
