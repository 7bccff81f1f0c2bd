"""Real data for the examples: the CDNOW purchase log (Fader & Hardie)."""

from __future__ import annotations

import importlib.metadata

import pandas as pd

CDNOW_FILE = "lifetimes/datasets/CDNOW_master.txt"
"""Path of the CDNOW log inside the installed ``lifetimes`` distribution."""


def cdnow_transactions() -> pd.DataFrame:
    """Full CDNOW purchase log: every purchase of the 23,570 customers of the 1997 Q1 cohort.

    Takes nothing; reads the file ``CDNOW_master.txt`` shipped in the ``lifetimes``
    wheel (located through the package metadata; ``lifetimes`` itself is never
    imported, it does not work with pandas 3).

    Returns
    -------
    pandas.DataFrame
        69,659 rows, one per purchase line, in file order, columns

        * ``customer_id`` (int): 1 to 23,570;
        * ``date`` (datetime64, day precision): 1997-01-01 to 1998-06-30;
        * ``quantity`` (int): number of CDs bought;
        * ``amount`` (float, US dollars): value of the purchase. 80 lines have an
          amount of 0 (free items, according to the usual reading of the data);
          they are kept, as every function of this package accepts amounts ≥ 0.

        A customer may have several lines on the same day.

    Raises
    ------
    FileNotFoundError
        If ``lifetimes`` is not installed.

    References
    ----------
    Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at CDNOW:
    A case study. *Interfaces*, 31(3), S94–S107; data distributed at
    brucehardie.com/datasets and in the ``lifetimes`` package.
    """
    try:
        path = importlib.metadata.distribution("lifetimes").locate_file(CDNOW_FILE)
    except importlib.metadata.PackageNotFoundError as error:
        raise FileNotFoundError(
            "the CDNOW data ships with the 'lifetimes' package: pip install lifetimes"
        ) from error
    log = pd.read_csv(
        path,
        sep=r"\s+",
        header=0,
        names=["customer_id", "date", "quantity", "amount"],
        dtype={"customer_id": "int64", "date": "str", "quantity": "int64", "amount": "float64"},
    )
    return log.assign(date=pd.to_datetime(log["date"], format="%Y%m%d"))
