import Foundation
import IIDCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The calendar folder against the real things: Radicale on loopback (started by
/// scripts/with-components.sh), Debian's vdirsyncer syncing it, Python's caldav standing in for
/// the phone, khal and todoman reading the folder, icalendar and vobject parsing every item.
@Suite(.serialized, .enabled(if: Components.required || Components.has("IID_TEST_RADICALE_URL")))
struct CalendarComponentTests {
    /// Runs a program with the sandbox's environment, stdout and stderr kept.
    func tool(_ s: Sandbox, _ argv: [String], extra: [String: String] = [:]) throws -> ProcessResult {
        try s.run(executable: URL(fileURLWithPath: "/usr/bin/env"), argv, extra: extra)
    }

    func phone(_ s: Sandbox, _ args: String...) throws -> String {
        let r = try tool(s, [Components.python, supportDirectory + "/phone.py"] + args)
        try #require(r.status == 0, "phone.py \(args.joined(separator: " ")): \(r.stderr)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sync(_ s: Sandbox, _ config: String) throws {
        let r = try tool(s, ["vdirsyncer", "-c", config, "sync"])
        try #require(r.status == 0, "vdirsyncer sync: \(r.stdout) \(r.stderr)")
    }

    func berlin(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Berlin")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return f.string(from: date)
    }

    @Test func theMeetingAndItsTasksReachThePhoneAndWhatThePhoneDoesComesBack() throws {
        let server = try #require(Components.env["IID_TEST_RADICALE_URL"], "no Radicale: run make test")
        let s = try Sandbox()
        let collection = try phone(s, "make", server, "iid-\(UUID().uuidString.prefix(8).lowercased())")
        let vdir = s.home + "/.local/share/iid/calendar"
        try s.writeConfig("timezone: Europe/Berlin\ncalendar:\n  dir: ~/.local/share/iid/calendar\n")
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 4 * 86400)
        try s.iictl("add", hostileName, "--id", "zoe", "--org", "Acme; Inc.")
        try s.iictl("schedule", "zoe", berlin(start), "--minutes", "30", "--where", "Café, Berlin")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let meetingFile = vdir + "/iid-zoe-meeting-1.ics"
        #expect(eventually { FileManager.default.fileExists(atPath: vdir + "/iid-zoe.thank-you.ics") })
        // Strict parsers read every item: icalendar (PyPI) and vobject (Debian).
        let check = """
            import glob, sys, icalendar
            for f in sorted(glob.glob(sys.argv[1] + '/*.ics')):
                icalendar.Calendar.from_ical(open(f, 'rb').read())
            print('icalendar ok')
            """
        #expect(try tool(s, [Components.python, "-c", check, vdir]).stdout.contains("icalendar ok"))
        let strict = """
            import glob, sys, vobject
            for f in sorted(glob.glob(sys.argv[1] + '/*.ics')):
                vobject.readOne(open(f, encoding='utf-8').read(), validate=True)
            print('vobject ok')
            """
        #expect(try tool(s, ["/usr/bin/python3", "-c", strict, vdir]).stdout.contains("vobject ok"))
        // khal and todoman read the same folder.
        let khalConfig = s.home + "/khal.conf"
        try """
        [calendars]
        [[iid]]
        path = \(vdir)
        type = calendar
        [locale]
        local_timezone = Europe/Berlin
        default_timezone = Europe/Berlin
        """.write(toFile: khalConfig, atomically: true, encoding: .utf8)
        let khal = try tool(s, ["khal", "-c", khalConfig, "list", "today", "7d"])
        #expect(khal.stdout.contains("Informational interview: \(hostileName) (Acme; Inc.)"), "\(khal.stderr)")
        try FileManager.default.createDirectory(atPath: s.home + "/todoman", withIntermediateDirectories: true)
        try "path = \"\(vdir)\"\ndate_format = \"%Y-%m-%d\"\ntime_format = \"%H:%M\"\n".write(
            toFile: s.home + "/todoman/config.py", atomically: true, encoding: .utf8)
        let todos = try tool(s, ["todoman", "--porcelain", "list"], extra: ["XDG_CONFIG_HOME": s.home])
        let listed = (try? JSONSerialization.jsonObject(with: Data(todos.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(
            listed.contains { $0["summary"] as? String == "Do your homework for the meeting with \(hostileName)" },
            "\(todos.stdout) \(todos.stderr)")

        // One command pairs the folder with the server; the password file must be private.
        let password = s.home + "/caldav-password"
        try "x\n".write(toFile: password, atomically: true, encoding: .utf8)
        chmod(password, 0o644)
        let refused = try s.iictl(
            "calendar", "setup", "--caldav", collection, "--username", "sam", "--password-file", password)
        #expect(refused.status != 0 && refused.stderr.contains("chmod 600"))
        chmod(password, 0o600)
        let setup = try s.iictl(
            "calendar", "setup", "--caldav", collection, "--username", "sam", "--password-file", password)
        #expect(setup.status == 0, "\(setup.stderr)")
        let config = s.home + "/.config/vdirsyncer/config"
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("[pair iid]"))
        #expect(try String(contentsOfFile: s.configPath, encoding: .utf8).contains("password") == false)
        let discover = try tool(s, ["vdirsyncer", "-c", config, "discover", "iid"])
        try #require(discover.status == 0, "vdirsyncer discover: \(discover.stdout) \(discover.stderr)")
        try sync(s, config)

        // The phone sees the meeting with its three alarms, and the tasks.
        let seen = try #require(
            try JSONSerialization.jsonObject(with: Data(phone(s, "show", collection).utf8)) as? [String: Any])
        let events = try #require(seen["events"] as? [[String: Any]])
        let meeting = try #require(events.first { $0["uid"] as? String == "zoe-meeting-1@iid.localhost" })
        #expect((meeting["alarms"] as? [Any])?.count == 3)
        let tasks = (seen["todos"] as? [[String: Any]] ?? []).compactMap { $0["uid"] as? String }
        #expect(Set(tasks).isSuperset(of: ["zoe.homework@iid.localhost", "zoe.confirm@iid.localhost"]))

        // On the phone: the homework ticked off, the meeting moved a day later and made an hour long.
        _ = try phone(s, "complete", collection, "zoe.homework@iid.localhost")
        let moved = start.addingTimeInterval(86400)
        _ = try phone(s, "move", collection, "zoe-meeting-1@iid.localhost", berlin(moved), "60")
        try sync(s, config)
        let confirmDue = berlin(moved.addingTimeInterval(-7200))
        #expect(
            eventually(15) {
                let pending = (try? s.iictl("pending", "--json").stdout) ?? ""
                return !pending.contains("\"zoe.homework\"") && pending.contains(confirmDue)
            })
        if (try? s.iictl("pending", "--json").stdout.contains("\"zoe.homework\"")) == true {
            print(
                "homework item:", (try? String(contentsOfFile: vdir + "/iid-zoe.homework.ics", encoding: .utf8)) ?? "")
            print("daemon log:", d.log)
        }
        let log = try String(
            contentsOfFile: s.eventsDir + "/"
                + (try FileManager.default.contentsOfDirectory(atPath: s.eventsDir).first { $0.hasSuffix(".jsonl") }
                    ?? ""),
            encoding: .utf8)
        #expect(log.components(separatedBy: "\"type\":\"done\"").count == 2, "done once")
        #expect(log.components(separatedBy: "\"type\":\"scheduled\"").count == 3, "scheduled, then moved once")
        #expect(
            eventually {
                (try? String(contentsOfFile: meetingFile, encoding: .utf8))?.contains("X-IID-REVISION:1") == true
            })

        // And back: the phone sees the meeting where it put it, still iid's, its task done.
        try sync(s, config)
        let after = try #require(
            try JSONSerialization.jsonObject(with: Data(phone(s, "show", collection).utf8)) as? [String: Any])
        let todo = (after["todos"] as? [[String: Any]])?.first { $0["uid"] as? String == "zoe.homework@iid.localhost" }
        #expect(todo?["status"] as? String == "COMPLETED")
        let event = (after["events"] as? [[String: Any]])?.first {
            $0["uid"] as? String == "zoe-meeting-1@iid.localhost"
        }
        #expect((event?["sequence"] as? Int ?? 0) >= 1)
        #expect(!d.log.contains("error"), "\(d.log)")
    }
}
