import Foundation
import IIDCore
import Testing

@Suite struct StatsTests {
    @Test func statsFunnel() {
        var log = Campaign.log
        log.add(.added, "bob", at: "2026-11-01 08:00")
        log.add(.requested, "bob", at: "2026-11-02 10:00")
        log.add(.added, "cy", at: "2026-11-01 08:00")
        log.add(.held, "jane", at: "2026-11-11 15:40")
        log.add(.thanked, "jane", at: "2026-11-12 10:00")
        let stats = CampaignStats(planner().plan(log.events).contacts)
        #expect(stats.funnel.map(\.1) == [3, 2, 1, 1, 1])
        #expect(stats.replyRate == 0.5)
        #expect(stats.medianDaysToMeeting.map { Int(($0 * 24).rounded()) } == 221)
        #expect(stats.thankedWithinTwoDays == 1)
        #expect(stats.chart().contains("listed"))
    }
}
