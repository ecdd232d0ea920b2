import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One real Syncthing instance (Debian's `syncthing`) with a home of its own, listening only on a
/// loopback port, with discovery, relays, NAT, STUN, usage reports and upgrades off: it talks to
/// its peer and to nothing else.
final class SyncthingPeer {
    static let binary = "/usr/bin/syncthing"
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let home: String
    let folder: String
    let listenPort: Int
    let guiPort: Int
    let id: String
    let logPath: String
    private var process: TestProcess?

    init(home: String, folder: String) throws {
        self.home = home
        self.folder = folder
        logPath = home + ".log"
        listenPort = try freeLoopbackPort()
        guiPort = try freeLoopbackPort()
        _ = try Self.run(["generate", "--home=\(home)", "--no-default-folder"])
        id = try Self.run(["serve", "--home=\(home)", "--device-id"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(id.count > 50, "no device id from syncthing: \(id)")
    }

    deinit { stop() }

    static func run(_ args: [String]) throws -> String {
        let p = try TestProcess(binary, args, stdout: .pipe)
        let output = p.readToEnd().stdout
        p.end()
        return output
    }

    /// The whole config: this device, its peer at a static address, one shared folder.
    func configure(sharingWith peer: SyncthingPeer) throws {
        let xml = """
            <configuration version="36">
                <folder id="iid-events" label="iid events" path="\(folder)" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false">
                    <device id="\(id)"></device>
                    <device id="\(peer.id)"></device>
                </folder>
                <device id="\(id)" name="self" compression="metadata"><address>dynamic</address></device>
                <device id="\(peer.id)" name="peer" compression="metadata"><address>tcp://127.0.0.1:\(peer.listenPort)</address></device>
                <gui enabled="true" tls="false"><address>127.0.0.1:\(guiPort)</address></gui>
                <options>
                    <listenAddress>tcp://127.0.0.1:\(listenPort)</listenAddress>
                    <globalAnnounceEnabled>false</globalAnnounceEnabled>
                    <localAnnounceEnabled>false</localAnnounceEnabled>
                    <relaysEnabled>false</relaysEnabled>
                    <natEnabled>false</natEnabled>
                    <stunKeepaliveStartS>0</stunKeepaliveStartS>
                    <urAccepted>-1</urAccepted>
                    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
                    <crashReportingEnabled>false</crashReportingEnabled>
                    <startBrowser>false</startBrowser>
                    <reconnectionIntervalS>1</reconnectionIntervalS>
                </options>
            </configuration>
            """
        try xml.write(toFile: home + "/config.xml", atomically: true, encoding: .utf8)
    }

    func start() throws {
        var env = ProcessInfo.processInfo.environment
        env["STNODEFAULTFOLDER"] = "1"
        env["STNOUPGRADE"] = "1"
        process = try TestProcess(
            Self.binary, ["serve", "--home=\(home)", "--no-browser", "--no-upgrade", "--no-restart"],
            environment: env, stdout: .file(logPath), stderr: .stdout)
    }

    /// Whether it has a connection to its peer, by its own log.
    var connected: Bool {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("Established secure connection")
    }

    /// The end of its log, for a failure's message.
    var logTail: String {
        String(((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").suffix(3000))
    }

    func stop() {
        guard let p = process else { return }
        process = nil
        p.signal(SIGTERM)
        p.end(within: 10)
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
            bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0
        }
    }
    try #require(bound, "no free loopback port")
    return Int(UInt16(bigEndian: addr.sin_port))
}
