import IIDDaemon
import Testing

@Suite struct FileRouterTests {
    let router = FileRouter(configPath: "/h/.config/iid/config.yaml", eventsDirectory: "/h/.local/share/iid/events")

    @Test func watchesTheConfigFolderTheEventsFolderItsParentAndTheDeliveryRecords() {
        #expect(
            router.watched == [
                "/h/.config/iid", "/h/.local/share/iid/events", "/h/.local/share/iid",
                "/h/.local/share/iid/events/deliveries",
            ])
    }

    @Test func anotherDevicesRecordsAreRoutedButNotASyncToolsTemporaryFile() {
        let r = router.route([.init(directory: "/h/.local/share/iid/events/deliveries", name: "desktop.jsonl")])
        #expect(r.deliveriesChanged && !r.eventsChanged)
        let tmp = router.route([
            .init(directory: "/h/.local/share/iid/events/deliveries", name: ".syncthing.desktop.jsonl.tmp"),
            .init(directory: "/h/.local/share/iid/events", name: ".syncthing.2026-12.desktop.jsonl.tmp"),
            .init(directory: "/h/.local/share/iid/events", name: ".stfolder"),
        ])
        #expect(!tmp.deliveriesChanged && !tmp.eventsChanged)
        let replaced = router.route([.init(directory: "/h/.local/share/iid/events", name: "deliveries")])
        #expect(replaced.deliveriesChanged && !replaced.eventsChanged)
    }

    @Test func routesEachChangeToWhatItAffects() {
        let r = router.route([
            .init(directory: "/h/.config/iid", name: "config.yaml"),
            .init(directory: "/h/.config/iid", name: "other.yaml"),
            .init(directory: "/h/.local/share/iid/events", name: "2026-11.jsonl"),
            .init(directory: "/h/.local/share/iid/events", name: ".2026-11.jsonl.swp"),
        ])
        #expect(r.configChanged)
        #expect(r.eventFiles == ["2026-11.jsonl"])
        #expect(!r.readAll && !r.eventsFolderReplaced)
    }

    @Test func anEditorsSwapFileChangesNothing() {
        let r = router.route([.init(directory: "/h/.local/share/iid/events", name: ".2026-11.jsonl.swp")])
        #expect(!r.eventsChanged && !r.configChanged)
    }

    @Test func theEventsFolderReplacedOrAnOverflowReadsEverything() {
        let moved = router.route([.init(directory: "/h/.local/share/iid", name: "events")])
        #expect(moved.eventsFolderReplaced && moved.readAll && !moved.configChanged)
        let overflow = router.route([.init(directory: "", name: "", overflow: true)])
        #expect(overflow.readAll && overflow.configChanged && !overflow.eventsFolderReplaced)
    }
}
