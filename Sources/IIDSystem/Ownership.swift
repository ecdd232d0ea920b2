import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Who may change iid's inputs. A config or event folder that other users can write would let them
/// plant reminders, or commands through `delivery.notify.command`: the daemon refuses to run on one.
public enum Ownership {
    /// A reason to refuse `path`, or nil when only its owner (this user or root) can write it.
    public static func problem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if st.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            let mode = String(st.st_mode & 0o777, radix: 8)
            return "\(path) is writable by other users (mode \(mode)); run: chmod go-w '\(path)'"
        }
        if st.st_uid != getuid() && st.st_uid != 0 {
            return "\(path) belongs to uid \(st.st_uid), not to you (uid \(getuid()))"
        }
        return nil
    }

    /// Problems with the config file, its folder and the events folder.
    public static func problems(configPath: String?, eventsDirectory: String) -> [String] {
        var paths = [eventsDirectory]
        if let configPath { paths += [configPath, PathName.parent(of: configPath)] }
        return paths.compactMap(problem)
    }
}
