import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `mail.json` in iid's state folder: read whole, written whole and atomically (temporary
/// name, fsync, rename), so that a crash mid-write leaves the last good state.
public struct MailStateStore: Sendable {
    public var path: String

    public init(paths: Paths) { path = paths.stateDirectory + "/mail.json" }
    public init(path: String) { self.path = path }

    /// The state, or an empty one when there is none yet. A file that cannot be decoded is an
    /// error: starting over would record every message again.
    public func load() throws -> MailState {
        guard FileIO.exists(path) else { return MailState() }
        let bytes = try FileIO.read(path, limit: 512 << 20)
        do {
            return try Self.decoder.decode(MailState.self, from: Data(bytes))
        } catch {
            throw SystemError("read (not iid's mail state)", path, EINVAL)
        }
    }

    public func save(_ state: MailState) throws {
        let dir = PathName.parent(of: path)
        try FileIO.makeDirectory(dir)
        let data = try Self.encoder.encode(state)
        try FileIO.writeAtomically(String(decoding: data, as: UTF8.self), to: path)
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
