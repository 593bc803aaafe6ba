from mailbot.cli.main import main

if __name__ == "__main__":  # not when a reading process (mailbot.practice.reading, "spawn") imports it
    raise SystemExit(main())
