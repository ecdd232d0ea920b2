// The memory floor of a statically linked Swift program with the standard library alone.
#if canImport(Glibc)
    import Glibc
#endif

if let f = fopen("/proc/self/status", "r") {
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, 256, f) != nil {
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if line.hasPrefix("VmRSS:") { print(line, terminator: "") }
    }
    fclose(f)
}
