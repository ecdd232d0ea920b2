/// What happened to one reminder on one channel.
public enum DeliveryOutcome: Sendable, Equatable {
    /// It reached the channel; `detail` says how (e.g. "to stderr, no journal socket").
    case delivered(String)
    /// It did not, and is worth retrying.
    case failed(String)
    /// The channel is not set up (no `email.to`): recorded as skipped, not retried.
    case unavailable(String)
}
