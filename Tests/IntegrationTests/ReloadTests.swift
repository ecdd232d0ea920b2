import Foundation
import Testing

/// `iictl reload`, the client of the control socket's `reload` request.
@Suite(.serialized) struct ReloadTests {
    @Test func reloadWithoutDaemonSaysHowToStartOne() throws {
        let s = try Sandbox()
        let r = try s.iictl("reload")
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(
            r.stderr
                == "iictl: no iid daemon is running; start one with 'systemctl --user start iid', or run 'iid' in a terminal\n"
        )
    }

    @Test func reloadAsksTheDaemonToReadItsConfig() throws {
        let s = try Sandbox()
        try s.writeConfig("timezone: Europe/Berlin\n")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let r = try s.iictl("reload")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "iid reloaded its config.\n")
        #expect(d.notify.wait(timeout: 5) { $0.contains("RELOADING=1") } != nil)
        // A config it cannot use is refused, and the reload says so.
        try s.writeConfig("quiet_hours: 22-7\n")
        #expect(eventually { d.log.contains("keeping the last good config") })
        let refused = try s.iictl("reload")
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("iictl: iid kept its last good config: "), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }
}
