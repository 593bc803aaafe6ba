"""The database edge: engine and sessions (engine), tables (models), migrations, the worker lock,
and the queries the passes and the practice share (records, attention, problems)."""
