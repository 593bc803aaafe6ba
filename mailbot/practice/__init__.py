"""What the therapist does, whichever way she asks (command line or mail): clients, assignments,
triage, refiling, feedback, a client's data rights, the session brief; and what a filed
submission does to its assignment (reading, crediting)."""
