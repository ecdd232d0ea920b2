import Foundation
import Testing

@testable import IIDSystem

@Suite struct ParallelMapTests {
    @Test func everyItemIsTransformedOnceAndInOrder() {
        let items = (0..<500).map { "item \($0)" }
        let calls = Counter()
        for threads in [1, 2, 4, 600] {
            let out = ParallelMap.map(items, threads: threads) { item -> Int in
                calls.add()
                return Int(item.dropFirst(5)) ?? -1
            }
            #expect(out == Array(0..<500), "threads: \(threads)")
        }
        #expect(calls.value == 4 * 500)
        #expect(ParallelMap.map([], threads: 4) { $0 }.isEmpty)
    }

    @Test func theWorkIsSharedBetweenThreads() {
        // Each item waits until two threads have taken one, which only happens if two run at once.
        let started = Counter()
        let out = ParallelMap.map(["a", "b"], threads: 2) { item -> String in
            started.add()
            let deadline = Date().addingTimeInterval(10)
            while started.value < 2, Date() < deadline { sched_yield() }
            return item + "\(started.value)"
        }
        #expect(out == ["a2", "b2"])
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }
}
