"""Tests of marketing_kpi.display: French number formatting and the course's chart style."""

from decimal import Decimal
from fractions import Fraction
from functools import partial

import matplotlib
import numpy as np
import pandas as pd
import pytest

from marketing_kpi.display import (
    PALETTE,
    dollars,
    euros,
    formatted,
    number,
    percent,
    tick_formatter,
    use_course_style,
)

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"

# --- number ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),  # zero, no decimals
        (999, 0, "999"),  # three digits: no separator
        (1234, 0, f"1{NNBSP}234"),  # four digits: one narrow no-break space
        (23570, 0, f"23{NNBSP}570"),  # CDNOW customers
        (1234567.891, 2, f"1{NNBSP}234{NNBSP}567,89"),  # two groups, decimal comma
        (1234.5, 1, f"1{NNBSP}234,5"),  # one decimal kept
        (2.5, 0, "2"),  # Python rounds half to even: 2.5 -> 2
        (0.125, 2, "0,12"),  # 0.125 is stored as 0.125 exactly: half to even -> 0,12
        (-1234.5, 1, f"{MINUS}1{NNBSP}234,5"),  # minus sign U+2212, not a hyphen
        (-0.0004, 2, "0,00"),  # rounds to zero: no sign
        (np.int64(12345678), 0, f"12{NNBSP}345{NNBSP}678"),  # NumPy integer
        (np.float64(3.14159), 3, "3,142"),  # NumPy float
        (Fraction(1, 3), 2, "0,33"),  # any real number
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


# --- euros, dollars, percent ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.567, 2, f"1{NNBSP}234,57{NBSP}€"),  # default style: 2 decimals
        (0, 2, f"0,00{NBSP}€"),  # zero euros
        (12.8, 2, f"12,80{NBSP}€"),  # trailing zero kept
        (1500000, 0, f"1{NNBSP}500{NNBSP}000{NBSP}€"),  # whole euros
        (-45.2, 2, f"{MINUS}45,20{NBSP}€"),  # a loss
    ],
)
def test_euros(value, decimals, expected):
    assert euros(value, decimals) == expected


def test_euros_default_has_two_decimals():
    # 48.9 -> "48,90 €"
    assert euros(48.9) == f"48,90{NBSP}€"


def test_dollars():
    # CDNOW revenue: 2 500 315.63 dollars, rounded to whole dollars
    assert dollars(2500315.63, 0) == f"2{NNBSP}500{NNBSP}316{NBSP}$"
    # default 2 decimals
    assert dollars(11.77) == f"11,77{NBSP}$"


@pytest.mark.parametrize(
    ("share", "decimals", "expected"),
    [
        (0.4891, 1, f"48,9{NNBSP}%"),  # a share (fraction), not points
        (0.5, 0, f"50{NNBSP}%"),  # no decimal
        (1, 1, f"100,0{NNBSP}%"),  # the whole
        (0, 1, f"0,0{NNBSP}%"),  # nothing
        (15.2, 0, f"1{NNBSP}520{NNBSP}%"),  # above 1: a return on investment of 1 520 %
        (-0.031, 1, f"{MINUS}3,1{NNBSP}%"),  # a fall
        (0.00004, 1, f"0,0{NNBSP}%"),  # rounds to zero
    ],
)
def test_percent(share, decimals, expected):
    assert percent(share, decimals) == expected


def test_percent_default_has_one_decimal():
    # 1/3 -> 33.33... % -> "33,3 %"
    assert percent(1 / 3) == f"33,3{NNBSP}%"


# --- bad input ----------------------------------------------------------------

ALL_FORMATTERS = [number, euros, dollars, percent]


@pytest.mark.parametrize("formatter", ALL_FORMATTERS)
@pytest.mark.parametrize(
    "bad",
    [
        float("nan"),  # missing value
        np.nan,  # NumPy's NaN
        pd.NA,  # pandas' missing value
        None,  # nothing
        float("inf"),  # infinite
        -np.inf,  # minus infinite
        "12",  # a string, even a numeric one
        True,  # a boolean is not an amount
        Decimal("nan"),  # a NaN of another type
        [1, 2],  # a list
    ],
)
def test_bad_values_raise(formatter, bad):
    with pytest.raises(ValueError):
        formatter(bad)


@pytest.mark.parametrize("decimals", [-1, 1.5, "2", True])
def test_bad_decimals_raise(decimals):
    with pytest.raises(ValueError, match="decimals"):
        number(1.0, decimals)


# --- formatted (tables) ---------------------------------------------------------


def test_formatted_turns_the_named_columns_into_text():
    table = pd.DataFrame(
        {"segment": ["B", "A"], "clients": [1234, 56], "ca": [10.5, 2000.0], "part": [0.25, 0.75]}
    )
    out = formatted(table, {"clients": number, "ca": partial(euros, decimals=0), "part": percent})
    # segment untouched; 1234 -> "1 234"; 10.5 -> "10 €" (half to even); 0.25 -> "25,0 %"
    assert out.to_dict("list") == {
        "segment": ["B", "A"],
        "clients": [f"1{NNBSP}234", "56"],
        "ca": [f"10{NBSP}€", f"2{NNBSP}000{NBSP}€"],
        "part": [f"25,0{NNBSP}%", f"75,0{NNBSP}%"],
    }
    # the input is not modified
    assert table["clients"].tolist() == [1234, 56]


def test_formatted_rejects_missing_columns_and_nan():
    table = pd.DataFrame({"ca": [1.0, np.nan]})
    with pytest.raises(ValueError, match="missing column"):
        formatted(table, {"chiffre": euros})
    with pytest.raises(ValueError, match="finite"):
        formatted(table, {"ca": euros})


# --- charts ---------------------------------------------------------------------


def test_tick_formatter_writes_french_axis_labels():
    # tick value 0.25 on a share axis -> "25 %"; 1500 on an amount axis -> "1 500 €"
    assert tick_formatter(percent, decimals=0)(0.25, 0) == f"25{NNBSP}%"
    assert tick_formatter(euros, decimals=0)(1500, 0) == f"1{NNBSP}500{NBSP}€"


def test_course_style_sets_a_light_card_for_a_phone():
    with matplotlib.rc_context():
        use_course_style()
        params = matplotlib.rcParams
        # 8 x 4.5 inches at 100 dpi: 800 x 450 pixels
        assert tuple(params["figure.figsize"]) == (8.0, 4.5)
        assert params["figure.dpi"] == 100
        assert params["savefig.format"] == "png"
        # white card, dark text: readable on the light and the dark site theme
        assert params["figure.facecolor"] == "white"
        assert params["text.color"] == "#1f1f1f"
        # colours in the Okabe-Ito order
        assert params["axes.prop_cycle"].by_key()["color"][:3] == list(PALETTE[:3])


def test_palette_is_okabe_ito():
    # the eight colours of Okabe & Ito (2008), blue first
    assert len(PALETTE) == 8
    assert PALETTE[0] == "#0072B2"
