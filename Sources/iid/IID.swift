import ArgumentParser
import Dispatch
import IIDCore
import IIDDaemon
import IIDSystem
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `iid`: the reminder daemon. Runs in the foreground; systemd (or a terminal) keeps it.
@main
struct IID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iid",
        abstract: "The informational interview reminder daemon.",
        discussion: """
            iid watches its config and the event log, works out every pending task, and reminds you \
            when each falls due: by desktop notification, email or the systemd journal. It runs in the \
            foreground; SIGHUP reloads, SIGTERM stops. Use iictl to record events and ask for status.
            """,
        version: IIDVersion.string)

    @Option(name: .long, help: "Read this config file instead of $IID_CONFIG or ~/.config/iid/config.yaml.")
    var config: String?

    @Flag(name: .customLong("check-config"), help: "Check the config, print 'configuration OK' or the error, and exit.")
    var checkConfig = false

    @Option(
        name: .customLong("log-level"), help: "The least severe messages to log: debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() throws {
        let paths = Paths()
        let loader = ConfigLoader(paths: paths, override: config)
        if checkConfig {
            do {
                let loaded = try loader.load()
                for w in loaded.warnings { StandardError.write("\(w.description)\n") }
                print("configuration OK: \(loaded.path ?? "built-in default (no file at \(loaded.searchedPath))")")
                return
            } catch {
                StandardError.write("\(error.description)\n")
                throw ExitCode.failure
            }
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in JournalStderrLogHandler(label: label, level: level) }
        let log = Logger(label: "iid")
        Descriptors.raiseSoftLimit()
        do {
            let daemon = try Daemon(loader: loader, environment: .live(), log: log)
            daemon.onStop = { Glibc.exit(0) }
            daemon.handleSignals()
            try daemon.start()
            // The daemon lives as long as the process: dispatchMain never returns.
            withExtendedLifetime(daemon) { dispatchMain() }
        } catch let error as ConfigError {
            log.critical("\(error.description)")
            throw ExitCode.failure
        } catch is StartError {
            throw ExitCode.failure
        } catch {
            log.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
    }
}
