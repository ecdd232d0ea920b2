import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A zone from the system's tz database; a zone that does not load fails the test that asked.
func systemZone(_ id: String) -> TZifZone {
    do {
        return try ZoneLoader().zone(named: id)
    } catch {
        Issue.record("cannot load \(id): \(error)")
        return .utc
    }
}

/// A temporary folder removed at the end of the test.
final class TempDir {
    let path: String
    init() {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("iid-sys-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }

    func append(_ name: String, _ text: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + name))
        defer { try? h.close() }
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
    }

    func mode(_ name: String) -> mode_t {
        var st = stat()
        stat(path + "/" + name, &st)
        return st.st_mode & 0o777
    }
}
