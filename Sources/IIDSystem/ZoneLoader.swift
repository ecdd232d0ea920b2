import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// A time zone that cannot be loaded, naming the value that asked for it.
public struct ZoneError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Finds the zone iid works in and reads it from the system's tz database, as the C library does:
/// the config's `timezone`, else `TZ`, else `/etc/localtime`.
///
/// Reading the files ourselves (instead of Foundation's `TimeZone`) keeps ICU out of the process
/// and follows Debian's tzdata updates. A name that does not load is an error naming it, never a
/// silent UTC.
public struct ZoneLoader: Sendable {
    public var root: String
    public var localtime: String
    public var environment: [String: String]

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, root: String = "/usr/share/zoneinfo",
        localtime: String = "/etc/localtime"
    ) {
        self.environment = environment
        self.root = root
        self.localtime = localtime
    }

    /// The zone for a configured name, or the system's when the config names none.
    public func load(configured: String?) throws(ZoneError) -> TZifZone {
        if let configured { return try zone(named: configured) }
        return try system()
    }

    /// A zone by its IANA name (`Europe/Berlin`), read from `root`. A name that climbs out of
    /// `root` (`..`) or is a path (`/etc/passwd`) is refused before any file is opened.
    public func zone(named id: String) throws(ZoneError) -> TZifZone {
        let shown = Printable.escaped(id)
        guard Self.isName(id) else {
            throw ZoneError("unknown time zone '\(shown)': expected an IANA name such as Europe/Berlin")
        }
        return try read(root + "/" + id, identifier: id, asked: "time zone '\(shown)'")
    }

    /// The zone the C library would use: `TZ` (a name, `:name`, `:/path` or a POSIX rule; empty is
    /// UTC), else `/etc/localtime` (a copy or a link; missing is UTC, as for glibc).
    public func system() throws(ZoneError) -> TZifZone {
        if let tz = environment["TZ"] { return try fromTZ(tz) }
        guard FileIO.exists(localtime) else { return .utc }
        return try read(localtime, identifier: localName(), asked: localtime)
    }

    func fromTZ(_ tz: String) throws(ZoneError) -> TZifZone {
        if tz.isEmpty || tz == ":" { return .utc }
        let shown = "TZ=\(Printable.escaped(tz))"
        let value = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
        if value.hasPrefix("/") {
            // The identifier is shown in messages: a path's control characters as escapes.
            return try read(value, identifier: Self.name(fromPath: value) ?? Printable.escaped(value), asked: shown)
        }
        if Self.isName(value), FileIO.exists(root + "/" + value) {
            return try read(root + "/" + value, identifier: value, asked: shown)
        }
        if !tz.hasPrefix(":"), let rule = POSIXTimeZone(value) { return TZifZone(identifier: value, rule: rule) }
        throw ZoneError(
            "unknown time zone \(shown): neither a zone in \(root) (such as Europe/Berlin) nor a POSIX rule "
                + "(such as CET-1CEST,M3.5.0,M10.5.0/3)")
    }

    /// The name of the zone `/etc/localtime` is: the target of the link, else Debian's `/etc/timezone`,
    /// else `localtime`.
    func localName() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: localtime),
            let name = Self.name(fromPath: target)
        {
            return name
        }
        // Debian's name for the zone /etc/localtime is; it says nothing of another file.
        if localtime == "/etc/localtime", let bytes = try? FileIO.read("/etc/timezone", limit: 256),
            let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init),
            Self.isName(line)
        {
            return line
        }
        return "localtime"
    }

    func read(_ path: String, identifier: String, asked: String) throws(ZoneError) -> TZifZone {
        let bytes: [UInt8]
        do {
            // The largest file in tzdata is a few kilobytes.
            bytes = try FileIO.read(path, limit: 1 << 20)
        } catch {
            if error.code == ENOENT || error.code == ENOTDIR || error.code == EISDIR {
                throw ZoneError("unknown \(asked): no such zone in \(root)")
            }
            throw ZoneError("\(asked): \(Printable.escaped(error.description))")
        }
        do {
            return try TZif.parse(bytes, identifier: identifier)
        } catch {
            throw ZoneError("\(asked): \(Printable.escaped(path)) is not a usable TZif file: \(error)")
        }
    }

    /// `Europe/Berlin`, `Etc/GMT+5`, `UTC`: letters, digits, `_`, `-`, `+` and `.`, in parts
    /// separated by `/`, none of them `.` or `..`.
    static func isName(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 255, !id.hasPrefix("/") else { return false }
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && part.utf8.allSatisfy { c in
                    (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c)
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                        || c == UInt8(ascii: ".")
                }
        }
    }

    /// `Europe/Berlin` from `/usr/share/zoneinfo/Europe/Berlin` (or `../usr/share/zoneinfo/…`).
    static func name(fromPath path: String) -> String? {
        guard let r = path.ranges(of: "zoneinfo/").last else { return nil }
        var name = String(path[r.upperBound...])
        if name.hasPrefix("posix/") { name.removeFirst(6) }
        return isName(name) ? name : nil
    }
}
