import Foundation
import IIDCore
import Testing

@Suite struct ICalendarTests {
    @Test func calendarHasStableUIDsAndGrowingSequence() {
        let contacts = planner().plan(Campaign.log.events).contacts
        let ics = ICalendar(config: Campaign.config, zone: berlin).document(contacts, stamp: local("2026-11-06 12:00"))
        #expect(ics.contains("UID:jane-meeting-1@iid.localhost\r\n"))
        #expect(ics.contains("SEQUENCE:1\r\n"))
        #expect(ics.contains("DTSTART:20261111T140000Z\r\n"))
        #expect(ics.contains("DTEND:20261111T143000Z\r\n"))
        #expect(ics.contains("LOCATION:Café\\, Berlin\r\n"))
        #expect(ics.contains("TRIGGER:-PT60M\r\n"))
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
    }
}
