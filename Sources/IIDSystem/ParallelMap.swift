#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `transform` of each item, in order, on up to `threads` threads at once (this one among them),
/// for work that is a loop over independent items: the files of the event log.
///
/// Plain threads made for the call and joined before it returns, not Dispatch's pool, whose
/// workers would stay behind in the daemon. A thread that cannot be made leaves its share to the
/// others: the work is taken item by item from one counter, so it is all done whatever runs it.
enum ParallelMap {
    static func map<T>(_ items: [String], threads: Int, _ transform: @escaping (String) -> T) -> [T] {
        guard threads > 1, items.count > 1 else { return items.map(transform) }
        // Each slot is written by one thread, and read after every thread is joined.
        let shared = Shared(items: items, transform: transform)
        var started: [pthread_t] = []
        for _ in 1..<min(threads, items.count) {
            let context = Unmanaged.passRetained(shared as Worker).toOpaque()
            var thread = pthread_t()
            let made = pthread_create(
                &thread, nil,
                { context in
                    guard let context else { return nil }
                    // A C function cannot name `T`: the thread knows the work by its base class.
                    Unmanaged<Worker>.fromOpaque(context).takeRetainedValue().work()
                    return nil
                }, context)
            if made == 0 {
                started.append(thread)
            } else {
                Unmanaged<Worker>.fromOpaque(context).release()
            }
        }
        shared.work()
        for thread in started { pthread_join(thread, nil) }
        return shared.results()
    }

    /// What a thread runs.
    private class Worker: @unchecked Sendable {
        func work() {}
    }

    /// What the threads share: the items, the next one to take, and a slot for each result.
    private final class Shared<T>: Worker, @unchecked Sendable {
        let items: [String]
        let transform: (String) -> T
        let lock = ThreadLock()
        var next = 0
        let slots: UnsafeMutableBufferPointer<T?>

        init(items: [String], transform: @escaping (String) -> T) {
            self.items = items
            self.transform = transform
            slots = .allocate(capacity: items.count)
            slots.initialize(repeating: nil)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        override func work() {
            while let i = lock.withLock({ () -> Int? in
                guard next < items.count else { return nil }
                defer { next += 1 }
                return next
            }) {
                slots[i] = transform(items[i])
            }
        }

        /// Every slot is filled once the threads are joined: each index is taken once, and the
        /// calling thread works until none is left.
        func results() -> [T] { slots.compactMap { $0 } }
    }
}
