import IIDCore
import Testing

@Suite struct MbsyncConfigTests {
    @Test func theMaildirStoresPathsAndInboxes() {
        let text = """
            IMAPAccount work
            Host imap.example.org
            User sam
            PassCmd "pass mail"

            IMAPStore work-remote
            Account work

            # the local side
            MaildirStore work-local
            Path ~/Mail/work/
            Inbox ~/Mail/work/INBOX
            SubFolders Verbatim

            MaildirStore "home local"
            Path "~/Mail/home mail/"

            Channel work
            Far :work-remote:
            Near :work-local:
            """
        #expect(
            MbsyncConfig.maildirStores(text) == [
                MbsyncConfig.Store(name: "work-local", path: "~/Mail/work/", inbox: "~/Mail/work/INBOX"),
                MbsyncConfig.Store(name: "home local", path: "~/Mail/home mail/", inbox: nil),
            ])
        #expect(MbsyncConfig.maildirStores("") == [])
        #expect(MbsyncConfig.maildirStores("Path /nowhere\n") == [], "a Path outside a MaildirStore is not one")
    }
}
