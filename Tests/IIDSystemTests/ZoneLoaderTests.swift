import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where the zone comes from: the config's name, `TZ`, `/etc/localtime`; and the errors.
@Suite struct ZoneLoaderTests {
    /// 2026-07-01T12:00:00Z, in summer time in Berlin and in winter in Sydney.
    let july = Date(timeIntervalSince1970: 1_782_907_200)

    func message(_ body: () throws(ZoneError) -> TZifZone) -> String? {
        do {
            _ = try body()
            return nil
        } catch { return error.message }
    }

    @Test func aConfiguredNameIsReadFromTheDatabase() throws {
        let loader = ZoneLoader(environment: ["TZ": "Australia/Sydney"])
        let zone = try loader.load(configured: "Europe/Berlin")
        #expect(zone.identifier == "Europe/Berlin")
        #expect(zone.secondsFromGMT(for: july) == 7200, "the config wins over TZ")
    }

    @Test(arguments: [
        "../../etc/passwd", "/etc/passwd", "Europe/../Europe/Berlin", "Europe//Berlin", "", "Europe/Berlin\n",
    ])
    func namesThatAreNotZoneNamesAreRefused(name: String) {
        let m = message { () throws(ZoneError) in try ZoneLoader().zone(named: name) }
        #expect(m?.hasPrefix("unknown time zone '") == true, "\(name): \(m ?? "loaded")")
        #expect(m?.contains("\n") == false, "control characters escaped")
    }

    @Test func anUnknownNameIsAnErrorNamingIt() {
        #expect(
            message { () throws(ZoneError) in try ZoneLoader().zone(named: "Europe/Berln") }
                == "unknown time zone 'Europe/Berln': no such zone in /usr/share/zoneinfo")
        #expect(
            message { () throws(ZoneError) in try ZoneLoader().zone(named: "zone.tab") }?.contains(
                "is not a usable TZif file: not a TZif file") == true)
    }

    @Test(arguments: [
        ("Europe/Berlin", "Europe/Berlin", 7200), (":Europe/Berlin", "Europe/Berlin", 7200),
        (":/usr/share/zoneinfo/Australia/Sydney", "Australia/Sydney", 36_000),
        ("CET-1CEST,M3.5.0,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3", 7200), ("<+03>-3", "<+03>-3", 10_800),
        ("", "UTC", 0),
    ])
    func tzIsANameAPathOrARule(tz: String, identifier: String, offset: Int) throws {
        let zone = try ZoneLoader(environment: ["TZ": tz], localtime: "/nonexistent").load(configured: nil)
        #expect(zone.identifier == identifier)
        #expect(zone.secondsFromGMT(for: july) == offset)
    }

    @Test func aBadTZIsAnErrorNamingIt() {
        let m = message { () throws(ZoneError) in try ZoneLoader(environment: ["TZ": "Europe/Berln"]).system() }
        #expect(m?.hasPrefix("unknown time zone TZ=Europe/Berln: neither a zone in /usr/share/zoneinfo") == true)
        let path = message { () throws(ZoneError) in try ZoneLoader(environment: ["TZ": ":/nonexistent/zone"]).system()
        }
        #expect(path == "unknown TZ=:/nonexistent/zone: no such zone in /usr/share/zoneinfo")
        let dir = TempDir()
        let odd = dir.path + "/zone\u{1B}[2J"
        #expect(FileManager.default.createFile(atPath: odd, contents: Data("not a zone".utf8)))
        let shown = message { () throws(ZoneError) in try ZoneLoader(environment: ["TZ": ":" + odd]).system() }
        #expect(shown?.contains("\u{1B}") == false, "control characters escaped: \(shown ?? "loaded")")
        #expect(shown?.contains("is not a usable TZif file: truncated in the header") == true)
    }

    @Test func etcLocaltimeAsALinkOrACopy() throws {
        let dir = TempDir()
        let link = dir.path + "/localtime-link"
        #expect(symlink("/usr/share/zoneinfo/America/New_York", link) == 0)
        let linked = try ZoneLoader(environment: [:], localtime: link).system()
        #expect(linked.identifier == "America/New_York")
        #expect(linked.secondsFromGMT(for: july) == -14_400)
        let copy = dir.path + "/localtime-copy"
        #expect(
            FileManager.default.createFile(
                atPath: copy, contents: FileManager.default.contents(atPath: "/usr/share/zoneinfo/Asia/Kolkata")))
        let copied = try ZoneLoader(environment: [:], localtime: copy).system()
        #expect(copied.secondsFromGMT(for: july) == 19_800)
        #expect(copied.identifier == "localtime", "a copy has no name of its own")
        #expect(try ZoneLoader(environment: [:], localtime: dir.path + "/none").system() == .utc)
    }

    @Test func theConfigLoaderReportsAnUnknownZoneWithItsPlace() throws {
        let dir = TempDir()
        try dir.write("c.yaml", "me:\n  name: Sam\ntimezone: Europe/Berln\n")
        let loader = ConfigLoader(paths: Paths(environment: ["HOME": dir.path]), override: dir.path + "/c.yaml")
        #expect {
            try loader.load()
        } throws: { error in
            let d = (error as? ConfigError)?.description ?? ""
            return d.contains("c.yaml:3:11") && d.contains("unknown time zone 'Europe/Berln'")
        }
        try dir.write("d.yaml", "me:\n  name: Sam\n")
        let bad = ConfigLoader(
            paths: Paths(environment: ["HOME": dir.path, "TZ": "Mars/Olympus"]), override: dir.path + "/d.yaml")
        #expect {
            try bad.load()
        } throws: { error in
            (error as? ConfigError)?.description.contains("unknown time zone TZ=Mars/Olympus") == true
        }
        let good = ConfigLoader(
            paths: Paths(environment: ["HOME": dir.path, "TZ": ":Europe/Berlin"]), override: dir.path + "/d.yaml")
        #expect(try good.load().zone.identifier == "Europe/Berlin")
    }
}
