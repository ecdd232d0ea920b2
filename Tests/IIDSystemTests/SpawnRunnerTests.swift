import Foundation
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The process runner every channel goes through: argv in, stdin fed, output and status back.
@Suite struct SpawnRunnerTests {
    let runner = SpawnRunner()

    @Test func feedsStdinAndReadsStdout() async {
        let text = String(repeating: "line of mail text\n", count: 20_000)  // more than a pipe holds
        let outcome = await runner.run(["cat"], input: Array(text.utf8), timeout: .seconds(10))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.utf8.count == 1 << 16, "stdout is kept up to 64 KiB, the rest read and dropped")
        #expect(text.hasPrefix(outcome.stdout))
    }

    @Test func reportsExitCodeStderrAndSignal() async {
        let failed = await runner.run(["sh", "-c", "echo no relay >&2; exit 75"], input: [], timeout: .seconds(10))
        #expect(failed.exitCode == 75)
        #expect(failed.stderr == "no relay\n")
        #expect(failed.summary == "exit 75: no relay")
        let killed = await runner.run(["sh", "-c", "kill -KILL $$"], input: [], timeout: .seconds(10))
        #expect(killed.signal == SIGKILL && killed.exitCode == nil && !killed.timedOut)
    }

    @Test func argumentsAreNeverParsedByAShell() async {
        let tricky = "$(touch /tmp/iid-never); `id` 'quoted' \"x\" * \n<b>"
        let outcome = await runner.run(["printf", "%s", tricky], input: [], timeout: .seconds(10))
        #expect(outcome.stdout == tricky)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/iid-never"))
    }

    @Test func childStartsWithDefaultSignalsInItsOwnGroup() async {
        // The daemon ignores SIGPIPE and the signals it watches; a child must not inherit that.
        signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, SIG_DFL) }
        let outcome = await runner.run(
            ["sh", "-c", "grep -E '^(SigIgn|SigBlk)' /proc/self/status; ps -o pgid= -p $$; echo $$"], input: [],
            timeout: .seconds(10))
        let lines = outcome.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count == 4, "\(outcome.stdout)")
        #expect(lines.first { $0.hasPrefix("SigBlk") }?.hasSuffix("0000000000000000") == true)
        // sh itself may ignore a few signals (SIGQUIT when interactive); SIGHUP (bit 0) is not among them.
        let ignored = lines.first { $0.hasPrefix("SigIgn") }.flatMap {
            UInt64($0.split(separator: "\t").last ?? "", radix: 16)
        }
        #expect(ignored.map { $0 & 1 == 0 } == true, "SIGHUP is back to its default")
        #expect(lines.count == 4 && lines[2] == lines[3], "the child leads its own process group")
    }

    @Test func streamsLinesAsTheyArrive() async {
        let seen = Lines()
        let outcome = await runner.runStreaming(
            ["sh", "-c", "echo 42; echo second; printf tail"], timeout: .seconds(10)
        ) {
            seen.add($0)
        }
        #expect(outcome.exitCode == 0)
        #expect(seen.all == ["42", "second", "tail"])
    }

    @Test func cancellingTheCallerEndsTheChild() async {
        let marker = "31.\(Int.random(in: 100_000...999_999))"
        let task = Task { await runner.runStreaming(["/bin/sleep", marker], timeout: .seconds(60)) { _ in } }
        // Wait until the child is running, then cancel and expect it gone when the call returns.
        var running = false
        for _ in 0..<500 where !running {
            running =
                await runner.run(["pgrep", "-f", "sleep \(marker)"], input: [], timeout: .seconds(5)).exitCode == 0
        }
        #expect(running)
        task.cancel()
        let outcome = await task.value
        #expect(outcome.timedOut)
        let left = await runner.run(["pgrep", "-f", "sleep \(marker)"], input: [], timeout: .seconds(5))
        #expect(left.exitCode == 1)
    }

    @Test func aMissingProgramIsALaunchError() async {
        let outcome = await runner.run(["iid-no-such-program"], input: [], timeout: .seconds(5))
        #expect(outcome.launchError == "iid-no-such-program: not found")
        #expect(await runner.run([], input: [], timeout: .seconds(5)).launchError == "empty command")
    }
}
