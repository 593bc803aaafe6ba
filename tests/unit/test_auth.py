"""core.auth: only the therapist's own server's Authentication-Results decides; the rest is a
forger's to write."""

from __future__ import annotations

import pytest

from mailbot.core.auth import trusted, verdict

OURS = "mx.practice.example"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (f"{OURS}; dmarc=pass header.from=client.example", "pass"),
        (f"{OURS}; spf=pass smtp.mailfrom=x; dkim=pass; dmarc=fail (p=reject)", "fail"),
        (f"{OURS}; dmarc=none", "none"),
        (f"{OURS}; dmarc=temperror", "none"),
        (f"{OURS}; spf=fail smtp.mailfrom=client.example", "fail"),
        (f"{OURS}; spf=fail; dkim=pass header.d=client.example", "none"),
        (f"{OURS}; none", "none"),
        (f"{OURS} 1; dmarc=pass (comment; with dmarc=fail inside)", "pass"),
    ],
)
def test_the_verdict_of_our_own_server(value: str, expected: str) -> None:
    assert verdict([value], OURS) == expected


def test_a_header_of_another_server_is_not_believed_even_above_ours() -> None:
    forged = "mx.practice.example.evil; dmarc=pass"
    assert verdict([forged, f"{OURS}; dmarc=fail"], OURS) == "fail"
    assert verdict(["evil.example; dmarc=pass"], OURS) == "none"
    assert verdict([], OURS) == "none"


def test_the_topmost_header_of_our_server_wins_over_a_forged_one_of_its_name_below() -> None:
    assert verdict([f"{OURS}; dmarc=fail", f"{OURS}; dmarc=pass"], OURS) == "fail"


def test_without_an_authserv_id_any_failure_counts_as_before() -> None:
    assert verdict(["a.example; dmarc=pass", "b.example; dmarc=fail"], None) == "fail"
    assert verdict(["a.example; dmarc=pass"], None) == "pass"


def test_not_fail_believes_all_but_a_failure_and_dmarc_pass_only_a_pass() -> None:
    assert [trusted(v, "not-fail") for v in ("pass", "none", "fail")] == [True, True, False]
    assert [trusted(v, "dmarc-pass") for v in ("pass", "none", "fail")] == [True, False, False]
