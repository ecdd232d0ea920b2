import Dispatch
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// inotify(7) on folders, delivered through a Dispatch read source (libdispatch on Linux has no
/// vnode sources). Folders, not files: editors save by writing a new file and renaming it.
public final class InotifyWatcher {
    public struct Change: Sendable, Equatable {
        public var directory: String
        public var name: String
        /// The kernel's queue overflowed, or a watched folder went away: read everything again.
        public var overflow: Bool

        public init(directory: String, name: String, overflow: Bool = false) {
            self.directory = directory
            self.name = name
            self.overflow = overflow
        }
    }

    private let fd: Int32
    private var source: DispatchSourceRead?
    private var directories: [Int32: String] = [:]
    private let handler: ([Change]) -> Void

    static let mask: UInt32 = UInt32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF
    )

    /// inotify_init1(IN_NONBLOCK | IN_CLOEXEC).
    public init(queue: DispatchQueue, handler: @escaping ([Change]) -> Void) throws(SystemError) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError("inotify_init1", "inotify") }
        self.handler = handler
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.drain() }
        // Closed only once the source is gone: libdispatch may still be watching the descriptor
        // after cancel() returns, and a number closed too early can come back as someone else's.
        source.setCancelHandler { [fd] in close(fd) }
        source.resume()
        self.source = source
    }

    deinit { source?.cancel() }

    /// Watches `path` (a folder); returns false if it cannot be watched. With `followLinks` false
    /// a symlink is not watched (`IN_DONT_FOLLOW`, `IN_ONLYDIR`): a mail tree is walked without
    /// following links, and watched the same way.
    @discardableResult
    public func watch(_ path: String, followLinks: Bool = true) -> Bool {
        if directories.values.contains(path) { return true }
        let wd = inotify_add_watch(
            fd, path, followLinks ? Self.mask : Self.mask | UInt32(IN_DONT_FOLLOW) | UInt32(IN_ONLYDIR))
        guard wd >= 0 else { return false }
        directories[wd] = path
        return true
    }

    public func unwatch(_ path: String) {
        for (wd, p) in directories where p == path {
            inotify_rm_watch(fd, wd)
            directories[wd] = nil
        }
    }

    /// Reads until EAGAIN and hands the batch over in one call.
    private func drain() {
        var changes: [Change] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (wd, mask, len) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let len = raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)
                    return (wd, mask, Int(len))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + len)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + len
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    changes.append(Change(directory: "", name: "", overflow: true))
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    if let dir = directories[wd] {
                        directories[wd] = nil
                        changes.append(Change(directory: dir, name: "", overflow: true))
                    }
                    continue
                }
                guard let dir = directories[wd] else { continue }
                changes.append(Change(directory: dir, name: name, overflow: false))
            }
        }
        if !changes.isEmpty { handler(changes) }
    }
}
