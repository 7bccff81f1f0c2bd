"""Loyalty KPIs and RFM segmentation for the course « Marketing stratégique et relation client ».

Functions take plain numbers, arrays or pandas DataFrames (a transaction log has
one row per purchase with customer, date and amount columns, whose names are
parameters) and return numbers or DataFrames. Input of the wrong type raises
``TypeError``; a value out of range or inconsistent raises ``ValueError``.

The submodule :mod:`marketing_kpi.sql` (``from marketing_kpi import sql``, not
imported by default) computes the same RFM table, scores and activity in SQL:
one DuckDB query, run out of core on Parquet/CSV files, and its sqlglot
transpilations to Spark SQL and BigQuery.
"""

from marketing_kpi.activity import activity_patterns, activity_vector, recency_frequency_crosstab
from marketing_kpi.campaign import (
    attribute_orders,
    campaign_funnel,
    channel_costs,
    cost_per,
    rate,
    roi,
    uplift,
)
from marketing_kpi.clv_models import (
    BGNBDFit,
    ConvergenceError,
    GammaGammaFit,
    bgnbd_expected_purchases,
    bgnbd_log_likelihood,
    bgnbd_probability_alive,
    bgnbd_unconditional_purchases,
    expected_clv,
    fit_bgnbd,
    fit_gamma_gamma,
    gamma_gamma_expected_spend,
    gamma_gamma_log_likelihood,
    purchase_summary,
)
from marketing_kpi.cohorts import (
    cohort_counts,
    cohort_table,
    retention_curve,
    survival_clv,
    survival_lifetime,
)
from marketing_kpi.data import cdnow_sample_transactions, cdnow_transactions
from marketing_kpi.intervals import (
    difference_interval,
    mean_difference_interval,
    proportion_interval,
)
from marketing_kpi.loyalty import (
    active_customers,
    churn_rate,
    clv,
    expected_lifetime,
    nps,
    nps_breakdown,
    nps_difference,
    nps_interval,
    repurchase_rate,
    retention_between,
    retention_rate,
)
from marketing_kpi.multichannel import abcd_matrix
from marketing_kpi.rfm import (
    DEFAULT_CUTOFFS,
    DEFAULT_SEGMENTS,
    concentration_curve,
    pareto_share,
    period_activity,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
)

__all__ = [
    "DEFAULT_CUTOFFS",
    "DEFAULT_SEGMENTS",
    "BGNBDFit",
    "ConvergenceError",
    "GammaGammaFit",
    "abcd_matrix",
    "active_customers",
    "activity_patterns",
    "activity_vector",
    "bgnbd_expected_purchases",
    "bgnbd_log_likelihood",
    "bgnbd_probability_alive",
    "bgnbd_unconditional_purchases",
    "cdnow_sample_transactions",
    "cdnow_transactions",
    "churn_rate",
    "clv",
    "concentration_curve",
    "difference_interval",
    "expected_clv",
    "expected_lifetime",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "gamma_gamma_expected_spend",
    "gamma_gamma_log_likelihood",
    "mean_difference_interval",
    "nps",
    "nps_breakdown",
    "pareto_share",
    "period_activity",
    "proportion_interval",
    "purchase_summary",
    "recency_frequency_crosstab",
    "repurchase_rate",
    "retention_between",
    "retention_rate",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "segment_summary",
]
__all__ += [
    "attribute_orders",
    "campaign_funnel",
    "channel_costs",
    "cohort_counts",
    "cohort_table",
    "cost_per",
    "nps_difference",
    "nps_interval",
    "rate",
    "retention_curve",
    "roi",
    "survival_clv",
    "survival_lifetime",
    "uplift",
]
