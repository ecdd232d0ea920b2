// The memory floor of a statically linked Swift program that links Foundation: `bench/run.py`
// builds it with `swiftc -O -static-stdlib` and reads VmRSS. With `tz` it loads one time zone too,
// as iid must (Foundation's TimeZone loads ICU's data).
import Foundation

if CommandLine.arguments.dropFirst().first == "tz", let zone = TimeZone(identifier: "Europe/Berlin") {
    print(zone.secondsFromGMT(for: Date()))
}
let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") { print(line) }
