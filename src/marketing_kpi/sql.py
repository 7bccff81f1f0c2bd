"""RFM analysis in SQL: one query, written once for DuckDB, transpiled to Spark and BigQuery.

The pandas functions of :mod:`marketing_kpi.rfm` load the whole log in memory.
The queries of this module compute the same RFM table, scores and activity
vector inside a database engine, so that a log larger than memory can be
processed where it lives: DuckDB streams Parquet or CSV files from disk (and
spills to a temporary directory under a memory limit), Spark and BigQuery run
the same query on a cluster.

How the SQL is built
--------------------
* Each query is written **once**, in DuckDB SQL, from constant text whose
  placeholder identifiers (``__customer__``...) are replaced, in the parsed
  sqlglot tree, by the user's column and table names as **quoted identifiers**
  (:func:`sqlglot.exp.to_identifier` with ``quoted=True``). A column called
  ``amount"; DROP TABLE t; --`` is therefore just a column name: no user text
  is ever formatted into SQL text.
* Numbers (``bins``, cut-offs) are checked first (:func:`rfm._checked_bounds`)
  and inserted as sqlglot numeric literals.
* Dates are never in the SQL text: the reference day is a bound parameter,
  written ``$as_of`` in DuckDB. sqlglot transpiles it to ``:as_of`` for Spark
  (named parameters of ``spark.sql(query, args={"as_of": ...})``, Spark ≥ 3.4)
  and to ``@as_of`` for BigQuery (a named query parameter of type ``DATE``).
  :func:`activity_query` uses ``$period_start`` / ``$period_end`` likewise.
* The other dialects are produced by :func:`sqlglot.transpile` (``read="duckdb"``).
  One function has no sqlglot equivalent and is renamed after transpiling:
  DuckDB's ``error(message)``, which makes the query itself fail on bad data,
  becomes ``raise_error`` in Spark and ``ERROR`` in BigQuery.

What the queries check
----------------------
A missing customer id or date (anywhere in the log), and a missing, negative,
NaN or infinite amount (on the rows kept, those dated on or before ``as_of``)
make the query fail with a message starting with ``marketing_kpi:``; the
Python runners turn it into a ``ValueError``. Dates are day-truncated
(``CAST(date AS DATE)``), so recency in days equals the pandas computation.
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import sqlglot
from sqlglot import exp

from marketing_kpi import _validation as check
from marketing_kpi.rfm import MONETARY_DECIMALS, MONETARY_KINDS, RFM_COLUMNS, _checked_bounds

DIALECTS = ("duckdb", "spark", "bigquery")
"""SQL dialects the queries are produced in: DuckDB (the source), Spark SQL and BigQuery."""

ERROR_FUNCTIONS = {"duckdb": "error", "spark": "raise_error", "bigquery": "ERROR"}
"""Name of the function that aborts a query with a message, in each dialect."""

ERROR_PREFIX = "marketing_kpi:"
"""Start of the messages raised by the queries themselves on bad data."""

_SOURCE_VIEW = "marketing_kpi_source"

_MAX_DOUBLE = "1.7976931348623157e308"

# Constant SQL text (DuckDB). Identifiers written __name__ are placeholders, replaced in the
# parsed tree by quoted identifiers or literals; nothing else is ever substituted.

# The checked purchases of the log, day-truncated, kept when their day passes a filter
# (constant text, below): shared by the RFM table and the activity query.
_PURCHASES_SQL = f"""
    SELECT
        __customer__ AS customer,
        CAST(__date__ AS DATE) AS day,
        CASE
            WHEN __amount__ IS NULL
                OR NOT (__amount__ >= 0 AND __amount__ <= {_MAX_DOUBLE})
            THEN error('{ERROR_PREFIX} negative, missing, NaN or infinite amount')
            ELSE CAST(__amount__ AS DOUBLE)
        END AS amount
    FROM __table__
    WHERE
        CASE
            WHEN __customer__ IS NULL OR __date__ IS NULL
            THEN error('{ERROR_PREFIX} missing customer id or date')
            ELSE CAST(__date__ AS DATE)
        END"""

_TABLE_SQL = f"""
WITH purchases AS ({_PURCHASES_SQL} <= CAST($as_of AS DATE)
), per_customer AS (
    SELECT
        customer,
        MAX(day) AS last_day,
        COUNT(DISTINCT day) AS frequency,
        SUM(amount) AS total
    FROM purchases
    GROUP BY customer
)
SELECT
    customer AS __customer__,
    DATE_DIFF('day', last_day, CAST($as_of AS DATE)) AS recency,
    frequency,
    __monetary__ AS monetary
FROM per_customer
ORDER BY customer
"""

_MONETARY_SQL = {
    "total": "ROUND(CAST(total AS DOUBLE), __decimals__)",
    "mean": "ROUND(CAST(total AS DOUBLE) / frequency, __decimals__)",
}

_QUANTILE_SQL = (
    "1 + (__bins__ * (RANK() OVER (ORDER BY __value__ __order__) - 1)) // COUNT(*) OVER ()"
)

_SCORES_SQL = """
SELECT
    scored.*,
    CAST("R" AS VARCHAR) || CAST("F" AS VARCHAR) || CAST("M" AS VARCHAR) AS "RFM"
FROM (
    SELECT rfm.*, __R__ AS "R", __F__ AS "F", __M__ AS "M"
    FROM __table_query__ AS rfm
) AS scored
ORDER BY __customer__
"""

_ACTIVITY_SQL = f"""
WITH purchases AS ({_PURCHASES_SQL}
        BETWEEN CAST($period_start AS DATE) AND CAST($period_end AS DATE)
)
SELECT
    customer AS __customer__,
    COUNT(DISTINCT day) AS purchase_days,
    CAST(SUM(amount) AS DOUBLE) AS spend,
    COUNT(*) > 0 AS active
FROM purchases
GROUP BY customer
ORDER BY customer
"""


# --- building the queries ---------------------------------------------------


def _identifier(name: object, what: str) -> exp.Identifier:
    """A quoted identifier for a user-supplied table or column name."""
    if not isinstance(name, str):
        raise check.InputTypeError(f"{what} must be a str (a column or table name), got {name!r}")
    if not name or "\x00" in name:
        raise ValueError(f"{what} must be a non-empty name without NUL characters, got {name!r}")
    return exp.to_identifier(name, quoted=True)


def _fill(template: str, **parts: exp.Expression) -> exp.Expression:
    """Parse constant DuckDB text and replace its ``__name__`` placeholders by ``parts``.

    Placeholders are unquoted identifiers of the constant text; user names arrive
    as quoted identifiers, so a column really named ``__date__`` is never replaced.
    """
    wanted = {f"__{key}__": value for key, value in parts.items()}

    def placeholder(node: exp.Expression) -> str | None:
        identifier = node.this if isinstance(node, exp.Column) and not node.table else node
        if isinstance(identifier, exp.Identifier) and not identifier.quoted:
            return identifier.name if identifier.name in wanted else None
        return None

    def replace(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and not node.this.quoted and node.name in wanted:
            value = wanted[node.name]
            if isinstance(value, exp.Query):
                return exp.Subquery(this=value.copy(), alias=node.args.get("alias"))
        name = placeholder(node) if isinstance(node, exp.Column | exp.Identifier) else None
        if name is None:
            return node
        value = wanted[name]
        if isinstance(node, exp.Column):
            return exp.column(value.copy()) if isinstance(value, exp.Identifier) else value.copy()
        return value.copy() if isinstance(value, exp.Identifier) else node

    tree = sqlglot.parse_one(template, read="duckdb").transform(replace)
    leftover = [
        node.name
        for node in tree.find_all(exp.Identifier)
        if not node.quoted and re.fullmatch(r"__\w+__", node.name)
    ]
    if leftover:  # pragma: no cover - a bug in this module, not a user error
        raise AssertionError(f"unfilled placeholders {leftover}")
    return tree


def _checked_dialect(dialect: object) -> str:
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}, got {dialect!r}")
    return str(dialect)


def _render(tree: exp.Expression, dialect: str) -> str:
    """DuckDB text of ``tree``, transpiled by sqlglot to ``dialect`` (error function renamed)."""
    duckdb_sql = tree.sql(dialect="duckdb", pretty=True)
    if dialect == "duckdb":
        return duckdb_sql
    transpiled = sqlglot.transpile(duckdb_sql, read="duckdb", write=dialect, pretty=True)[0]
    target = sqlglot.parse_one(transpiled, read=dialect)

    def rename(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous) and str(node.this).lower() == "error":
            return exp.Anonymous(this=ERROR_FUNCTIONS[dialect], expressions=node.expressions)
        return node

    return target.transform(rename).sql(dialect=dialect, pretty=True)


def _table_tree(table: str, customer: str, date: str, amount: str, monetary: str) -> exp.Expression:
    if monetary not in MONETARY_KINDS:
        raise ValueError(f"monetary must be one of {MONETARY_KINDS}, got {monetary!r}")
    return _fill(
        _TABLE_SQL,
        table=_identifier(table, "table"),
        customer=_identifier(customer, "customer"),
        date=_identifier(date, "date"),
        amount=_identifier(amount, "amount"),
        monetary=_fill(
            f"SELECT {_MONETARY_SQL[monetary]}", decimals=exp.Literal.number(MONETARY_DECIMALS)
        ).expressions[0],
    )


def rfm_table_query(
    *,
    table: str = "transactions",
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
    dialect: str = "duckdb",
) -> str:
    """SQL computing the RFM table of a transaction log, as :func:`marketing_kpi.rfm_table`.

    Parameters
    ----------
    table : str
        Name of the table (or view) holding the log, one row per purchase. It is
        quoted as one identifier: ``"sales.log"`` is a table named ``sales.log``,
        not the table ``log`` of the schema ``sales``.
    customer, date, amount : str
        Column names (quoted identifiers, any characters allowed).
    monetary : {"mean", "total"}
        Mean amount per purchase day (default) or total amount, as in ``rfm_table``.
    dialect : {"duckdb", "spark", "bigquery"}
        SQL dialect of the returned text.

    Returns
    -------
    str
        A query with one bound parameter, the reference day: ``$as_of`` (DuckDB),
        ``:as_of`` (Spark, ``spark.sql(query, args={"as_of": day})``) or
        ``@as_of`` (BigQuery query parameter of type DATE). It returns one row per
        customer who bought on or before ``as_of``, ordered by customer, with
        columns ``<customer>``, ``recency`` (days from the last purchase day to
        ``as_of``), ``frequency`` (distinct purchase days) and ``monetary``
        (float). Rows dated after ``as_of`` are ignored, as
        ``rfm_table(..., truncate=True)``; the amounts of the rows kept, and the
        customer ids and dates of every row, are checked by the query itself
        (see the module notes).

    Raises
    ------
    ValueError
        Unknown ``dialect`` or ``monetary``, empty name.
    TypeError
        A name that is not a str.
    """
    dialect = _checked_dialect(dialect)
    return _render(_table_tree(table, customer, date, amount, monetary), dialect)


def _checked_cutoffs(cutoffs: object) -> dict[str, np.ndarray]:
    """Cut-offs as in :func:`marketing_kpi.rfm_scores`: a mapping R/F/M -> increasing numbers."""
    if cutoffs is None:
        return {}
    if not isinstance(cutoffs, Mapping):
        raise TypeError(f"cutoffs must be a mapping such as {{'F': (2, 3)}}, got {cutoffs!r}")
    unknown = sorted(set(cutoffs) - {"R", "F", "M"}, key=str)
    if unknown:
        raise ValueError(f"cutoffs keys must be 'R', 'F' or 'M', got {unknown}")
    return {letter: _checked_bounds(letter, bounds) for letter, bounds in cutoffs.items()}


def _number(value: float) -> exp.Expression:
    """A finite float as a DOUBLE literal built by sqlglot (``repr`` round-trips exactly)."""
    return exp.cast(exp.Literal.number(repr(float(value))), exp.DataType.build("DOUBLE"))


def _score_tree(letter: str, column: str, levels: int, bounds: np.ndarray | None) -> exp.Expression:
    """Score expression of one letter: quantile tie rule, or count of cut-offs passed."""
    higher_is_better = letter != "R"
    value = exp.column(column)
    if bounds is None:
        tree = _fill(
            f"SELECT {_QUANTILE_SQL.replace('__order__', 'ASC' if higher_is_better else 'DESC')}",
            bins=exp.Literal.number(levels),
            value=exp.to_identifier(column),
        )
        return tree.expressions[0]
    # R: 1 + number of upper bounds not exceeded; F, M: 1 + number of lower bounds reached
    total: exp.Expression = exp.Literal.number(1)
    for bound in bounds:
        condition = value <= _number(bound) if not higher_is_better else value >= _number(bound)
        step = exp.Case().when(condition, exp.Literal.number(1)).else_(exp.Literal.number(0))
        total = exp.Add(this=total, expression=step)
    return exp.Paren(this=total)


def _scores_tree(
    table: str,
    customer: str,
    date: str,
    amount: str,
    monetary: str,
    bins: int,
    cutoffs: object,
) -> tuple[exp.Expression, dict[str, int]]:
    levels = check.integer_in_range(bins, "bins", 2, 9)
    bounds = _checked_cutoffs(cutoffs)
    base = _table_tree(table, customer, date, amount, monetary)
    base.set("order", None)  # the outer query orders; BigQuery rejects a useless inner ORDER BY
    scores = {}
    counts = {}
    for letter, column in zip("RFM", RFM_COLUMNS, strict=True):
        scores[letter] = _score_tree(letter, column, levels, bounds.get(letter))
        counts[letter] = len(bounds[letter]) + 1 if letter in bounds else levels
    tree = _fill(
        _SCORES_SQL,
        R=scores["R"],
        F=scores["F"],
        M=scores["M"],
        table_query=base,
        customer=_identifier(customer, "customer"),
    )
    return tree, counts


def rfm_scores_query(
    *,
    bins: int = 5,
    cutoffs: Mapping[str, Sequence[float]] | None = None,
    table: str = "transactions",
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
    dialect: str = "duckdb",
) -> str:
    """SQL computing the RFM table and its scores, as ``rfm_scores(rfm_table(...))``.

    Parameters
    ----------
    bins : int
        Number of quantile levels (2 to 9) of the scores without cut-offs.
    cutoffs : mapping, optional
        Explicit cut-offs per letter, e.g. :data:`marketing_kpi.DEFAULT_CUTOFFS`,
        with the meaning of :func:`marketing_kpi.rfm_scores` (R: upper bounds of
        the best level, the next one...; F and M: lower bounds of levels 2, 3...).
    table, customer, date, amount, monetary, dialect
        As for :func:`rfm_table_query`.

    Returns
    -------
    str
        The query of :func:`rfm_table_query` with four more columns: ``R``, ``F``,
        ``M`` (integers, 1 = worst) and ``RFM`` (their digits as a string, "545").
        Quantile scores use the package tie rule
        ``1 + (bins * (RANK() OVER (ORDER BY x) - 1)) DIV COUNT(*) OVER ()``
        (recency ranked in descending order, since fewer days is better), in
        integer arithmetic.

    Raises
    ------
    ValueError
        As :func:`rfm_table_query`, plus ``bins`` outside 2..9 and bad cut-offs.
    TypeError
        Cut-offs that are not a mapping of sequences of numbers.
    """
    dialect = _checked_dialect(dialect)
    tree, _ = _scores_tree(table, customer, date, amount, monetary, bins, cutoffs)
    return _render(tree, dialect)


def activity_query(
    *,
    table: str = "transactions",
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    dialect: str = "duckdb",
) -> str:
    """SQL of what each customer bought in a period, as :func:`marketing_kpi.period_activity`.

    Parameters
    ----------
    table, customer, date, amount, dialect
        As for :func:`rfm_table_query`.

    Returns
    -------
    str
        A query with two bound parameters, the first and last day of the period
        (both included): ``$period_start`` and ``$period_end`` (DuckDB),
        ``:period_start`` / ``:period_end`` (Spark), ``@period_start`` /
        ``@period_end`` (BigQuery). One row per customer who bought in the
        period, ordered by customer: ``<customer>``, ``purchase_days``,
        ``spend``, ``active`` (always true; customers without purchase are
        added by :func:`activity_duckdb` when a customer list is given).
    """
    dialect = _checked_dialect(dialect)
    tree = _fill(
        _ACTIVITY_SQL,
        table=_identifier(table, "table"),
        customer=_identifier(customer, "customer"),
        date=_identifier(date, "date"),
        amount=_identifier(amount, "amount"),
    )
    return _render(tree, dialect)


# --- running the queries --------------------------------------------------------


def _day(value: object, what: str) -> datetime.date:
    """A validated date-like value as a ``datetime.date`` (bound as a parameter, never pasted)."""
    number = check.day_number(value, what)
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=number)


def _source_kind(source: object) -> str:
    """``"frame"``, ``"parquet"`` or ``"csv"``: how a DuckDB source is read."""
    if isinstance(source, pd.DataFrame):
        return "frame"
    if isinstance(source, str | os.PathLike):
        name = str(source).lower()
        if name.endswith((".parquet", ".parq", ".pq")) or (
            Path(source).is_dir() and not name.endswith((".csv", ".tsv"))
        ):
            return "parquet"
        if name.endswith((".csv", ".tsv", ".csv.gz", ".tsv.gz", ".txt")):
            return "csv"
        raise ValueError(
            f"source must be a pandas DataFrame or a path/glob to .parquet or .csv files, "
            f"got {source!r}"
        )
    raise check.InputTypeError(
        f"source must be a pandas DataFrame or a path to Parquet/CSV files, "
        f"got {type(source).__name__}"
    )


def _duckdb_connection(connection, memory_limit, temp_directory=None):
    import duckdb

    if connection is not None:
        if memory_limit is not None:
            raise ValueError(
                "memory_limit applies to the connection this function opens: "
                "with your own connection, set it when you create it"
            )
        return connection, False
    config = {}
    if memory_limit is not None:
        if not isinstance(memory_limit, str):
            raise check.InputTypeError(
                f"memory_limit must be a str such as '2GB', got {memory_limit!r}"
            )
        if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", memory_limit.strip(), flags=re.IGNORECASE):
            raise ValueError(f"memory_limit must look like '2GB' or '512MB', got {memory_limit!r}")
        config["memory_limit"] = memory_limit.strip()
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    return duckdb.connect(config=config), True


def _register(connection, source: object, kind: str, view: str, names) -> list[str]:
    """Expose ``source`` as the DuckDB view ``view`` (files stay on disk); return its columns."""
    if kind == "frame":
        dates = source.get(names["date"]) if names["date"] in source.columns else None
        if dates is not None and isinstance(dates.dtype, pd.DatetimeTZDtype):
            raise ValueError(
                f"column {names['date']!r} must be timezone-naive (got {dates.dtype}), "
                "as for rfm_table: the calendar day of a purchase depends on the time zone"
            )
        connection.register(view, source)
        return [str(column) for column in source.columns]
    path = str(source)
    if kind == "parquet" and Path(path).is_dir():
        path = str(Path(path) / "**" / "*.parquet")
    relation = connection.read_parquet(path) if kind == "parquet" else connection.read_csv(path)
    relation.create_view(view, replace=True)
    return list(relation.columns)


def _require(columns: Sequence[str], names: Mapping[str, str]) -> None:
    missing = [value for value in names.values() if value not in columns]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(repr(m) for m in missing)}")


def _run_duckdb(source, query_of, params, names, connection, memory_limit):
    import duckdb

    kind = _source_kind(source)
    con, owned = _duckdb_connection(connection, memory_limit)
    view = f"{_SOURCE_VIEW}_{uuid.uuid4().hex}"
    try:
        try:
            columns = _register(con, source, kind, view, names)
        except duckdb.Error as error:
            raise ValueError(f"cannot read source {source!r}: {error}") from error
        _require(columns, names)
        try:
            return con.execute(query_of(view), params).df()
        except duckdb.Error as error:
            raise _clear_error(error) from error
    finally:
        if kind == "frame":
            con.unregister(view)
        else:
            drop = _fill("DROP VIEW IF EXISTS __view__", view=exp.to_identifier(view, quoted=True))
            con.execute(drop.sql(dialect="duckdb"))
        if owned:
            con.close()


def _clear_error(error: Exception) -> ValueError:
    """A ``ValueError`` with the query's own message, or the engine's message."""
    text = str(error)
    found = re.search(re.escape(ERROR_PREFIX) + r"\s*([^\n'\"]*)", text)
    if found:
        return ValueError(found.group(1).strip())
    return ValueError(
        f"the SQL engine rejected the log: {text.splitlines()[0] if text else error!r}"
    )


def _shaped_table(result: pd.DataFrame, customer: str, monetary: str, as_of) -> pd.DataFrame:
    """The frame of ``rfm_table``: index named ``customer``, int64/int64/float64, attrs."""
    if result.empty:
        raise ValueError(f"no purchase on or before as_of ({as_of})")
    table = result.set_index(customer)
    table = table.astype({"recency": "int64", "frequency": "int64", "monetary": "float64"})
    table.index.name = customer
    table.attrs["monetary"] = monetary
    return table


def _shaped_scores(
    result: pd.DataFrame, customer: str, monetary: str, as_of, counts: dict[str, int]
) -> pd.DataFrame:
    """The frame of ``rfm_scores(rfm_table(...))``, with its warnings on empty levels."""
    scores = _shaped_table(result, customer, monetary, as_of)
    scores = scores.astype({letter: "int64" for letter in "RFM"})
    scores["RFM"] = scores["RFM"].astype(str)
    for letter in "RFM":
        empty = sorted(set(range(1, counts[letter] + 1)) - set(scores[letter].unique()))
        if empty:
            warnings.warn(
                f"score {letter} has no customer at level(s) {', '.join(map(str, empty))} "
                f"(of 1 to {counts[letter]})",
                UserWarning,
                stacklevel=3,
            )
    scores.attrs = {"monetary": monetary, "rfm_levels": counts}
    return scores


def rfm_table_duckdb(
    source: object,
    as_of: object,
    *,
    connection=None,
    memory_limit: str | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
) -> pd.DataFrame:
    """RFM table computed by DuckDB, from a DataFrame or from Parquet/CSV files on disk.

    Parameters
    ----------
    source : pandas.DataFrame, str or path
        The log: a DataFrame, or a path, directory or glob (``"logs/*.parquet"``)
        of Parquet files, or a path/glob of CSV files. Files are read by DuckDB
        (``read_parquet`` / ``read_csv``) as a stream, never loaded into pandas.
    as_of : date-like
        Reference day, passed to the query as the bound parameter ``$as_of``.
        Rows after it are ignored.
    connection : duckdb.DuckDBPyConnection, optional
        Connection to use (default: a new in-memory one, closed afterwards).
    memory_limit : str, optional
        DuckDB memory limit of the new connection, e.g. ``"2GB"``; beyond it DuckDB
        spills to its temporary directory.
    customer, date, amount, monetary
        As for :func:`marketing_kpi.rfm_table`.

    Returns
    -------
    pandas.DataFrame
        Exactly what ``rfm_table(log, as_of=as_of, monetary=monetary, truncate=True)``
        returns: index named after ``customer`` (sorted), columns ``recency``
        (int64), ``frequency`` (int64), ``monetary`` (float64), ``attrs["monetary"]``.

    Raises
    ------
    ValueError
        ``as_of`` not a date, missing column, unreadable file, no purchase on or
        before ``as_of``, missing id/date or bad amount (found by the query),
        ``monetary`` not in :data:`marketing_kpi.rfm.MONETARY_KINDS`.
    TypeError
        ``source`` neither a DataFrame nor a path.
    """
    day = _day(as_of, "as_of")
    names = {"customer": customer, "date": date, "amount": amount}
    _table_tree("t", customer, date, amount, monetary)  # checks names and monetary first
    result = _run_duckdb(
        source,
        lambda view: rfm_table_query(table=view, monetary=monetary, **names),
        {"as_of": day},
        names,
        connection,
        memory_limit,
    )
    return _shaped_table(result, customer, monetary, as_of)


def rfm_scores_duckdb(
    source: object,
    as_of: object,
    *,
    bins: int = 5,
    cutoffs: Mapping[str, Sequence[float]] | None = None,
    connection=None,
    memory_limit: str | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
) -> pd.DataFrame:
    """RFM table and scores computed by DuckDB, as ``rfm_scores(rfm_table(...), bins, cutoffs)``.

    Parameters are those of :func:`rfm_table_duckdb` and of
    :func:`marketing_kpi.rfm_scores` (``bins``, ``cutoffs``).

    Returns
    -------
    pandas.DataFrame
        The RFM table with int64 columns ``R``, ``F``, ``M``, a str column ``RFM``,
        ``attrs["monetary"]`` and ``attrs["rfm_levels"]``, like ``rfm_scores``.

    Warns
    -----
    UserWarning
        A score level that holds no customer, as :func:`marketing_kpi.rfm_scores`.
    """
    day = _day(as_of, "as_of")
    names = {"customer": customer, "date": date, "amount": amount}
    _, counts = _scores_tree("t", customer, date, amount, monetary, bins, cutoffs)
    result = _run_duckdb(
        source,
        lambda view: rfm_scores_query(
            bins=bins, cutoffs=cutoffs, table=view, monetary=monetary, **names
        ),
        {"as_of": day},
        names,
        connection,
        memory_limit,
    )
    return _shaped_scores(result, customer, monetary, as_of, counts)


def activity_duckdb(
    source: object,
    period: tuple[object, object],
    *,
    customers: object = None,
    connection=None,
    memory_limit: str | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
) -> pd.DataFrame:
    """What each customer bought during ``period``, computed by DuckDB, as ``period_activity``.

    ``period`` is a ``(start, end)`` pair of dates, both included, bound as
    ``$period_start`` / ``$period_end``. ``customers`` (optional) lists the ids
    to report, in this order, with zeros for those who bought nothing.
    Returns columns ``purchase_days`` (int64), ``spend`` (float64), ``active`` (bool).
    """
    start, end = check.day_range(period, "period")
    epoch = datetime.date(1970, 1, 1)
    params = {
        "period_start": epoch + datetime.timedelta(days=start),
        "period_end": epoch + datetime.timedelta(days=end),
    }
    names = {"customer": customer, "date": date, "amount": amount}
    result = _run_duckdb(
        source,
        lambda view: activity_query(table=view, **names),
        params,
        names,
        connection,
        memory_limit,
    )
    table = result.set_index(customer)[["purchase_days", "spend"]]
    if customers is not None:
        wanted = pd.Index(customers, name=customer)
        if wanted.has_duplicates:
            raise ValueError("customers contains duplicate ids")
        table = table.reindex(wanted, fill_value=0)
    table = table.astype({"purchase_days": "int64", "spend": "float64"})
    return table.assign(active=table["purchase_days"] > 0)


# --- Spark ----------------------------------------------------------------------


def _spark_view(spark, source: object) -> tuple[str, object, bool]:
    """Name of a temporary view holding ``source``, its columns, and whether we created it."""
    from pyspark.sql import DataFrame as SparkFrame

    if isinstance(source, pd.DataFrame):
        source = spark.createDataFrame(source)
    if isinstance(source, SparkFrame):
        view = f"{_SOURCE_VIEW}_{uuid.uuid4().hex}"
        source.createOrReplaceTempView(view)
        return view, source.columns, True
    if isinstance(source, str | os.PathLike):
        text = str(source)
        if (
            text.lower().endswith((".parquet", ".parq", ".pq"))
            or Path(text).is_dir()
            or "*" in text
        ):
            frame = spark.read.parquet(text)
            view = f"{_SOURCE_VIEW}_{uuid.uuid4().hex}"
            frame.createOrReplaceTempView(view)
            return view, frame.columns, True
        if spark.catalog.tableExists(text):
            # "db.table" is a table of a database: read it with Spark's own name
            # parsing, then query it through a view (the query quotes one identifier)
            frame = spark.table(text)
            view = f"{_SOURCE_VIEW}_{uuid.uuid4().hex}"
            frame.createOrReplaceTempView(view)
            return view, frame.columns, True
        raise ValueError(f"source {text!r} is neither a Parquet path nor a table or view")
    raise check.InputTypeError(
        f"source must be a Spark or pandas DataFrame, a view name or a Parquet path, "
        f"got {type(source).__name__}"
    )


def _run_spark(spark, source, query_of, params, names) -> pd.DataFrame:
    from pyspark.errors import PySparkException

    view, columns, created = _spark_view(spark, source)
    try:
        _require(columns, names)
        try:
            return spark.sql(query_of(view), args=params).toPandas()
        except PySparkException as error:
            raise _clear_error(error) from error
        except Exception as error:  # py4j errors not wrapped by PySpark
            if ERROR_PREFIX in str(error):
                raise _clear_error(error) from error
            raise
    finally:
        if created:
            spark.catalog.dropTempView(view)


def rfm_table_spark(
    spark,
    source: object,
    as_of: object,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
) -> pd.DataFrame:
    """RFM table computed by Spark with the transpiled query (``dialect="spark"``).

    Parameters
    ----------
    spark : pyspark.sql.SparkSession
        The session (Spark ≥ 3.4, for named parameters).
    source : pyspark DataFrame, pandas DataFrame, str or path
        The log: a DataFrame (registered as a temporary view for the query), the
        name of an existing table or view, or a Parquet path, directory or glob.
    as_of : date-like
        Reference day, passed as the named parameter ``:as_of``
        (``spark.sql(query, args={"as_of": datetime.date})``).
    customer, date, amount, monetary
        As for :func:`marketing_kpi.rfm_table`.

    Returns
    -------
    pandas.DataFrame
        Same frame as :func:`rfm_table_duckdb` (collected to the driver).
    """
    day = _day(as_of, "as_of")
    names = {"customer": customer, "date": date, "amount": amount}
    _table_tree("t", customer, date, amount, monetary)
    result = _run_spark(
        spark,
        source,
        lambda view: rfm_table_query(table=view, monetary=monetary, dialect="spark", **names),
        {"as_of": day},
        names,
    )
    return _shaped_table(result, customer, monetary, as_of)


def rfm_scores_spark(
    spark,
    source: object,
    as_of: object,
    *,
    bins: int = 5,
    cutoffs: Mapping[str, Sequence[float]] | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    monetary: str = "mean",
) -> pd.DataFrame:
    """RFM table and scores computed by Spark with the transpiled query (see rfm_scores_duckdb)."""
    day = _day(as_of, "as_of")
    names = {"customer": customer, "date": date, "amount": amount}
    _, counts = _scores_tree("t", customer, date, amount, monetary, bins, cutoffs)
    result = _run_spark(
        spark,
        source,
        lambda view: rfm_scores_query(
            bins=bins, cutoffs=cutoffs, table=view, monetary=monetary, dialect="spark", **names
        ),
        {"as_of": day},
        names,
    )
    return _shaped_scores(result, customer, monetary, as_of, counts)


__all__ = [
    "DIALECTS",
    "activity_duckdb",
    "activity_query",
    "rfm_scores_duckdb",
    "rfm_scores_query",
    "rfm_scores_spark",
    "rfm_table_duckdb",
    "rfm_table_query",
    "rfm_table_spark",
]
