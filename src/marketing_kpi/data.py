"""Real data for the examples: the CDNOW purchase log and its 1/10th sample (Fader & Hardie)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path, PurePosixPath

import pandas as pd

CDNOW_FILE = "lifetimes/datasets/CDNOW_master.txt"
"""Path of the CDNOW log inside the installed ``lifetimes`` distribution."""
CDNOW_SAMPLE_FILE = "lifetimes/datasets/CDNOW_sample.txt"
"""Path of the CDNOW 1/10th sample inside the installed ``lifetimes`` distribution."""


def _lifetimes_file(name: str, what: str):
    """Location of a data file shipped in the ``lifetimes`` wheel (never imported).

    Without ``lifetimes``, the file of the same name in the ``data`` folder of the
    current directory, if there is one: the zip of a notebook downloaded from the
    course site holds its CDNOW file there.
    """
    try:
        return importlib.metadata.distribution("lifetimes").locate_file(name)
    except importlib.metadata.PackageNotFoundError as error:
        local = Path("data") / PurePosixPath(name).name
        if local.is_file():
            return local
        raise FileNotFoundError(
            f"the {what} ships with the 'lifetimes' package: pip install lifetimes"
        ) from error


def cdnow_transactions() -> pd.DataFrame:
    """Full CDNOW purchase log: every purchase of the 23,570 customers of the 1997 Q1 cohort.

    Takes nothing; reads the file ``CDNOW_master.txt`` shipped in the ``lifetimes``
    wheel (located through the package metadata; ``lifetimes`` itself is never
    imported, it does not work with pandas 3), or, without ``lifetimes``,
    ``data/CDNOW_master.txt`` in the current directory.

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
        If ``lifetimes`` is not installed and the current directory has no copy
        of the file in ``data/``.

    References
    ----------
    Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at CDNOW:
    A case study. *Interfaces*, 31(3), S94–S107; data distributed at
    brucehardie.com/datasets and in the ``lifetimes`` package.
    """
    path = _lifetimes_file(CDNOW_FILE, "CDNOW data")
    log = pd.read_csv(
        path,
        sep=r"\s+",
        header=0,
        names=["customer_id", "date", "quantity", "amount"],
        dtype={"customer_id": "int64", "date": "str", "quantity": "int64", "amount": "float64"},
    )
    return log.assign(date=pd.to_datetime(log["date"], format="%Y%m%d"))


def cdnow_sample_transactions() -> pd.DataFrame:
    """CDNOW 1/10th sample: every purchase of 2,357 customers of the 1997 Q1 cohort.

    Takes nothing; reads ``CDNOW_sample.txt`` shipped in the ``lifetimes`` wheel
    (located through the package metadata, ``lifetimes`` is not imported), or,
    without ``lifetimes``, ``data/CDNOW_sample.txt`` in the current directory. This
    is the sample on which Fader, Hardie & Lee (2005a, 2005b) estimate their
    models.

    Returns
    -------
    pandas.DataFrame
        6,919 rows, one per purchase line, in file order, columns

        * ``customer_id`` (int): 1 to 2,357, the sample's own numbering, used
          as ``ID`` in the published summaries;
        * ``master_id`` (int): the customer's number in the full log
          (:func:`marketing_kpi.cdnow_transactions`);
        * ``date`` (datetime64): 1997-01-01 to 1998-06-30;
        * ``quantity`` (int): number of CDs bought;
        * ``amount`` (float, US dollars): value of the purchase line.

    Raises
    ------
    FileNotFoundError
        If ``lifetimes`` is not installed and the current directory has no copy
        of the file in ``data/``.
    """
    path = _lifetimes_file(CDNOW_SAMPLE_FILE, "CDNOW sample")
    log = pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "quantity", "amount"],
        dtype={
            "master_id": "int64",
            "customer_id": "int64",
            "date": "str",
            "quantity": "int64",
            "amount": "float64",
        },
    )
    log = log.assign(date=pd.to_datetime(log["date"], format="%Y%m%d"))
    return log[["customer_id", "master_id", "date", "quantity", "amount"]]
