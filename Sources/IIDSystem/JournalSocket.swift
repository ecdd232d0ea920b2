import CIIDShims
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

#if Systemd
    import CSystemd
#endif

/// Sends entries to journald: one datagram each, or a sealed memfd passed as SCM_RIGHTS when the
/// entry is too big for a datagram (systemd's native protocol, as sd_journal_sendv does it).
public struct JournalSocket: Sendable {
    public var path: String
    public init(path: String = "/run/systemd/journal/socket") { self.path = path }

    public func send(_ entry: JournalEntry) throws(SystemError) {
        #if Systemd
            if path == "/run/systemd/journal/socket" {
                try sendWithLibsystemd(entry)
                return
            }
        #endif
        let payload = entry.encoded()
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError("socket", path) }
        defer { close(fd) }
        let sent = payload.withUnsafeBytes { iid_send_datagram(fd, path, $0.baseAddress, $0.count) }
        if sent >= 0 { return }
        guard errno == EMSGSIZE || errno == ENOBUFS else { throw SystemError("send", path) }
        let memfd = payload.withUnsafeBytes { iid_sealed_memfd("iid-journal", $0.baseAddress, $0.count) }
        guard memfd >= 0 else { throw SystemError("memfd_create", path) }
        defer { close(memfd) }
        guard iid_send_fd(fd, path, memfd) == 0 else { throw SystemError("sendmsg", path) }
    }

    #if Systemd
        func sendWithLibsystemd(_ entry: JournalEntry) throws(SystemError) {
            let items = entry.fields.filter { JournalEntry.isValidName($0.0) }.map {
                Array($0.0.utf8) + [UInt8(ascii: "=")] + $0.1
            }
            let buffers = items.map { bytes -> UnsafeMutableRawBufferPointer in
                let b = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
                b.copyBytes(from: bytes)
                return b
            }
            defer { buffers.forEach { $0.deallocate() } }
            var iov = zip(buffers, items).map { iovec(iov_base: $0.0.baseAddress, iov_len: $0.1.count) }
            let r = sd_journal_sendv(&iov, Int32(iov.count))
            if r < 0 { throw SystemError("sd_journal_sendv", path, -r) }
        }
    #endif
}
