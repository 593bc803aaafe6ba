"""Separate a client's new words from the earlier mail they quote, line by line.

Every line lands on exactly one side, so nothing the client wrote is lost: at worst it is
filed as quoted. Handles top-posting (new words above the quote) and inline or bottom
replies (new lines between or below "> " lines).
"""

from __future__ import annotations

import re

_LONGEST_MARKER_LINE = 300  # header and attribution lines are short; skip regexes on huge lines
_SIGNATURE_MAX_LINES = 10  # a "-- " followed by more than this is the client's text, not a sig

_ATTRIBUTION = re.compile(
    r"""^\s*(?:
        on\s.{4,250}\swrote\s?:                                  # English
      | am\s.{4,250}\sschrieb\s?.{0,120}:                        # German
      | le\s.{4,250}\sa\s+[ée]crit\s?:                           # French
      | el\s.{4,250}\sescribi[óo]\s?:                            # Spanish
      | op\s.{4,250}\sschreef\s?.{0,120}:                        # Dutch
    )\s*$""",
    re.I | re.X,
)
# An attribution names a time, a year or an address; "On Monday my mother wrote:" does not.
_ATTRIBUTION_EVIDENCE = re.compile(r"\d{1,2}[:.]\d{2}|\b(?:19|20)\d{2}\b|@")
_ORIGINAL_MESSAGE = re.compile(
    r"""^\s*-{2,}\s*(?:original\s+message|urspr[üu]ngliche\s+nachricht|originalnachricht
        |message\s+d.origine|mensaje\s+original|oorspronkelijk\s+bericht
        |messaggio\s+originale)\s*-{2,}\s*$""",
    re.I | re.X,
)
# Lines that introduce a header block: Outlook's rule, forward markers.
_BLOCK_INTRO = re.compile(
    r"""^\s*(?:_{5,}|-{5,}
        |-+\s*(?:forwarded\s+message|weitergeleitete\s+nachricht|message\s+transf[ée]r[ée]
               |mensaje\s+reenviado|doorgestuurd\s+bericht)\s*-+
        |begin\s+forwarded\s+message\s*:|anfang\s+der\s+weitergeleiteten\s+nachricht\s*:
        |d[ée]but\s+du\s+message\s+r[ée]exp[ée]di[ée]\s*:)\s*$""",
    re.I | re.X,
)
_LABEL = r"^\s*\*?\s*(?:{})\s*\*?\s*:"
_FROM = re.compile(_LABEL.format("from|von|de|van|da"), re.I)
_SENT = re.compile(
    _LABEL.format("sent|date|gesendet|datum|envoy[ée]|enviado(?:\\s+el)?|fecha|verzonden|inviato"),
    re.I,
)
_SUBJECT = re.compile(_LABEL.format("subject|betreff|objet|asunto|onderwerp|oggetto"), re.I)
_HEADER_BLOCK_SPAN = 8
_DEVICE = (
    r"(?:iphone|ipad|ipod|phone|mobile(?:\s+device)?|android(?:\s+(?:phone|device))?|smartphone"
    r"|handy|tablet|samsung|galaxy|blackberry|huawei|xiaomi|pixel|móvil|movil|mobiel|telefoon"
    r"|téléphone|portable)[\w .-]{0,40}"
)
_MOBILE_SIGNATURE = re.compile(
    rf"""^\s*(?:
        sent\s+from\s+my\s+{_DEVICE}
      | sent\s+from\s+(?:outlook|mail|yahoo\s+mail|gmail|aol)\b[\w .-]{{0,40}}
      | get\s+outlook\s+for\s+(?:ios|android)
      | (?:gesendet|versendet)\s+(?:von|mit)\s+(?:meinem|meinem\s+mobilen|mobilem)?\s*{_DEVICE}
      | von\s+meinem\s+{_DEVICE}\s+gesendet
      | envoy[ée]\s+de\s+mon\s+{_DEVICE}
      | enviado\s+desde\s+mi\s+{_DEVICE}
      | (?:verzonden|verstuurd)\s+(?:vanaf|met)\s+(?:mijn\s+)?{_DEVICE}
    )\s*[.!]?\s*$""",
    re.I | re.X,
)


def split_quoted(text: str) -> tuple[str, str]:
    """Return (new_text, quoted_text): the client's own lines and everything else.

    Quoted: lines starting with ">", attribution lines ("On ... wrote:" and the German,
    French, Spanish and Dutch forms), everything from an Outlook "Original Message" or
    "From:/Sent:/Subject:" block on, mobile signatures ("Sent from my iPhone") and a short
    signature after "-- ". Both results keep lines verbatim, with runs of blank lines
    collapsed; every non-blank line of ``text`` is in exactly one of them.
    """
    lines = text.split("\n")
    quoted = [_is_quote_line(line) for line in lines]
    attributions = _attribution_spans(lines)
    cut = _cut_index(lines, quoted, attributions)
    for start, end in attributions:
        for index in range(start, min(end, cut)):
            quoted[index] = True
    for index in range(cut, len(lines)):
        quoted[index] = True
    for index in range(cut):
        if _is_mobile_signature(lines[index]):
            quoted[index] = True
    _mark_signature(lines, quoted, cut)
    new = [line if not flag else "" for line, flag in zip(lines, quoted, strict=True)]
    old = [line if flag else "" for line, flag in zip(lines, quoted, strict=True)]
    return _join(new), _join(old)


def _is_quote_line(line: str) -> bool:
    return line.lstrip().startswith(">")


def _attribution_spans(lines: list[str]) -> list[tuple[int, int]]:
    """Return (start, end) line ranges of attributions, which mail clients wrap over 1-3 lines."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        end = _attribution_end(lines, index)
        if end:
            spans.append((index, end))
            index = end
        else:
            index += 1
    return spans


def _attribution_end(lines: list[str], start: int) -> int:
    if lines[start].lstrip("> \t")[:2].lower() not in ("on", "am", "le", "el", "op"):
        return 0
    joined = ""
    for end in range(start, min(start + 3, len(lines))):
        line = lines[end].lstrip("> \t") if end == start else lines[end].strip()
        if not line or len(line) > _LONGEST_MARKER_LINE:
            return 0
        joined = f"{joined} {line}" if joined else line
        if _ATTRIBUTION.match(joined) and _ATTRIBUTION_EVIDENCE.search(joined):
            return end + 1
    return 0


def _cut_index(lines: list[str], quoted: list[bool], attributions: list[tuple[int, int]]) -> int:
    """Return the first line from which all text is quoted (len(lines) when there is none).

    That is an Outlook separator or header block, or an attribution that is not followed by
    any ">" line (the quote below it is not marked, so all of it is quoted).
    """
    quote_after = [False] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        quote_after[index] = quote_after[index + 1] or quoted[index]
    starts = {start: end for start, end in attributions}
    for index, line in enumerate(lines):
        if len(line) > _LONGEST_MARKER_LINE:
            continue
        if _ORIGINAL_MESSAGE.match(line):
            return index
        if _is_header_block(lines, index):
            return _extend_over_intro(lines, index)
        if index in starts and not quote_after[starts[index]] and not quoted[index]:
            return index
    return len(lines)


def _is_header_block(lines: list[str], start: int) -> bool:
    if not _FROM.match(lines[start]):
        return False
    window = lines[start + 1 : start + _HEADER_BLOCK_SPAN]
    window = [line for line in window if len(line) <= _LONGEST_MARKER_LINE]
    return any(_SENT.match(line) for line in window) and any(_SUBJECT.match(line) for line in window)


def _extend_over_intro(lines: list[str], start: int) -> int:
    """Move a cut up over blank lines and the separator line Outlook or a forward puts above."""
    index = start
    while index > 0 and (not lines[index - 1].strip() or _BLOCK_INTRO.match(lines[index - 1])):
        if _BLOCK_INTRO.match(lines[index - 1]):
            start = index - 1
        index -= 1
    return start


def _is_mobile_signature(line: str) -> bool:
    return len(line) <= 120 and bool(_MOBILE_SIGNATURE.match(line))


def _mark_signature(lines: list[str], quoted: list[bool], cut: int) -> None:
    """Mark a "-- " line and the short signature after it, up to the next quoted line."""
    for index in range(cut):
        if quoted[index] or lines[index].rstrip() != "--":
            continue
        end = index + 1
        while end < cut and not quoted[end]:
            end += 1
        body = [line for line in lines[index + 1 : end] if line.strip()]
        if len(body) <= _SIGNATURE_MAX_LINES:
            for position in range(index, end):
                quoted[position] = True
        return


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
