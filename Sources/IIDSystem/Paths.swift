import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Where iid's files live, following the XDG base directory spec; the environment is injected.
public struct Paths: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public var home: String {
        if let h = environment["HOME"], !h.isEmpty { return h }
        // No HOME: the password database, as `NSHomeDirectory` did.
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }

    func xdg(_ name: String, default relative: String) -> String {
        if let v = environment[name], v.hasPrefix("/") { return v }
        return home + "/" + relative
    }

    /// `~/x` and `$XDG_…` expanded.
    public func expand(_ path: String) -> String {
        var p = path
        if p == "~" { p = home } else if p.hasPrefix("~/") { p = home + p.dropFirst(1) }
        for name in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "HOME"] {
            let value: String
            switch name {
            case "XDG_DATA_HOME": value = xdg(name, default: ".local/share")
            case "XDG_CONFIG_HOME": value = xdg(name, default: ".config")
            case "XDG_STATE_HOME": value = xdg(name, default: ".local/state")
            default: value = home
            }
            p = p.replacing("${\(name)}", with: value).replacing("$\(name)", with: value)
        }
        return p
    }

    /// `--config`, else `$IID_CONFIG`, else `$XDG_CONFIG_HOME/iid/config.yaml`.
    public func configFile(override: String?) -> String {
        if let override, !override.isEmpty { return expand(override) }
        if let env = environment["IID_CONFIG"], !env.isEmpty { return expand(env) }
        return xdg("XDG_CONFIG_HOME", default: ".config") + "/iid/config.yaml"
    }

    public func eventsDirectory(_ config: Config) -> String {
        if let dir = config.eventsDir { return expand(dir) }
        return xdg("XDG_DATA_HOME", default: ".local/share") + "/iid/events"
    }

    /// Machine state (the delivery ledger): `$XDG_STATE_HOME/iid`.
    public var stateDirectory: String { xdg("XDG_STATE_HOME", default: ".local/state") + "/iid" }

    public var ledgerFile: String { stateDirectory + "/delivered.jsonl" }

    /// `$XDG_RUNTIME_DIR/iid`, or without one `$XDG_STATE_HOME/iid/run`: never a shared folder
    /// such as /tmp, where another user could create the folder first and answer for iid.
    public var runtimeDirectory: String {
        if let v = environment["XDG_RUNTIME_DIR"], v.hasPrefix("/") { return v + "/iid" }
        return stateDirectory + "/run"
    }

    public var controlSocket: String { runtimeDirectory + "/control.sock" }
    /// Held (flock) by the running daemon, with its pid inside.
    public var lockFile: String { runtimeDirectory + "/lock" }
    /// Held too: two daemons with other runtime folders but the same ledger would send everything
    /// twice, so the state they share is locked as well.
    public var stateLockFile: String { stateDirectory + "/daemon.lock" }
}
