/// The built-in default configuration text; `config/iid.yaml` is the same text (a test checks it).
/// Regenerate with scripts/gen-default-config.sh after editing config/iid.yaml.
public enum DefaultConfigText {
    public static let yaml = #"""
        # iid configuration. Every key is optional: a key left out keeps the default shown here.
        # Durations: 30s, 90m, 2h (exact); 2d, 1w (calendar days at the same wall-clock time, across
        # daylight-saving changes); 5bd (business days, skipping Saturdays and Sundays).

        # Who you are: used in the brief before each meeting and in the thank-you draft.
        me:
          name: ""
          email: ""
          # The 15-second summary of your background and what you are looking for.
          pitch: ""
          # What you want to learn from these conversations (hot jobs, industry trends, ...).
          objectives: []
          # Notable accomplishments, for when you are asked about your background (upbeat and concise).
          accomplishments: []
          # Your postal address, one line each, for thank-you letters by regular mail.
          address: []

        # This device's name when several devices share the events folder (a sync tool such as Syncthing):
        # it names the files this device appends to. Letters, digits, - and _; empty means the host name.
        device: ""

        # IANA time zone for every time iid shows or computes, e.g. Europe/Berlin; "local" is the system's.
        timezone: local

        # Where the event log lives (one JSON object per line, in *.jsonl files).
        # Default: $XDG_DATA_HOME/iid/events, that is ~/.local/share/iid/events.
        # events_dir: ~/interviews/events

        # Reminders that fall due in this daily window wait until it ends; the journal gets them at once.
        # "HH:MM-HH:MM" (it may span midnight) or off.
        quiet_hours: off

        # Reminders missed while the machine slept or iid was stopped are delivered late, in one digest;
        # those older than this are only logged.
        catch_up: 7d

        delivery:
          # A failed delivery is tried again after this, then after twice as long each time (at most 1h).
          retry: 30s
          # With several devices: these channels go out on each device; the others (email) once across them,
          # from the sender (empty: the first device by name) at once, from another after the grace, unless a
          # record of the sender's shows it by then.
          each_device: [notify, journal]
          sender: ""
          grace: 5m
          notify:
            # notify-send: a name looked up in PATH, or an absolute path.
            command: notify-send
            # Offer Done and Snooze 1h buttons where the notification server supports actions.
            actions: true
            # How long notify-send may take to fail before it counts as failed; with buttons, a notification
            # still open after this counts as shown, and its answer is awaited for up to 12 hours.
            timeout: 10s
          email:
            # Where reminder mail goes; empty turns the email channel off.
            to: ""
            # The sender; empty means me.email, or the login name if that is empty too.
            from: ""
            # The mail transfer agent as an argv list (no shell); the message is written to its stdin.
            sendmail: ["/usr/sbin/sendmail", "-t", "-oi"]
            # How long sendmail may take before the delivery counts as failed and is retried.
            timeout: 30s
          journal:
            # The journal's native socket.
            socket: /run/systemd/journal/socket
          push:
            # Push messages to your phone through Apprise: a list of Apprise URLs, such as
            # ntfy://ntfy.sh/TOPIC, gotify://HOST/TOKEN or tgram://BOTTOKEN/CHATID. Empty: Apprise's own
            # configuration file (~/.config/apprise/apprise.yml, ...) is used. The URLs hold secrets: keep
            # this file private (chmod 600). Add push to a reminder's via to use it.
            urls: []
            # Apprise's command line: a name looked up in PATH, or an absolute path.
            command: apprise
            # How long apprise may take before the delivery counts as failed and is retried.
            timeout: 30s

        # A calendar folder (a vdir: one .ics file per meeting and per task) that iid keeps up to date, for
        # vdirsyncer to sync with a CalDAV server and so with your phone; set it up with
        # `iictl calendar setup`. Off unless set.
        # calendar:
        #   dir: ~/.local/share/iid/calendar

        # Your mail: the Maildir trees that iid watches and `iictl mail scan` reads, headers only and never
        # changing a file, to record replies, sent follow-ups and thank-yous (see Documentation/mail.md).
        # Off unless set.
        # sent: your sent folders by name (default: the folders named like Sent, shown as a guess);
        # addresses: yours besides me.email; since: a day before which messages are not read.
        # mail:
        #   roots: [~/Mail]
        #   sent: [Sent]
        #   addresses: []
        #   since: 2026-09-01

        # A weekly digest: what you owe (thank-yous, follow-ups, the next person at an employer), each
        # with its context, the coming week's meetings with their preparation, the people you are losing
        # touch with, and the week's goals against what you did, in one message. Off unless set.
        # every: a weekday and a time in the zone above (mon 08:00, monday 8:00), or daily 08:00.
        # via: its channels (default [email]). empty: skip (default: a week with nothing owed sends
        # nothing) or send (a short "Nothing owed this week").
        # digest:
        #   every: mon 08:00
        #   via: [email]
        #   empty: skip

        # A week's goals, Monday to Monday in the zone above: how many meeting requests to send and how
        # many meetings to hold. `iictl stats --week` and the digest show them against what you did, and
        # the weeks met in a row. Either may be left out; off unless set.
        # goals:
        #   requests: 5
        #   meetings: 2

        # When each kind of task reminds you, when it is due, and through which channels
        # (notify, email, journal, push). An entry here overrides only the keys it names.
        # before/after: the first reminder; due: when the task is due, counted the same way.
        # overdue_via: a second reminder at the due time, through these channels ([] for none).
        reminders:
          # A meeting was requested but not scheduled: a follow-up, then another. The first is counted
          # from the request, each next one from the one before being sent (iictl done); after the last,
          # unanswered for cold_after, the contact goes cold and nothing more is nagged. `after` is the
          # first of the sequence; each later one is due as long after its reminder as the first
          # (due - after, when both are in one kind of unit). Coaches' routine: sequence: [3bd, 7bd].
          # iictl replied / declined stop it; scheduling the meeting does too.
          follow-up:
            after: 7d
            due: 10d
            sequence: [7d, 7d]
            cold_after: 7d
            via: [notify, journal]
            overdue_via: []
          # Research the organisation, prepare targeted questions. Counted back from the meeting's start.
          homework:
            before: 2d
            due: 0m
            via: [notify, journal]
            overdue_via: []
          # Confirm the time and how long the person can give. Counted back from the meeting's start.
          confirm:
            before: 1d
            due: 2h
            via: [notify, journal]
            overdue_via: []
          # Pitch, objectives, ask to take notes, not a job interview. Counted back from the start.
          brief:
            before: 1h
            due: 0m
            via: [notify, journal]
            overdue_via: []
          # A short note by regular mail within a day or two. Counted from the meeting's end.
          thank-you:
            after: 2h
            due: 2d
            via: [notify, journal]
            overdue_via: [notify, email, journal]
          # Stay in touch. Counted from the thank-you, then from the last interaction (a note, a reply).
          # `iictl edit ID --cadence 60d` sets a person's own period instead of `after` (due then
          # due - after later), also for people never met; `--cadence never` silences it.
          keep-in-touch:
            after: 90d
            due: 104d
            via: [notify, journal]
            overdue_via: []
          # One employer at a time (the 3B7 routine): while a request to someone at an organisation waits
          # for its answer, `iictl request` to a second person there is refused (--force for an exception)
          # until `after` has passed; people meet an organisation by name (see iictl org). At an
          # organisation on your list (iictl org add), a task then says whom to try next there. Counted
          # from the request; business days (bd) skip Saturdays and Sundays, as the follow-ups count them.
          next-contact:
            one_at_a_time: true
            after: 3bd
            due: 5bd
            via: [notify, journal]
            overdue_via: []
          # When you meet someone a contact referred you to, tell that contact how it went (coaches: keep
          # them informed of your progress): a task `REFERRER.report-back.PERSON`, counted from the meeting
          # being held; `iictl draft report-back REFERRER` drafts it. Acting on a contact's advice
          # (`iictl acted ID TEXT`) owes them one too: `ID.report-back.advice.DAY`, counted from the first
          # piece acted on since the last report (`iictl draft report-back ID --advice`). `after: never`
          # turns both off.
          report-back:
            after: 2d
            due: 7d
            via: [notify, journal]
            overdue_via: []

        """#
}
