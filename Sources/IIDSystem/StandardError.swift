#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to file descriptor 2 without `FileHandle`, which `FoundationEssentials` (all the
/// binaries link) does not have. The whole text, retried on a short write or an interrupt; a
/// closed stderr is not an error worth dying for.
public enum StandardError {
    public static func write(_ text: String) { StandardStream.write(Array(text.utf8), to: 2) }
}

/// A standard stream written the same way: iictl's `--json` goes to stdout as bytes, without a
/// `String` of megabytes made first.
public enum StandardStream {
    /// All of `bytes` to `fd`, retried on a short write or an interrupt; an error ends it.
    public static func write(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
