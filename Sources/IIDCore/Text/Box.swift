/// A value in a shared box that never changes: one pointer where the value would take its whole
/// size. For what every one of many values carries and few use (an event's details and rarer
/// keys), and for what several share (a task and its reminders). A change is a new box, so
/// copies may share one.
final class Box<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
