from mailbot.cli import main

if __name__ == "__main__":  # not when a reading process (mailbot.reading, "spawn") imports it
    raise SystemExit(main())
