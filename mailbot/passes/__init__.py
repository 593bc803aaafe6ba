"""The periodic passes: each reads its state, asks mailbot.core what to do, and applies it through
the edges. intake, drafts, reminders, sent (the feedback promise), digest, brief, mail_control."""
