import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.CalendarCommand {
    struct Setup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "setup",
            abstract: "Pair the calendar folder (calendar.dir) with a CalDAV calendar through vdirsyncer.",
            discussion: """
                Writes a vdirsyncer config with a pair named iid to $XDG_CONFIG_HOME/vdirsyncer/config when \
                there is none, and otherwise prints the lines to add. Then: vdirsyncer discover iid, and \
                systemctl --user enable --now vdirsyncer.timer. The password stays in its file (which must \
                be readable by you alone, chmod 600); vdirsyncer reads it, iid never does.
                """)

        @Option(name: .customLong("caldav"), help: "The CalDAV collection's URL.") var url: String
        @Option(help: "The user name on the CalDAV server.") var username: String
        @Option(help: "A file holding the password (mode 600).") var passwordFile: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            guard let configured = ctx.config.calendarDir else {
                throw Failure(
                    "calendar.dir is not set; add to \(ctx.loaded.path ?? ctx.loaded.searchedPath):\n"
                        + "  calendar:\n    dir: ~/.local/share/iid/calendar")
            }
            let vdir = ctx.paths.expand(configured)
            let secret = absolute(ctx.paths.expand(passwordFile))
            guard let mode = FileIO.mode(secret) else { throw Failure("cannot read \(secret): no such file") }
            guard mode & 0o077 == 0 else {
                throw Failure(
                    "\(secret) can be read by others (mode \(String(mode & 0o777, radix: 8))); run: chmod 600 \(secret)"
                )
            }
            let env = ProcessInfo.processInfo.environment
            let configHome =
                env["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ctx.paths.home + "/.config"
            let dataHome =
                env["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ctx.paths.home + "/.local/share"
            let pair = VdirsyncerConfig(
                vdir: vdir, url: url, username: username, passwordFile: secret,
                statusPath: dataHome + "/vdirsyncer/status/")
            if let problem = pair.problem { throw Failure(problem) }
            do {
                try FileIO.makeDirectory(vdir)
            } catch {
                throw Failure("cannot make the calendar folder: \(error.description)")
            }
            let file = configHome + "/vdirsyncer/config"
            if FileIO.exists(file) {
                print("\(file) exists; add these lines to it:\n")
                print(pair.text(general: false))
            } else {
                do {
                    try FileIO.makeDirectory(configHome + "/vdirsyncer")
                    try FileIO.writeAtomically(pair.text(general: true), to: file, mode: 0o600)
                } catch {
                    throw Failure("cannot write \(file): \(error.description)")
                }
                print("Wrote \(file): the pair iid, \(vdir) and \(Printable.escaped(url)).")
            }
            print("Now run: vdirsyncer discover iid && vdirsyncer sync")
            print("and keep it in sync: systemctl --user enable --now vdirsyncer.timer")
        }

        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        }
    }
}
