#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The vdirsyncer configuration that pairs iid's calendar folder with one CalDAV collection: a
/// pair named `iid`, written by `iictl calendar setup`. vdirsyncer reads INI sections whose
/// values are JSON, so every value here is a JSON string.
public struct VdirsyncerConfig: Equatable, Sendable {
    public var vdir: String
    public var url: String
    public var username: String
    /// Read by vdirsyncer itself (`password.fetch`), never by iid: the password is in no config.
    public var passwordFile: String
    public var statusPath: String

    public init(vdir: String, url: String, username: String, passwordFile: String, statusPath: String) {
        self.vdir = vdir
        self.url = url
        self.username = username
        self.passwordFile = passwordFile
        self.statusPath = statusPath
    }

    /// Why these values cannot go into the file, or nil.
    public var problem: String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            return "--caldav must be an http:// or https:// URL, got '\(Printable.escaped(url))'"
        }
        for (name, value) in [("--caldav", url), ("--username", username), ("--password-file", passwordFile)]
        where value.isEmpty || Printable.hasControls(value) {
            return "\(name) must be one line of text"
        }
        return nil
    }

    /// The pair and its two storages; with `general`, the `[general]` section too (a new file).
    public func text(general: Bool) -> String {
        let q: (String) -> String = { JSONText.quote($0) }
        var lines: [String] = []
        if general { lines += ["[general]", "status_path = \(q(statusPath))", ""] }
        lines += [
            "# iid's calendar folder and your CalDAV calendar, kept in sync (iictl calendar setup).",
            "# Changes on both sides: the server's (your phone's) wins, and iid records it.",
            "[pair iid]",
            "a = \"iid_local\"",
            "b = \"iid_remote\"",
            "collections = null",
            "conflict_resolution = \"b wins\"",
            "",
            "[storage iid_local]",
            "type = \"filesystem\"",
            "path = \(q(vdir.hasSuffix("/") ? vdir : vdir + "/"))",
            "fileext = \".ics\"",
            "",
            "[storage iid_remote]",
            "type = \"caldav\"",
            "url = \(q(url))",
            "username = \(q(username))",
            "password.fetch = [\"command\", \"cat\", \(q(passwordFile))]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
