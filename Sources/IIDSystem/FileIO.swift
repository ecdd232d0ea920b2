import Foundation

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

    /// The bytes from `offset` to the end.
    public static func read(_ path: String, from offset: Int, limit: Int = 256 << 20) throws(SystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open", path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError("stat", path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw SystemError("read", path, EISDIR) }
        let size = Int(st.st_size)
        guard size - offset <= limit else { throw SystemError("read", path, EFBIG) }
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 { throw SystemError("seek", path) }
        var out = [UInt8]()
        out.reserveCapacity(max(0, size - offset))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("read", path)
            }
            if n == 0 { break }
            out += buffer[0..<n]
            guard out.count <= limit else { throw SystemError("read", path, EFBIG) }
        }
        return out
    }

    /// Creates `path` and its parents as 0700 folders where missing (whatever the umask).
    public static func makeDirectory(_ path: String) throws(SystemError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if !isDir.boolValue { throw SystemError("mkdir", path, ENOTDIR) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
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
}
