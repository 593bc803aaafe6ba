"""Informal and frequent misspellings, rewritten to the word the patterns expect.

Applied word by word to the normalised text (lower case, no accents) before the patterns run,
so that one pattern covers "want to", "wanna" and "want 2". Only words that mean nothing else
in the five languages belong here.
"""

from __future__ import annotations

SPELLINGS: dict[str, str] = {
    # English
    "wanna": "want to",
    "wana": "want to",
    "wnt": "want",
    "gonna": "going to",
    "gunna": "going to",
    "gotta": "got to",
    "2": "to",
    "u": "you",
    "ur": "your",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "shud": "should",
    "kil": "kill",
    "kll": "kill",
    "myslef": "myself",
    "mysef": "myself",
    "meself": "myself",
    "nite": "night",
    "tmrw": "tomorrow",
    "2moro": "tomorrow",
    "anymor": "anymore",
    "bcuz": "because",
    "coz": "because",
    "cuz": "because",
    "pils": "pills",
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suicidle": "suicidal",
    "suisidal": "suicidal",
    # German
    "umbrigen": "umbringen",
    "umbrignen": "umbringen",
    "nich": "nicht",
    "nix": "nichts",
    "selbstmort": "selbstmord",
    "suizit": "suizid",
    # French
    "mourrir": "mourir",
    "mourire": "mourir",
    "jveux": "je veux",
    "chui": "je suis",
    "chuis": "je suis",
    "jsuis": "je suis",
    "jpeux": "je peux",
    "jpense": "je pense",
    # Spanish
    "kiero": "quiero",
    "qiero": "quiero",
    "kieres": "quieres",
    "q": "que",
    "xq": "porque",
    "pq": "porque",
    "morime": "morirme",
    "suisidio": "suicidio",
    # Dutch
    "gister": "gisteren",
    "zelfmoort": "zelfmoord",
}
