"""The causal attention as a document: its mask an Iverson bracket in index form and M_N, the
lower-triangular matrix of ones, in matrix form (named in the document's note, left out where
no mask is shown); both compile with pdflatex and render with KaTeX and MathJax."""

from __future__ import annotations

import pytest
from external import check_math, markdown_math, program
from paths import ROOT

import symbn
from symbn.emit.latex import document

P_MATRIX = (
    r"{P} &= \left(M_{N} \odot \exp\left({A}\right)\right) \oslash \left(\left(M_{N} \odot "
    r"\exp\left({A}\right)\right) \mathbf{1}_{N} \mathbf{1}_{N}^{\top}\right)"
)
NOTE = r"is the lower-triangular matrix of ones"


@pytest.fixture(scope="module")
def causal():
    return symbn.load(ROOT / "derivations" / "attention_causal.toml").verify().verified


def test_the_mask_is_a_bracket_in_index_form_and_m_in_matrix_form(causal):
    index = document.render(causal, "md", "index")
    matrix = document.render(causal, "md", "matrix")
    assert r"[j \le i]" in index
    assert NOTE not in index
    assert P_MATRIX in matrix
    assert NOTE in matrix
    attention = symbn.load(ROOT / "derivations" / "attention.toml").verify().verified
    assert NOTE not in document.render(attention, "md", "matrix")


@pytest.mark.parametrize("notation", ["index", "matrix"])
def test_both_notations_compile_and_render(causal, notation):
    program("pdflatex")
    assert document.compile_pdf(document.render(causal, "tex", notation)).startswith(b"%PDF")
    done = check_math(markdown_math(document.render(causal, "md", notation)))
    assert done.returncode == 0, done.stderr[-3000:]
