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

/// Sorts a batch of inotify changes into what the loop must do: reload the config, re-read the
/// events folder whole (it came or went, or the kernel's queue overflowed), or re-read some event
/// files. Pure, so the routing is tested without a kernel.
public struct FileRouter: Sendable, Equatable {
    public var configPath: String
    public var eventsDirectory: String
    /// The calendar folder (`calendar.dir`), watched while it is configured.
    public var calendarDirectory: String?

    public init(configPath: String, eventsDirectory: String, calendarDirectory: String? = nil) {
        self.configPath = configPath
        self.eventsDirectory = eventsDirectory
        self.calendarDirectory = calendarDirectory
    }

    /// The folders to watch: the config's, the events folder, and the events folder's parent, to
    /// notice the events folder being removed, moved back or recreated.
    public var watched: [String] { [configDirectory, eventsDirectory, eventsParent, deliveriesDirectory] }

    var configDirectory: String { PathName.parent(of: configPath) }
    var eventsParent: String { PathName.parent(of: eventsDirectory) }
    /// Other devices' delivery records (`DeliveryRecords`), brought by a sync tool.
    var deliveriesDirectory: String { eventsDirectory + "/" + DeliveryRecords.folderName }

    public struct Route: Sendable, Equatable {
        public var configChanged = false
        /// The events folder itself appeared, vanished or was replaced: watch it anew.
        public var eventsFolderReplaced = false
        /// Every event file must be read again.
        public var readAll = false
        /// The event files named in the batch.
        public var eventFiles: Set<String> = []
        /// A device's delivery records changed.
        public var deliveriesChanged = false
        /// iid's items in the calendar folder named in the batch (vdirsyncer's writes, or iid's own).
        public var calendarFiles: Set<String> = []
        /// Every calendar item must be looked at again (the kernel's queue overflowed).
        public var calendarRescan = false

        public var eventsChanged: Bool { readAll || !eventFiles.isEmpty }
    }

    public func route(_ changes: [InotifyWatcher.Change]) -> Route {
        var route = Route()
        let configName = PathName.last(of: configPath)
        let eventsName = PathName.last(of: eventsDirectory)
        for c in changes {
            if c.overflow {
                // Anything may have been missed.
                route.readAll = true
                route.configChanged = true
                route.calendarRescan = calendarDirectory != nil
                continue
            }
            if c.directory == eventsParent && c.name == eventsName {
                route.eventsFolderReplaced = true
                route.readAll = true
            }
            if c.directory == configDirectory && c.name == configName { route.configChanged = true }
            if c.directory == eventsDirectory && EventStore.isEventFile(c.name) { route.eventFiles.insert(c.name) }
            if c.directory == deliveriesDirectory && EventStore.isEventFile(c.name) { route.deliveriesChanged = true }
            if c.directory == eventsDirectory && c.name == DeliveryRecords.folderName { route.deliveriesChanged = true }
            if c.directory == calendarDirectory && VdirStore.isItem(c.name) { route.calendarFiles.insert(c.name) }
        }
        return route
    }
}
