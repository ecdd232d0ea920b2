import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon refuses an events or config folder other users can write, and a peer of another user
/// at its control socket.
@Suite(.serialized) struct SecurityTests {
    @Test func reloadToAnEventsFolderOthersCanWriteIsRefused() throws {
        let s = try Sandbox()
        try s.writeConfig("timezone: UTC\ncatch_up: 7d\n")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let open = s.home + "/shared-events"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
        chmod(open, 0o777)
        try s.writeConfig("timezone: UTC\ncatch_up: 7d\nevents_dir: \(open)\n")
        #expect(eventually(10) { d.log.contains("refusing this config") })
        #expect(d.log.contains("writable by other users"))
        let status = try s.iictl("status", "--json").stdout
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        #expect((obj["events_dir"] as? String)?.hasSuffix("/.local/share/iid/events") == true, "the last good config")
        #expect((obj["config_error"] as? String)?.contains("writable by other users") == true)
        #expect(obj["timezone"] as? String == "UTC", "as configured, not Foundation's GMT")
    }

    @Test func configFolderWritableByOthersIsRefused() throws {
        let s = try Sandbox()
        try s.writeConfig("catch_up: 7d\n")
        chmod(s.home + "/.config/iid", 0o777)
        let d = try Daemon(s)
        #expect(d.exitStatus() == 1)
        #expect(d.log.contains("refusing to run"))
        #expect(d.log.contains("writable by other users"))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to act as a second user"))
    func anotherUsersStatusIsRefused() throws {
        let s = try Sandbox()
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let sock = s.runtimeDir + "/iid/control.sock"
        func asNobody() throws -> ProcessResult {
            var env = s.environment
            env["HOME"] = "/nonexistent"
            let p = try TestProcess(
                "/usr/bin/setpriv",
                [
                    "--reuid=65534", "--regid=65534", "--clear-groups",
                    productsDirectory.appendingPathComponent("iictl").path, "status",
                ], environment: env, stderr: .pipe)
            let e = p.readToEnd().stderr
            try #require(p.waitForExit())
            return ProcessResult(status: p.terminationStatus, stdout: "", stderr: e)
        }
        // The 0700 folder keeps the other user out.
        let blocked = try asNobody()
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("permission denied"))
        // With the folder and socket opened up, the daemon's SO_PEERCRED check still refuses.
        chmod(s.runtimeDir, 0o755)
        chmod(s.runtimeDir + "/iid", 0o755)
        chmod(sock, 0o666)
        let refused = try asNobody()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("belongs to another user"))
        #expect(eventually { d.log.contains("refused a peer of another user") })
        #expect(try s.iictl("status").status == 0, "its owner is still served")
    }
}
