// The memory floor of a statically linked Swift program that links FoundationEssentials alone, as
// iid and iictl do: `bench/run.py` builds it with `swiftc -O -static-stdlib` and reads VmRSS. It
// encodes one value as JSON, as iid's status does, so that Essentials' code is touched.
import FoundationEssentials

let json = (try? JSONEncoder().encode(["now": Date().timeIntervalSince1970]))?.count ?? 0
let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") { print(line, json > 0 ? "" : "(no JSON)") }
