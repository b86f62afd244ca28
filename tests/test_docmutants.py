"""benchmarks/docmutants.py: the mutants it makes of a proved line, and its tally on a small
document of our own (a mutant of a true line is refuted; one that leaves it true is kept)."""

from __future__ import annotations

from paths import benchmark

DOC = r"""Let $x$ be a scalar.

$$ \frac{d}{dx} (3 x^2 + 1) = 6 x $$
"""


def test_each_mutant_changes_one_place():
    mutants = benchmark("docmutants").mutants(r"a_i + 2 b_j^{3} - c_i", 0)
    assert ("2 -> 3", r"a_i + 3 b_j^{3} - c_i") in mutants
    assert ("+ -> -", r"a_i - 2 b_j^{3} - c_i") in mutants
    assert ("_i -> _j", r"a_j + 2 b_j^{3} - c_i") in mutants
    assert ("_j -> _i", r"a_i + 2 b_i^{3} - c_i") in mutants
    assert ("b -> a", r"a_i + 2 a_j^{3} - c_i") in mutants
    assert ("a -> b", r"b_i + 2 b_j^{3} - c_i") in mutants
    # 2, 3, +, -, each of the three subscripts, and the first two letters
    assert len(mutants) == 9


def test_a_letter_mutant_changes_a_name_on_the_right_side_only():
    mutants = benchmark("docmutants").mutants(r"L = l(y_t, h_t) + x^{2}", 0)
    assert ("y -> l", r"L = l(l_t, h_t) + x^{2}") in mutants
    assert ("l -> y", r"L = y(y_t, h_t) + x^{2}") in mutants
    assert not any(what.startswith(("L ", "t ")) for what, _ in mutants)


def test_the_tally_refutes_mutants_of_a_true_line_and_keeps_one_that_stays_true(tmp_path, capsys):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    tally = benchmark("docmutants").run(tmp_path, None, per_line=10, timeout=10.0, show=True)
    out = capsys.readouterr().out
    # 3 -> 4, 2 -> 3 and 6 -> 7 make it false; 1 -> 2 and + -> - change only a constant
    assert tally["refuted"] == 3
    assert tally["proved"] == 2
    assert "1 -> 2" in out


def test_a_mutant_of_a_token_the_line_never_read_is_tallied_unread(tmp_path, capsys):
    (tmp_path / "doc.md").write_text(DOC.replace("6 x $$", r"6 x \tag{2} $$"), encoding="utf-8")
    tally = benchmark("docmutants").run(tmp_path, None, per_line=10, timeout=10.0, show=True)
    out = capsys.readouterr().out
    # the tag's 2 -> 3 leaves the proved claim as it read: not a suspect
    assert tally["unread"] == 1
    assert "2 -> 3" not in out
    assert (tally["refuted"], tally["proved"]) == (3, 2)


def test_outcome_tells_an_unread_mutant_from_a_proof_of_a_changed_claim():
    outcome = benchmark("docmutants").outcome
    before = [("proved", "a = b"), ("unchecked", "c = a")]
    assert outcome([("proved", "a = b"), ("unchecked", "d = a")], before) == "unread"
    assert outcome([("proved", "a = -b"), ("unchecked", "c = a")], before) == "proved"
    assert outcome([("unchecked", "a = b")], before) == "unchecked"
    assert outcome([("proved", "a = b"), ("refuted", "c = a")], before) == "refuted"
    # a definition the line makes is read too: a changed one is a suspect, not unread
    defined = [("defined", "y = 3*x"), ("proved", "d(y)/d(x) = 3")]
    assert outcome([("defined", "y = 4*x"), ("proved", "d(y)/d(x) = 3")], defined) == "proved"


def test_a_document_is_checked_with_the_context_written_for_it(tmp_path):
    contexts = tmp_path / "contexts"
    contexts.mkdir()
    short = contexts / "doc.short.toml"
    short.write_text("", encoding="utf-8")
    context_of = benchmark("docmutants").context_of
    assert context_of(contexts, "doc") == short
    full = contexts / "doc.context.toml"
    full.write_text("", encoding="utf-8")
    assert context_of(contexts, "doc") == full
    assert context_of(contexts, "other") is None
    assert context_of(None, "doc") is None


def test_a_mutant_whose_check_crashes_is_counted_apart_and_named(tmp_path, capsys, monkeypatch):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    docmutants = benchmark("docmutants")
    check = docmutants.symbn.check

    def crashing(path, context=None, timeout=10.0):
        if "doc.md" in str(path) and str(tmp_path) not in str(path):  # a mutant
            raise docmutants.symbn.InternalError("boom")
        return check(path, context, timeout=timeout)

    monkeypatch.setattr(docmutants.symbn, "check", crashing)
    tally = docmutants.run(tmp_path, None, per_line=2, timeout=10.0, show=False)
    assert tally["crashed"] == 2
    assert tally["unchecked"] == 0
    assert "doc.md:3: " in capsys.readouterr().err
