"""Separate a client's new words from the earlier mail they quote, and from their signature.

Works line by line on plain text, and on HTML through ``html_to_text``, which marks the quote
containers of Gmail, Apple Mail, Thunderbird, Yahoo and ProtonMail with ">" like plain text.
The rules, in order:

- A forwarded mail the client sends on purpose ("---------- Forwarded message ---------",
  "Begin forwarded message:", an Outlook block with a "FW:" subject) is kept whole, marker
  line included, when nothing quoted comes before it.
- An Outlook separator ("-----Original Message-----" and its kin) or header block
  ("From:/Sent:/To:/Subject:" in any of the languages in quote_marks) quotes everything below.
- An attribution ("On ... wrote:", "Am ... schrieb ...:", "2014-10-17 11:28 GMT+03:00 Bob
  <bob@example.com>:", wrapped over up to six lines, or sharing a line with the reply) quotes
  everything below when no ">" line follows it, else only itself and the ">" lines, so
  answers written between or below the quote stay new.
- ">" lines count as quoted only when the mail shows it quotes (an attribution, separator or
  header block), or when html_to_text made them from the mail's quote markup: a client's own
  "> you said" or ">>> see this <<<" is kept. (The thread's earlier mail is not at hand here.)
- Signatures: "-- " and a short block under it, "Sent from my iPhone" and its kin, a "-Name"
  sign-off and a mailing-list footer at the end of the client's words.
- When all of it would be quoted, one level of ">" is taken off and the split tried again; if
  still nothing is left, the whole text is the client's: new_text is never empty for a
  non-empty mail.

Every line of the text is in new_text or quoted_text verbatim; new_text may also hold the
client's part of a line they share with an attribution, or a line of an all-quoted mail.
Time is linear in the text: every pattern runs on a bounded piece of a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.mail import quote_marks as marks

_SIGNATURE_MAX_LINES = 10  # a "-- " followed by more than this is the client's text, not a sig
_ATTRIBUTION_MAX_LINES = 6
_UNWRAP_LEVELS = 3


@dataclass
class _Split:
    """Which lines are quoted, and the client's part of lines shared with an attribution."""

    lines: list[str]
    quoted: list[bool]
    shared: dict[int, str] = field(default_factory=dict)


def split_quoted(text: str, marked: bool = False) -> tuple[str, str]:
    """Return (new_text, quoted_text): the client's own words and everything else.

    See the module docstring for the rules. ``marked`` says the ">" marks were put there by
    ``html_to_text`` from the mail's quote markup, so even one of them is a quote. Both results
    keep lines verbatim, with runs of blank lines collapsed.
    """
    if not text:  # a header alone, or a mail of attachments: nothing to split, four times over
        return "", ""
    original = text.split("\n")
    lines = original
    for _ in range(_UNWRAP_LEVELS + 1):
        split = _split(lines, marked)
        split.lines = original  # an unwrapped line still goes out as it was written
        new, old = _sides(split)
        new_text = _join(new)
        if new_text or not all(_is_quote_line(line) for line in lines if line.strip()):
            break
        lines = [_unwrap(line) for line in lines]
    if not new_text:  # a mail that is all quote: every word of it is still what they sent
        return _join(original), ""
    return new_text, _join(old)


def _sides(split: _Split) -> tuple[list[str], list[str]]:
    new: list[str] = []
    old: list[str] = []
    for index, (line, flag) in enumerate(zip(split.lines, split.quoted, strict=True)):
        new.append(split.shared.get(index, "") if flag else line)
        old.append(line if flag else "")
    return new, old


def _split(lines: list[str], marked: bool) -> _Split:
    split = _Split(lines, [False] * len(lines))
    structure = [_structure(lines, index) for index in range(len(lines))]
    attributions = _attributions(lines, structure, split.shared)
    forward = _forward_start(lines, structure, attributions, marked)
    end = forward if forward is not None else len(lines)
    quote_lines = marked or _marked_lines_are_quotes(lines, structure, attributions, end)
    cut = _cut_index(lines, structure, quote_lines, attributions, end)
    for start, stop in attributions:
        for index in range(start, min(stop, cut)):
            split.quoted[index] = True
    for index in range(cut, end):
        split.quoted[index] = True
    if quote_lines:
        for index in range(cut):
            if _is_quote_line(lines[index]):
                split.quoted[index] = True
        _mark_wrapped_links(lines, split.quoted, cut)
    split.shared = {index: part for index, part in split.shared.items() if split.quoted[index]}
    _mark_signatures(lines, split.quoted, cut)
    return split


def _is_quote_line(line: str) -> bool:
    """True for a ">" line, except a client's own ">>> see this <<<" decoration."""
    if ">" not in line:  # most lines, without stripping them first
        return False
    stripped = line.strip()
    return stripped.startswith(">") and not (stripped.startswith(">>>") and stripped.endswith("<<<"))


def _unwrap(line: str) -> str:
    stripped = line.lstrip()
    if not stripped.startswith(">"):
        return line
    rest = stripped[1:]
    return rest[1:] if rest.startswith(" ") else rest


# --- attributions --------------------------------------------------------------------------


def _attributions(lines: list[str], structure: list[str], shared: dict[int, str]) -> list[tuple[int, int]]:
    """Return (start, end) line ranges of attribution lines; fill ``shared`` with the reply
    text in front of an attribution that shares its first line."""
    spans: list[tuple[int, int]] = []
    floor = 0
    for index, line in enumerate(lines):
        if len(line) > marks.LONGEST_MARKER_LINE or not marks.ends_like_attribution(line):
            continue
        found = _attribution_start(lines, structure, index, floor)
        if found is None:
            continue
        start, cut_at = found
        if cut_at:
            shared[start] = lines[start][:cut_at].rstrip(" -")
        spans.append((start, index + 1))
        floor = index + 1
    return spans


def _attribution_start(
    lines: list[str], structure: list[str], end: int, floor: int
) -> tuple[int, int] | None:
    """Find where the attribution ending on ``lines[end]`` starts: (line, column).

    Preference: the end line alone when it opens like an attribution; else the nearest line
    above that does (a wrapped attribution); else the end line alone when it does not start
    in the middle of one ("<bob@example.com> wrote:"); else reply text sharing a line above.
    """
    last = _bare(lines[end])
    above = _lines_above(lines, structure, end, floor)
    if not marks.may_hold_attribution(" ".join([*(_bare(lines[start]) for start in reversed(above)), last])):
        return None  # every test below reads a part of these lines
    if marks.opens_attribution(lines[end]) and marks.is_attribution(last):
        return end, 0
    joined = last
    for start in above:
        joined = f"{_bare(lines[start])} {joined}"
        if marks.opens_attribution(lines[start]) and marks.is_attribution(joined):
            return start, 0
    if marks.is_attribution(last) and not last.startswith(("<", "(", "[")) and "@" not in last.split()[0]:
        return end, _column(lines[end], marks.inner_attribution_start(last))
    joined = last
    for start in above:
        bare = _bare(lines[start])
        joined = f"{bare} {joined}"
        column = marks.inner_attribution_start(joined)
        if 0 < column < len(bare):
            return start, _column(lines[start], column)
    return None


def _lines_above(lines: list[str], structure: list[str], end: int, floor: int) -> list[int]:
    """Non-blank lines above ``end`` that a wrapped attribution may have started on."""
    found: list[int] = []
    for start in range(end - 1, max(floor, end - _ATTRIBUTION_MAX_LINES) - 1, -1):
        line = lines[start]
        if len(line) > marks.LONGEST_MARKER_LINE or structure[start]:
            break
        if not line.strip():
            continue
        if line.rstrip().endswith((".", "!", "?")):
            break
        found.append(start)
    return found


def _column(line: str, column: int) -> int:
    """``column`` of the line's bare text as a column of ``line`` (0 stays 0)."""
    return line.index(_bare(line)) + column if column else 0


def _bare(line: str) -> str:
    return line.lstrip("> \t").rstrip()


def _structure(lines: list[str], index: int) -> str:
    """What Outlook or a forward put on this line: "original", "forward", "header",
    "header-forward" (a block with a "FW:" subject) or "" for none."""
    line = lines[index]
    if len(line) > marks.LONGEST_MARKER_LINE or not marks.may_be_structure(line):
        return ""
    if marks.ORIGINAL_MESSAGE.match(line):
        return "original"
    if marks.FORWARD.match(line):
        return "forward"
    if marks.is_header_block(lines, index):
        return "header-forward" if marks.header_block_is_forward(lines, index) else "header"
    return ""


# --- forwards and cuts ---------------------------------------------------------------------


def _forward_start(
    lines: list[str], structure: list[str], attributions: list[tuple[int, int]], marked: bool
) -> int | None:
    """The line a deliberate forward starts on, when nothing quoted comes before it."""
    first_attribution = attributions[0][0] if attributions else len(lines)
    for index in range(first_attribution):
        kind = structure[index]
        if kind in ("forward", "header-forward"):
            return _extend_over_intro(lines, index)
        if kind or (marked and _is_quote_line(lines[index]) and not marks.FORWARD.match(lines[index])):
            return None
    return None


def _marked_lines_are_quotes(
    lines: list[str], structure: list[str], attributions: list[tuple[int, int]], end: int
) -> bool:
    """True when ">" lines are quotes: the mail shows it quotes (an attribution, a separator or a
    header block). Without that, a ">" line may be the client's own; the thread's earlier mail
    is not at hand to tell, so it is kept."""
    return bool(attributions) or any(kind in ("original", "header") for kind in structure[:end])


def _cut_index(
    lines: list[str], structure: list[str], quote_lines: bool, attributions: list[tuple[int, int]], end: int
) -> int:
    """The first line from which all text is quoted (``end`` when there is none).

    That is an Outlook separator or header block, or an attribution that is not followed by
    a ">" line (the quote below it is not marked, so all of it is quoted). Lines that are
    themselves quoted never cut: they are inside an earlier quote.
    """
    spans = dict(attributions)
    for index in range(end):
        line = lines[index]
        if len(line) > marks.LONGEST_MARKER_LINE or (quote_lines and _is_quote_line(line)):
            continue
        if structure[index] in ("original", "header"):
            return _extend_over_intro(lines, index)
        if index in spans and not _is_quote_line(line) and not _quote_follows(lines, spans[index]):
            return index
    return end


def _quote_follows(lines: list[str], index: int) -> bool:
    for position in range(index, len(lines)):
        if lines[position].strip():
            return _is_quote_line(lines[position])
    return False


def _extend_over_intro(lines: list[str], start: int) -> int:
    """Move a cut up over blank lines and the separator line Outlook or a forward puts above."""
    index = start
    while index > 0 and (not lines[index - 1].strip() or marks.is_separator_intro(lines[index - 1])):
        if marks.is_separator_intro(lines[index - 1]):
            start = index - 1
        index -= 1
    return start


def _mark_wrapped_links(lines: list[str], quoted: list[bool], cut: int) -> None:
    """A long link in a quote that the sender's client wrapped onto an unmarked line is quoted."""
    previous = -1
    for index in range(cut):
        line = lines[index]
        if not line.strip():
            continue
        if (
            not quoted[index]
            and previous >= 0
            and quoted[previous]
            and _looks_like_link_tail(lines[previous], line)
        ):
            following = next((j for j in range(index + 1, cut) if lines[j].strip()), None)
            if following is None or quoted[following]:
                quoted[index] = True
        previous = index


def _looks_like_link_tail(quoted_line: str, line: str) -> bool:
    words = line.split()
    if len(words) > 2 or len(line) > marks.LONGEST_MARKER_LINE:
        return False
    if "://" in line or "www." in line:
        return True
    return len(words) == 1 and "://" in (quoted_line.split() or [""])[-1] + quoted_line[-60:]


# --- signatures ----------------------------------------------------------------------------


def _mark_signatures(lines: list[str], quoted: list[bool], cut: int) -> None:
    """Mark signatures in the client's words: "-- " blocks, device lines, sign-offs, footers."""
    for start, stop in _new_blocks(quoted, cut):
        _mark_delimited_signature(lines, quoted, start, stop)
        tail = [index for index in range(start, stop) if lines[index].strip() and not quoted[index]]
        _mark_tail_signatures(lines, quoted, tail)


def _new_blocks(quoted: list[bool], cut: int) -> list[tuple[int, int]]:
    """Runs of lines before ``cut`` that hold no quoted line."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for index in range(cut + 1):
        if index == cut or quoted[index]:
            if index > start:
                blocks.append((start, index))
            start = index + 1
    return blocks


def _mark_delimited_signature(lines: list[str], quoted: list[bool], start: int, stop: int) -> None:
    for index in range(start, stop):
        line = lines[index].rstrip()
        delimiter = line in ("--", "__")
        # a separator line ends in "_", "-" or "=" (white space aside): most lines are not tried
        footer = (
            line[-1:] in ("_", "-", "=")
            and marks.is_separator_intro(line)
            and marks.is_list_footer(lines[index + 1 : min(stop, index + 2 + _SIGNATURE_MAX_LINES)])
        )
        if not (delimiter or footer) or len(line) > marks.LONGEST_MARKER_LINE:
            continue
        body = [text for text in lines[index + 1 : stop] if text.strip()]
        if body and len(body) <= _SIGNATURE_MAX_LINES:
            for position in range(index, stop):
                quoted[position] = True
        return


def _mark_tail_signatures(lines: list[str], quoted: list[bool], tail: list[int]) -> None:
    """Device lines and "-Name" sign-offs near the end of a block of the client's words."""
    for position in range(max(0, len(tail) - 3), len(tail)):
        index = tail[position]
        line = lines[index]
        after = tail[position + 1 :]
        near_end = len(after) <= 2 and all(len(lines[j].strip()) <= 40 for j in after)
        if not near_end:
            continue
        if marks.is_device_line(line):
            quoted[index] = True
        elif marks.is_dash_sign_off(line) and _not_a_list(lines, tail, position, after):
            for marked in (index, *after):
                quoted[marked] = True
            return
        elif position == len(tail) - 1 and _starts_list_footer(line):
            quoted[index] = True


def _not_a_list(lines: list[str], tail: list[int], position: int, after: list[int]) -> bool:
    """A "-Word" line next to another dash line is an item of the client's list."""
    bullets = ("-", "*", "•", "–", "~")
    if any(lines[index].lstrip().startswith(bullets) for index in after):
        return False
    return position == 0 or not lines[tail[position - 1]].lstrip().startswith(bullets)


def _starts_list_footer(line: str) -> bool:
    return line.lstrip().lower().startswith("you received this message because") and marks.is_list_footer(
        [line]
    )


def _join(lines: list[str]) -> str:
    kept: list[str] = []
    for line in lines:
        if not line.strip():
            if kept and kept[-1]:
                kept.append("")
            continue
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
