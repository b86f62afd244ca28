"""symbn.language.limits: the limits, shared by the parser (which re-exports them) and the
LaTeX reader, and the one message for a concrete index past MAX_INDEX."""

from __future__ import annotations

from exprscope import refused

from symbn.language import limits, parse


def test_the_parser_gives_the_limits_of_limits():
    names = [n for n in dir(limits) if n.startswith("MAX_")]
    assert len(names) == 7
    assert all(getattr(parse, n) == getattr(limits, n) for n in names)


def test_a_concrete_index_past_the_limit_is_refused_with_the_shared_message():
    too_large = limits.MAX_INDEX + 1
    refused(f"h[{too_large}, 1]", limits.index_too_large(too_large), 10)
    assert limits.index_too_large(too_large).endswith(f"at most {limits.MAX_INDEX}")
