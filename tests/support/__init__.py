"""Helpers shared by the test suites: fakes of the mail edges, mailbot as a subprocess, a practice's set-up."""
