#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The events folder's writer lock: `flock` on `.lock` inside it (hidden, so never read as
/// events). A writer that chooses something from what the log says (a new contact's id) and then
/// appends holds it across both, so ten `iictl add` at once get ten ids; and the check that the
/// file ends in a newline happens under it, so a line is never glued to another writer's.
///
/// Re-entrant within a thread (a held lock is counted, not taken twice): flock on a second
/// descriptor of the same file would wait for this thread itself. Another thread of the same
/// process takes it with a descriptor of its own, and so waits like any other writer: the daemon
/// records mail on a thread of its own while its loop may record a notification's answer.
enum EventsLock {
    private static let mutex = ThreadLock()
    private nonisolated(unsafe) static var held: [String: (fd: Int32, depth: Int)] = [:]

    static func with<T>(_ directory: String, _ body: () throws -> T) throws -> T {
        let path = directory + "/.lock"
        let key = path + "#" + String(UInt(bitPattern: Int(bitPattern: pthread_self())))
        let reentered = mutex.withLock { () -> Bool in
            guard var entry = held[key] else { return false }
            entry.depth += 1
            held[key] = entry
            return true
        }
        if !reentered {
            try FileIO.makeDirectory(directory)
            let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw SystemError("open", path) }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    let e = errno
                    close(fd)
                    throw SystemError("flock", path, e)
                }
            }
            mutex.withLock { held[key] = (fd, 1) }
        }
        defer {
            mutex.withLock {
                guard var entry = held[key] else { return }
                entry.depth -= 1
                if entry.depth == 0 {
                    held[key] = nil
                    close(entry.fd)  // releases the flock
                } else {
                    held[key] = entry
                }
            }
        }
        return try body()
    }
}

extension EventStore {
    /// Runs `body` holding the events folder's writer lock (see `EventsLock`): read the log,
    /// decide, append, all as one step against other writers.
    public func locked<T>(_ body: () throws -> T) throws -> T {
        try EventsLock.with(directory, body)
    }
}
