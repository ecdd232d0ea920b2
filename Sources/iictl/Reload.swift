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
    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reload",
            abstract: "Ask the running iid daemon to read its config again.",
            discussion: "For a daemon started in a terminal as well as one systemd started.")

        func run() throws {
            let paths = Paths()
            let answer: String
            do {
                answer = try ControlClient(path: paths.controlSocket).request("reload")
            } catch let error {
                if error.code == EACCES || error.code == EPERM {
                    throw Failure(
                        "permission denied: the iid at \(paths.controlSocket) belongs to another user (\(error))")
                }
                if ControlListener.isHeld(path: paths.lockFile) {
                    throw Failure("iid is running but did not answer (busy or stopped): \(error)")
                }
                throw Failure(
                    "no iid daemon is running; start one with 'systemctl --user start iid', or run 'iid' in a terminal")
            }
            guard answer == "ok" else { throw Failure("iid did not reload: \(answer)") }
            // A config it cannot use is refused and the last good one kept; the answer is still
            // `ok`, so the status says which it was.
            if let status = try? ControlClient(path: paths.controlSocket).request("status"),
                let problem = try? JSONDecoder().decode(ConfigErrorField.self, from: Data(status.utf8)).configError
            {
                throw Failure("iid kept its last good config: \(problem)")
            }
            print("iid reloaded its config.")
        }
    }
}

/// The one field of the daemon's status that `reload` reads.
private struct ConfigErrorField: Decodable {
    var configError: String?
    enum CodingKeys: String, CodingKey { case configError = "config_error" }
}
