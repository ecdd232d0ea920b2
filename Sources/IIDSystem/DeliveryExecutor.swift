import Dispatch

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Where the channels' async work runs: a serial queue of iid's own, not the Swift concurrency
/// pool.
///
/// Why: on Linux, libdispatch watches its constrained pools (the global queues, and with them the
/// concurrency runtime's default executor) with a timer that fires once a second, forever, from
/// the first job such a pool runs. A daemon that delivered one reminder through a task on that
/// pool would then wake every second for good. Queues made with `DispatchQueue(label:)` run on
/// the overcommit pool, which is not watched (concurrent ones do not: they go to the constrained
/// pool); so every task a delivery starts prefers this executor, and every blocking wait gets a
/// thread of its own (`onThread`).
public final class DeliveryExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = DeliveryExecutor()

    /// Runs the jobs of delivery tasks, one at a time (they only hand work on; none blocks).
    let queue = DispatchQueue(label: "iid.delivery")
    /// Runs `body`, which blocks (waiting for a child process), on a thread of its own: a
    /// notification with buttons can wait for hours, and none may hold up another.
    public static func onThread(_ body: @escaping @Sendable () -> Void) {
        // A detached POSIX thread with a small stack, as Foundation's `Thread` made (which
        // `FoundationEssentials` does not have); if none can be made, a pool thread rather than none.
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, 256 << 10)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let started = pthread_create(
            &thread, &attr,
            { raw in
                guard let raw else { return nil }
                Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, box)
        if started != 0 {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            DispatchQueue.global().async(execute: body)
        }
    }

    /// What `onThread` hands its thread.
    final class ThreadBody {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.async { unowned.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Calls `body` on `queue` after `delay`: a timeout without `Task.sleep`, whose timer would
    /// run on a watched pool.
    public static func after(_ delay: Duration, _ body: @escaping @Sendable () -> Void) {
        let (s, a) = delay.components
        let nanos = Int(s) * 1_000_000_000 + Int(a / 1_000_000_000)
        shared.queue.asyncAfter(deadline: .now() + .nanoseconds(max(0, nanos)), execute: body)
    }
}
