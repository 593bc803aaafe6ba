"""What a mail is (mail_kind), whether it is a "pause" command, and which homework it names were
made cheaper by tests that rule a mail out early: a word count before the searches, a long line
before the rest of the mail, a substring before the expression. Each must decide exactly as the
full reading did, kept here as the definition, over the corpora and over any text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.core import mail_kind as kinds
from mailbot.core.commands import WORDS, is_pause_command
from mailbot.core.naming import TYPE_WORDS, mentions
from mailbot.mail.parse import parse_message
from tests.reply_corpus.cases import CASES
from tests.risk_corpus.measure import FOLDERS, lines

CORPUS = Path(__file__).parents[1] / "corpus"


def mail_kind_by_definition(subject: str, new_text: str, attachments: int, answered: bool) -> kinds.Verdict:
    """mail_kind as it was: every search made, in the order the rules are written."""
    body = kinds._own_words(new_text)
    text = f"{subject}\n{body}"
    words = len(body.split())
    folded = body.casefold()
    names = any(re.search(rf"\b{re.escape(w)}\b", folded) for ws in TYPE_WORDS.values() for w in ws)
    folded = subject.casefold()
    names_in_subject = any(
        re.search(rf"\b{re.escape(w)}\b", folded) for ws in TYPE_WORDS.values() for w in ws
    )
    about = bool(kinds.HOMEWORK.search(body) or names) or (
        not kinds.REPLY.match(subject) and bool(kinds.HOMEWORK.search(subject) or names_in_subject)
    )
    if answered or attachments:
        return kinds.Verdict("answer", "answers the homework form" if answered else "an attachment", True)
    session = kinds.SESSION.search(text) and (kinds.RESCHEDULE.search(text) or "?" in text)
    if session and words <= kinds.NOTE_MAX_WORDS:
        return kinds.Verdict("correspondence", "about a session", about)
    if kinds.BILLING.search(text) and words <= kinds.NOTE_MAX_WORDS:
        return kinds.Verdict("correspondence", "about billing", about)
    not_yet = kinds.COULD_NOT.search(body) or kinds.SEND_LATER.search(body)
    long_answer = kinds.ANSWER.search(body) and words >= kinds.LONG_WORDS
    if not_yet and words <= kinds.NOTE_MAX_WORDS and not long_answer:
        return kinds.Verdict("note", "says it is not done yet", about)
    return later_rules(body, words, about)


def answers_by_definition(body: str, words: int) -> bool:
    found = kinds.ANSWER.search(body) or kinds.RATING.search(body) or kinds.NARRATIVE.search(body)
    return len(body.split()) >= words and bool(found)


def later_rules(body: str, words: int, about: bool) -> kinds.Verdict:
    if words <= kinds.NOTE_MAX_WORDS and kinds._asks(body) and not answers_by_definition(body, 20):
        if not (about or words < kinds.LONG_WORDS):
            return kinds.Verdict("correspondence", "a question about something else", about)
        return kinds.Verdict("note", "a question", about)
    if words <= kinds.THANKS_MAX_WORDS and kinds.THANKS.search(body) and not kinds.ANSWER.search(body):
        return kinds.Verdict("correspondence", "thanks", about)
    if answers_by_definition(body, 0):
        return kinds.Verdict("answer", "tells what was done", True)
    if words >= kinds.LONG_WORDS:
        return kinds.Verdict("answer", "tells of the week at length", True)
    if about and words >= 3:
        return kinds.Verdict("answer", "names the homework", True)
    if words >= kinds.STATEMENT_WORDS:
        return kinds.Verdict("answer", kinds.STATEMENT, about)
    return kinds.Verdict("unsure", "too short to tell", about)


def pause_command_by_definition(text: str) -> str | None:
    """is_pause_command as it was: every own line read, then the rules applied."""
    every = text.splitlines()
    signature = next((i for i, line in enumerate(every) if line.rstrip() == "--"), len(every))
    every = every[:signature]
    own = []
    for i, line in enumerate(every):
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            continue
        following = next((later.strip() for later in every[i + 1 :] if later.strip()), "")
        if stripped.endswith(":") and following.startswith(">"):
            continue
        own.append(stripped)
    spoken = [line.rstrip(".!").strip().lower() for line in own]
    commands = {WORDS[word] for word in spoken if word in WORDS}
    others = [line for line, word in zip(own, spoken, strict=True) if word not in WORDS]
    if len(commands) != 1 or len(others) > 3 or any(len(line) > 40 for line in others):
        return None
    return commands.pop()


def corpus_texts() -> list[tuple[str, str]]:
    """(subject, new words) of every mail the tests hold: the parser's corpus, the reply corpus,
    the risk corpus, with a subject of each kind."""
    found = []
    for path in sorted(CORPUS.glob("*.eml")):
        parsed = parse_message(path.read_bytes())
        found.append((parsed.subject, parsed.new_text or parsed.text))
    found += [("Re: Your homework", case.expected) for case in CASES]
    found += [("Re: Your homework", case.body) for case in CASES[::3]]
    risk = [line for folder in FOLDERS for path in sorted(Path(folder).glob("*.txt")) for line in lines(path)]
    subjects = ["Mood log", "Re: Your homework", "session", "invoice?", "stop reminders", ""]
    found += [(subjects[number % len(subjects)], line) for number, line in enumerate(risk)]
    # long mail with a note's cues in it (no note), and a command beside a long line (none)
    week = " ".join(["I walked to the park after work and felt calm for once."] * 12)
    cues = ["The invoice came.", "Can we move our session?", "I couldn't do it.", "Thanks!", "Why?"]
    found += [("Re: Your homework", f"{cue} {week}") for cue in cues]
    found += [("Re: Your homework", f"stop\n{'x' * 45}"), ("Re: Your homework", "Hi,\nstop\na\nb\nc\nd")]
    return found


TEXTS = corpus_texts()
CUES = [
    "session",
    "appointment",
    "reschedule",
    "invoice",
    "bill",
    "couldn't do it",
    "I'll send it tomorrow",
    "thanks",
    "?",
    "mood log",
    "journal",
    "homework",
    "I felt",
    "anxious 70",
    "Situation:",
    "pause",
    "Stop.",
    "resume!",
    "--",
    "> quoted",
    "On Monday she wrote:",
    "Hi,",
    "Best, Anna",
    "the evening journal",
    "mood-log",
    "x" * 45,
]
MAIL = st.lists(
    st.sampled_from(CUES) | st.sampled_from(["\n", "\n\n", " ", ". "]) | st.text(max_size=8), max_size=60
).map("".join)


def test_the_corpora_are_read_as_by_the_full_reading() -> None:
    for subject, text in TEXTS:
        for attachments, answered in ((0, False), (1, False), (0, True)):
            expected = mail_kind_by_definition(subject, text, attachments, answered)
            assert kinds.mail_kind(subject, text, attachments, answered) == expected, text[:200]
        assert is_pause_command(text) == pause_command_by_definition(text), text[:200]


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(["Re: Your homework", "Mood log", "session?", "invoice", ""]), MAIL)
def test_any_mail_is_read_as_by_the_full_reading(subject: str, text: str) -> None:
    assert kinds.mail_kind(subject, text) == mail_kind_by_definition(subject, text, 0, False)
    assert is_pause_command(text) == pause_command_by_definition(text)


def test_a_signature_ends_the_own_lines_before_a_quote_is_looked_for() -> None:
    # "Note:" above the signature is a line of the client's, not an attribution of what follows it
    assert is_pause_command("stop\nNote:\n--\n> quoted") == pause_command_by_definition(
        "stop\nNote:\n--\n> q"
    )
    assert is_pause_command("stop\nNote:\n--\n> quoted") == "pause"


@settings(max_examples=guard(), deadline=None)
@given(MAIL, st.sampled_from(["mood log", "journal", "mood-log", "evening journal", "log", "x"]))
def test_a_homework_is_mentioned_exactly_where_its_whole_name_stands(text: str, phrase: str) -> None:
    folded = text.casefold()
    expected = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", folded) is not None
    assert mentions(folded, phrase) == expected
