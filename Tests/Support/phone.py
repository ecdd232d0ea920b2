#!/usr/bin/env python3
"""A phone's CalDAV client, for tests: Python's caldav package against the test's Radicale.

    phone.py make SERVER CALENDAR_ID        make a collection for events and tasks; print its URL
    phone.py show COLLECTION                print the events and tasks as JSON
    phone.py complete COLLECTION UID        tick a task off, as a phone's task app does
    phone.py move COLLECTION UID START MIN  move an event to START (ISO 8601, with offset), MIN long

Radicale runs without authentication: any user name and password are accepted.
"""

import datetime
import json
import sys

import caldav


def client(url: str) -> caldav.DAVClient:
    return caldav.DAVClient(url=url, username="sam", password="x")


def collection(url: str) -> caldav.Calendar:
    return caldav.Calendar(client=client(url), url=url)


def when(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def main() -> None:
    command, url = sys.argv[1], sys.argv[2]
    if command == "make":
        cal = client(url).principal().make_calendar(
            name=sys.argv[3], cal_id=sys.argv[3], supported_calendar_component_set=["VEVENT", "VTODO"])
        print(cal.url)
        return
    cal = collection(url)
    if command == "show":
        events = []
        for ev in cal.events():
            c = ev.icalendar_component
            alarms = [
                {"trigger": when(a["TRIGGER"].dt), "acknowledged": "ACKNOWLEDGED" in a}
                for a in c.walk("VALARM")
            ]
            events.append({
                "uid": str(c["UID"]), "start": when(c["DTSTART"].dt), "status": str(c.get("STATUS", "")),
                "sequence": int(c.get("SEQUENCE", 0)), "summary": str(c["SUMMARY"]), "alarms": alarms,
            })
        todos = []
        for td in cal.todos(include_completed=True):
            c = td.icalendar_component
            todos.append({
                "uid": str(c["UID"]), "status": str(c.get("STATUS", "")), "due": when(c["DUE"].dt),
                "summary": str(c["SUMMARY"]), "alarms": len(c.walk("VALARM")),
            })
        print(json.dumps({"events": events, "todos": todos}))
    elif command == "complete":
        for td in cal.todos():
            if str(td.icalendar_component["UID"]) == sys.argv[3]:
                td.complete()
                return
        sys.exit("no such task: " + sys.argv[3])
    elif command == "move":
        start = datetime.datetime.fromisoformat(sys.argv[4]).astimezone(datetime.timezone.utc)
        end = start + datetime.timedelta(minutes=int(sys.argv[5]))
        for ev in cal.events():
            c = ev.icalendar_component
            if str(c["UID"]) == sys.argv[3]:
                c["DTSTART"].dt = start
                c["DTEND"].dt = end
                ev.save()
                return
        sys.exit("no such event: " + sys.argv[3])
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
