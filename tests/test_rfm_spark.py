"""The transpiled Spark SQL, run by a real local Spark, gives the pandas RFM on CDNOW.

One ``local[2]`` session serves every test of the file (starting a JVM costs
tens of seconds) and is stopped at the end. These tests are marked ``slow``.
Without Java they fail with a message saying what to install: they are never
skipped silently.
"""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from marketing_kpi import DEFAULT_CUTOFFS, cdnow_transactions, rfm_scores, rfm_table, sql

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:score . has no customer:UserWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),  # inside PySpark
    pytest.mark.filterwarnings("ignore:toPandas attempted Arrow optimization:UserWarning"),
]

AS_OF_END = "1998-06-30"
AS_OF_MID = "1997-09-30"
HOSTILE_AMOUNT = 'amount"; DROP TABLE transactions; --'
HOSTILE_CUSTOMER = 'client`) OR 1=1; -- l\'id "x"'


@pytest.fixture(scope="session")
def spark():
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.isdir(java_home)):
        pytest.fail(
            "Spark a besoin de Java 17 (Spark needs Java 17): sudo apt-get install "
            "openjdk-17-jre-headless, or set JAVA_HOME",
            pytrace=False,
        )
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("marketing_kpi tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        # The JVM's quick compiler only, and one garbage-collector thread: these small
        # queries never repay the optimising compiler, and the JVM starts on half the CPU
        # time (the test command is CPU-bound on two cores).
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return cdnow_transactions()[["customer_id", "date", "amount"]]


@pytest.fixture(scope="module")
def cdnow_spark(spark, cdnow):
    return spark.createDataFrame(cdnow).cache()


def assert_same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)
    assert got.attrs == expected.attrs


@pytest.mark.parametrize(("as_of", "monetary"), [(AS_OF_MID, "mean"), (AS_OF_END, "total")])
def test_spark_table_equals_pandas_on_cdnow(spark, cdnow, cdnow_spark, as_of, monetary):
    got = sql.rfm_table_spark(spark, cdnow_spark, as_of, monetary=monetary)
    assert_same(got, rfm_table(cdnow, as_of=as_of, monetary=monetary, truncate=True))


@pytest.mark.parametrize(
    ("as_of", "monetary", "cutoffs"),
    [(AS_OF_END, "mean", None), (AS_OF_MID, "total", DEFAULT_CUTOFFS), (AS_OF_MID, "mean", None)],
)
def test_spark_scores_equal_pandas_on_cdnow(spark, cdnow, cdnow_spark, as_of, monetary, cutoffs):
    got = sql.rfm_scores_spark(spark, cdnow_spark, as_of, monetary=monetary, cutoffs=cutoffs)
    expected = rfm_scores(
        rfm_table(cdnow, as_of=as_of, monetary=monetary, truncate=True), cutoffs=cutoffs
    )
    assert_same(got, expected)


def test_spark_reads_parquet_and_survives_hostile_names(spark, cdnow, tmp_path):
    hostile = cdnow.rename(columns={"amount": HOSTILE_AMOUNT, "customer_id": HOSTILE_CUSTOMER})
    path = tmp_path / "log.parquet"
    hostile.to_parquet(path)
    names = {"customer": HOSTILE_CUSTOMER, "amount": HOSTILE_AMOUNT}
    got = sql.rfm_table_spark(spark, str(path), AS_OF_MID, **names)
    assert_same(got, rfm_table(hostile, as_of=AS_OF_MID, truncate=True, **names))


def test_spark_query_raises_on_bad_amount_and_missing_column(spark):
    log = pd.DataFrame(
        {
            "customer_id": [1, 2],
            "date": pd.to_datetime(["2024-01-05", "2024-02-10"]),
            "amount": [10.0, -3.0],
        }
    )
    with pytest.raises(ValueError, match="negative, missing, NaN or infinite amount"):
        sql.rfm_table_spark(spark, log, "2024-12-31")
    with pytest.raises(ValueError, match="missing column"):
        sql.rfm_table_spark(spark, log, "2024-12-31", amount="montant")
    with pytest.raises(ValueError, match="as_of is not a date"):
        sql.rfm_table_spark(spark, log, "2024-01-01'; DROP TABLE t; --")


def test_spark_reads_a_table_of_another_database(spark, cdnow):
    # "global_temp.<view>" is a two-part name, like "<database>.<table>" in a warehouse
    spark.createDataFrame(cdnow).createOrReplaceGlobalTempView("rfm_journal")
    try:
        got = sql.rfm_table_spark(spark, "global_temp.rfm_journal", AS_OF_MID)
        assert_same(got, rfm_table(cdnow, as_of=AS_OF_MID, truncate=True))
        assert spark.catalog.tableExists("global_temp.rfm_journal")  # the user's view stays
    finally:
        spark.catalog.dropGlobalTempView("rfm_journal")
