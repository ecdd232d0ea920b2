import Foundation
import IIDCore
import IIDSystem
import Testing

/// iid's reading of every zone in the system's tz database, compared with Python's `zoneinfo`,
/// which reads the same files with other code (`scripts/zone-oracle.py`): each transition from
/// 1800 to 2100 and a second either side, and instants spread over 1970–2100; local times around each
/// transition from 1970 to 2100 to instants; and POSIX rules against glibc. About 10 s on two idle cores.
@Suite struct ZoneOracleTests {
    static let root = "/usr/share/zoneinfo"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/zone-oracle.py").path

    /// Every TZif file under the root, by name, links included.
    static func zoneNames() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            guard let handle = FileHandle(forReadingAtPath: root + "/" + name) else { continue }
            let magic = (try? handle.read(upToCount: 4)) ?? nil
            try? handle.close()
            if magic == Data("TZif".utf8) { names.append(name) }
        }
        return names.sorted()
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    @Test func everyZoneAgreesWithZoneinfo() async throws {
        let names = Self.zoneNames()
        // A Debian system carries some 600 zones; far fewer means the walk went wrong.
        #expect(names.count > 300, "\(names.count) zones found")
        #expect(names.contains("Europe/Berlin") && names.contains("America/Sao_Paulo"))
        let loader = ZoneLoader()
        let from1800: Int64 = -5_364_662_400
        let from1970: Int64 = 0
        let to2100: Int64 = 4_102_444_800
        var input: [UInt8] = []
        var sent = 0
        var transitions = 0
        for name in names {
            let zone = try loader.zone(named: name)
            var instants: [Int64] = []
            for t in zone.changes(in: from1800...to2100) {
                instants += [t - 1, t, t + 1]
                transitions += 1
            }
            // Every 17 days, 7 hours and 13 seconds: every hour of the day and every weekday in turn.
            instants += stride(from: from1970 + 1_234, to: to2100, by: 17 * 86_400 + 7 * 3_600 + 13)
            Self.appendOffsets(label: name, of: zone, at: instants, to: &input)
            sent += instants.count
        }
        #expect(transitions > 10_000, "\(transitions) transitions found")
        await Self.expectAgreement(input, sent: sent)
    }

    /// Local times around every transition from 1970 to 2100, in every zone, to instants: iid's gap
    /// and overlap rule (`LocalTime.instant`: a time the clocks skip moves forward by the gap, a time
    /// that happens twice is the first) is PEP 495's `fold=0`, which zoneinfo implements.
    @Test func localTimesResolveAsZoneinfoDoes() async throws {
        let loader = ZoneLoader()
        var input: [UInt8] = []
        var sent = 0
        for name in Self.zoneNames() where !name.hasPrefix("right/") && !name.hasPrefix("posix/") {
            let zone = try loader.zone(named: name)
            var pairs: [(Int64, Int64)] = []
            for t in zone.changes(in: 0...4_102_444_800) {
                let before = Int64(zone.secondsFromGMT(at: t - 1))
                let after = Int64(zone.secondsFromGMT(at: t))
                for base in [t + before, t + after] {
                    for k: Int64 in [-1, 0, 1, 1_799, 3_600] {
                        let n = base + k
                        // The wall-clock fields of `n`: those of the instant `n` in UTC.
                        let f = LocalTime.fields(of: Date(timeIntervalSince1970: Double(n)), in: TZifZone.utc)
                        guard let instant = LocalTime.instant(f, in: zone) else { continue }
                        pairs.append((n, Int64(instant.timeIntervalSince1970)))
                    }
                }
            }
            let label = Array("LOCAL=\(name)".utf8)
            Self.append(UInt16(label.count), to: &input)
            input += label
            Self.append(UInt32(pairs.count), to: &input)
            for (n, instant) in pairs {
                Self.append(n, to: &input)
                Self.append(instant, to: &input)
            }
            sent += pairs.count
        }
        #expect(sent > 100_000, "\(sent) local times")
        await Self.expectAgreement(input, sent: sent)
    }

    /// POSIX rules as `TZ` gives them, against glibc's reading of the same string: names in angle
    /// brackets, negative and extended hours, `Jn` and `n` days, southern summers. Not all-year
    /// daylight time (`EST5EDT4,0/0,J365/25`): glibc keeps standard time until the year's start in
    /// local time, while RFC 9636, Python's zoneinfo and iid have daylight time all year
    /// (`POSIXTimeZoneTests.negativeAndExtendedHours`).
    @Test func posixRulesAgreeWithGlibc() async throws {
        let rules = [
            "CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT,M3.2.0,M11.1.0", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
            "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "NZST-12NZDT,M9.5.0,M4.1.0/3", "AAA3BBB,J60/1:30,J300/25",
            "AAA-5:45BBB-6:45,59/0,300/2", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "IST-1GMT0,M10.5.0,M3.5.0/1",
            "<+0545>-5:45", "XXX+11:30:15",
        ]
        var input: [UInt8] = []
        var sent = 0
        for text in rules {
            let rule = try #require(POSIXTimeZone(text), "\(text)")
            let zone = TZifZone(identifier: text, rule: rule)
            var instants: [Int64] = []
            for t in zone.changes(in: 0...4_102_444_800) { instants += [t - 1, t, t + 1] }
            instants += stride(from: Int64(997), to: 4_102_444_800, by: 3 * 86_400 + 5 * 3_600 + 7)
            Self.appendOffsets(label: "TZ=\(text)", of: zone, at: instants, to: &input)
            sent += instants.count
        }
        await Self.expectAgreement(input, sent: sent)
    }

    /// One record for the oracle: the label (a zone name, or `TZ=` and a rule), then each instant
    /// with iid's UTC offset at it.
    static func appendOffsets(label: String, of zone: TZifZone, at instants: [Int64], to input: inout [UInt8]) {
        let name = Array(label.utf8)
        append(UInt16(name.count), to: &input)
        input += name
        append(UInt32(instants.count), to: &input)
        for t in instants {
            append(t, to: &input)
            append(Int32(zone.secondsFromGMT(at: t)), to: &input)
        }
    }

    /// Runs the oracle over `input` and expects it to have checked `sent` instants and found no
    /// disagreement. Through the daemon's own spawner, not Foundation's `Process`, whose `run()` in this
    /// toolchain can crash reading /proc/self/fd (Tests/IntegrationTests/TestProcess.swift).
    static func expectAgreement(_ input: [UInt8], sent: Int) async {
        let result = await SpawnRunner().run(["/usr/bin/python3", script], input: input, timeout: .seconds(300))
        #expect(result.exitCode == 0, "the oracle: \(result.stderr)")
        let output = result.stdout
        let lines = output.split(separator: "\n")
        #expect(lines.last == "checked \(sent)", "the oracle checked every instant sent")
        let disagreements = lines.dropLast()
        #expect(
            disagreements.count == 0,
            "\(disagreements.count) disagreements in \(Set(disagreements.map { $0.prefix { $0 != "\t" } }).sorted()) (zone, seconds, oracle, iid), first: \(disagreements.prefix(10).joined(separator: "; "))"
        )
    }
}
