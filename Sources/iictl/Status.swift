import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

extension IICtl {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Ask the running iid daemon how it is.")

        @Flag(help: "Print the daemon's JSON answer.") var json = false

        func run() throws {
            try perform {
                let paths = Paths()
                let answer: String
                do {
                    answer = try ControlClient(path: paths.controlSocket).request("status")
                } catch let error as SystemError {
                    if error.code == EACCES || error.code == EPERM {
                        throw Failure(
                            "permission denied: the iid at \(paths.controlSocket) belongs to another user (\(error))")
                    }
                    if ControlListener.isHeld(path: paths.lockFile) {
                        throw Failure("iid is running but did not answer (busy or stopped): \(error)")
                    }
                    throw Self.notRunning(paths)
                } catch {
                    throw Self.notRunning(paths)
                }
                if json {
                    print(answer)
                    return
                }
                guard let status = try? DaemonStatus.decode(answer) else {
                    throw Failure("the daemon's answer is not a status: \(answer)")
                }
                print(status.text)
            }
        }

        /// The socket's path once, and how to start the daemon.
        static func notRunning(_ paths: Paths) -> Failure {
            Failure(
                "no iid daemon is running (nothing answers at \(paths.controlSocket)): start it with `systemctl --user start iid`, or run `iid` in a terminal"
            )
        }
    }
}
