"""mailbot: a psychotherapist's homework workflow over plain email."""

__version__ = "0.1.0"
