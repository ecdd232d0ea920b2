import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call, with the path and errno text.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public var operation: String
    public var path: String
    public var code: Int32
    public init(_ operation: String, _ path: String, _ code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }
    public var description: String { "\(path): \(operation) failed: \(String(cString: strerror(code)))" }
}

/// Thin wrappers over open(2), read(2), write(2), fsync(2) and mkdir(2): the one seam for files.
public enum FileIO {
    /// The whole file. Refuses directories and anything larger than `limit` bytes.
    public static func read(_ path: String, limit: Int = 256 << 20) throws(SystemError) -> [UInt8] {
        try read(path, from: 0, limit: limit)
    }

    /// Opens `path` for reading if it is a regular file. Non-blocking, so that a FIFO (or a
    /// symlink to one) named like an event file cannot hold the caller in open(2); a FIFO, a
    /// device (`/dev/zero`) or a socket is refused, never read.
    static func openRegular(_ path: String) throws(SystemError) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw SystemError("open", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw SystemError("stat", path, e)
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            throw SystemError(
                type == S_IFDIR ? "read" : "read (not a regular file)", path, type == S_IFDIR ? EISDIR : EINVAL)
        }
        return (fd, Int(st.st_size))
    }

    /// The bytes from `offset` to the end.
    public static func read(_ path: String, from offset: Int, limit: Int = 256 << 20) throws(SystemError) -> [UInt8] {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        guard size - offset <= limit else { throw SystemError("read", path, EFBIG) }
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 { throw SystemError("seek", path) }
        var out = [UInt8]()
        out.reserveCapacity(max(0, size - offset))
        try chunks(fd, path) { chunk throws(SystemError) in
            out += chunk
            guard out.count <= limit else { throw SystemError("read", path, EFBIG) }
        }
        return out
    }

    /// Reads `fd` to its end in 64 KiB chunks, retrying on EINTR.
    static func chunks(
        _ fd: Int32, _ path: String, _ body: (ArraySlice<UInt8>) throws(SystemError) -> Void
    ) throws(SystemError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("read", path)
            }
            if n == 0 { return }
            try body(buffer[0..<n])
        }
    }

    /// Creates `path` and its parents as 0700 folders where missing (whatever the umask).
    public static func makeDirectory(_ path: String) throws(SystemError) {
        if let isDir = isDirectory(path) {
            if !isDir { throw SystemError("mkdir", path, ENOTDIR) }
            return
        }
        let parent = PathName.parent(of: path)
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw SystemError("mkdir", path) }
        chmod(path, 0o700)
    }

    /// Appends `line` plus a newline in one write(2) with O_APPEND, creating the file 0600, then fsyncs.
    /// If the file ends in a torn line, a newline is written first so the new line stays whole.
    public static func appendLine(_ line: String, to path: String) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError("open", path) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 {
            let rfd = open(path, O_RDONLY | O_CLOEXEC)
            if rfd >= 0 {
                var last: UInt8 = 0
                if pread(rfd, &last, 1, st.st_size - 1) == 1, last != UInt8(ascii: "\n") {
                    bytes.insert(UInt8(ascii: "\n"), at: 0)
                }
                close(rfd)
            }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("write", path)
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw SystemError("fsync", path) }
    }

    /// Writes a whole file atomically (temporary name, fsync, rename), mode 0600.
    public static func writeAtomically(_ text: String, to path: String, mode: mode_t = 0o600) throws(SystemError) {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError("open", tmp) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(tmp)
                throw SystemError("write", tmp, e)
            }
            written += n
        }
        fchmod(fd, mode)
        fsync(fd)
        close(fd)
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw SystemError("rename", path, e)
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` (links followed) is a folder; nil when there is nothing there.
    public static func isDirectory(_ path: String) -> Bool? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The permission bits of `path` (following symlinks), or nil when it cannot be stat'ed.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// Refuses a folder that is not this user's own and private: a symlink, or another owner.
    /// lstat(2), so a symlink planted in its place is not followed. One of this user's own that
    /// group or others may enter is made 0700.
    public static func checkPrivate(_ path: String) throws(SystemError) {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw SystemError("stat", path) }
        if (st.st_mode & S_IFMT) != S_IFDIR {
            throw SystemError("use as a private folder (it is not a folder, or a symlink)", path, ENOTDIR)
        }
        if st.st_uid != getuid() {
            throw SystemError("use as a private folder (it belongs to uid \(st.st_uid))", path, EPERM)
        }
        // Our own folder with a loose mode (an older version, a umask) is tightened, not refused.
        if st.st_mode & 0o077 != 0, chmod(path, 0o700) == 0, lstat(path, &st) == 0, st.st_mode & 0o077 == 0 { return }
        if st.st_mode & 0o077 != 0 {
            throw SystemError(
                "use as a private folder (mode \(String(st.st_mode & 0o777, radix: 8)); it must be 700)", path, EPERM)
        }
    }

    /// inode and size, to tell an append from a replaced file.
    public static func identity(_ path: String) -> (inode: UInt64, size: Int, modified: Int64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (
            UInt64(st.st_ino), Int(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        )
    }

    /// `count` bytes ending at `end`, to check that what was read before is still there.
    public static func bytes(_ path: String, endingAt end: Int, count: Int) -> [UInt8]? {
        let start = max(0, end - count)
        guard end > 0, let all = try? read(path, from: start, limit: 1 << 16), all.count >= end - start else {
            return nil
        }
        return Array(all[0..<(end - start)])
    }

    /// What `readLines` read: the bytes with every line longer than the bound replaced by an empty
    /// line (so line numbers stay true), which lines those were, and where the last complete line
    /// ends in the file and in `bytes`.
    public struct Lines: Sendable {
        public var bytes: [UInt8] = []
        /// 0-based line numbers (counted from `offset`) and lengths of the lines left out.
        public var skipped: [(line: Int, length: Int)] = []
        /// Offset just past the last newline: in the file (from `offset`) and in `bytes`.
        public var terminatedInFile = 0
        public var terminatedInBytes = 0
    }

    /// The lines from `offset` to the end, read in chunks: a line longer than `maxLine` bytes (a
    /// runaway write, a hostile file) is skipped and reported while the good lines around it are
    /// kept, and no whole-file limit applies.
    public static func readLines(_ path: String, from offset: Int, maxLine: Int = 1 << 20) throws(SystemError) -> Lines
    {
        let (fd, _) = try openRegular(path)
        defer { close(fd) }
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 { throw SystemError("seek", path) }
        var out = Lines()
        var line: [UInt8] = []
        var lineLength = 0
        var skipping = false
        var lineNumber = 0
        var fileOffset = 0
        try chunks(fd, path) { buffer in
            let n = buffer.endIndex
            var start = buffer.startIndex
            while start < n {
                let newline = buffer[start..<n].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? n
                lineLength += end - start
                if !skipping {
                    line += buffer[start..<end]
                    if line.count > maxLine {
                        skipping = true
                        line = []
                    }
                }
                fileOffset += end - start
                guard newline != nil else { break }
                fileOffset += 1
                if skipping { out.skipped.append((lineNumber, lineLength)) } else { out.bytes += line }
                out.bytes.append(UInt8(ascii: "\n"))
                out.terminatedInFile = fileOffset
                out.terminatedInBytes = out.bytes.count
                line = []
                lineLength = 0
                skipping = false
                lineNumber += 1
                start = end + 1
            }
        }
        // A last line without its newline (still being written) is handed over as it is, unless
        // it is too long; either way it is not counted as read.
        if !skipping { out.bytes += line }
        return out
    }
}

/// The process's file descriptor limit.
public enum Descriptors {
    /// Raises the soft RLIMIT_NOFILE to the hard one (systemd's default soft limit is 1,024): a
    /// daemon that anyone with access to its socket can make open connections should not be the
    /// first to run out. Returns the soft limit now in force.
    @discardableResult
    public static func raiseSoftLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(raised.rlim_cur) }
        }
        return Int(limit.rlim_cur)
    }
}
