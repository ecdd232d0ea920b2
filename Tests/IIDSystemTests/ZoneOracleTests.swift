import Foundation
import IIDCore
import IIDSystem
import Testing

/// iid's reading of every zone in the system's tz database, compared with Python's `zoneinfo`,
/// which reads the same files with other code (`scripts/zone-oracle.py`): each transition from
/// 1800 to 2100 and a second either side, and instants spread over 1970–2100.
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

    @Test func everyZoneAgreesWithZoneinfo() throws {
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
            // Every 9 days and 7 hours and a few seconds: all hours of the day and days of the week.
            instants += stride(from: from1970 + 1_234, to: to2100, by: 9 * 86_400 + 7 * 3_600 + 13)
            let name = Array(name.utf8)
            Self.append(UInt16(name.count), to: &input)
            input += name
            Self.append(UInt32(instants.count), to: &input)
            for t in instants {
                Self.append(t, to: &input)
                Self.append(Int32(zone.secondsFromGMT(at: t)), to: &input)
            }
            sent += instants.count
        }
        #expect(transitions > 10_000, "\(transitions) transitions found")

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [Self.script]
        let stdin = Pipe()
        let stdout = Pipe()
        python.standardInput = stdin
        python.standardOutput = stdout
        try python.run()
        let bytes = Data(input)
        let writer = Thread {
            stdin.fileHandleForWriting.write(bytes)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let lines = output.split(separator: "\n")
        #expect(lines.last == "checked \(sent)", "the oracle checked every instant sent")
        let disagreements = lines.dropLast()
        #expect(
            disagreements.count == 0,
            "\(disagreements.count) disagreements (zone, seconds, zoneinfo, iid), first: \(disagreements.prefix(20).joined(separator: "; "))"
        )
    }
}
