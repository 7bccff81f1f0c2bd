"""The synthetic Maison Lumen data meets the targets stated on docs/notebooks/donnees.md.

Each test names a target, its tolerance and where the target comes from (a
published benchmark or a stated assumption). The data is seeded, so these are
checks of the generator's settings, not of chance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

import marketing_kpi as mk

DATA = ROOT / "notebooks" / "data"
YEAR_2024 = ("2024-01-01", "2024-12-31")
YEAR_2025 = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def orders():
    return pd.read_csv(DATA / "commandes.csv", parse_dates=["date"])


@pytest.fixture(scope="module")
def customers():
    return pd.read_csv(DATA / "clients.csv", parse_dates=["first_order_date"])


@pytest.fixture(scope="module")
def contacts():
    return pd.read_csv(DATA / "contacts_campagne.csv", parse_dates=["send_date"])


def test_orders_per_active_buyer_per_year(orders):
    # target: 1.5 to 3 orders a year per active buyer (specialist home-decor retail)
    for year in (2024, 2025):
        in_year = orders[orders["date"].dt.year == year]
        per_buyer = len(in_year) / in_year["customer_id"].nunique()
        assert 1.4 <= per_buyer <= 3.0, (year, per_buyer)


def test_repurchase_within_the_year(orders):
    # target: about a third of a year's buyers buy on two different days (assumption 25-40 %)
    for period in (YEAR_2024, YEAR_2025):
        assert 0.25 <= mk.repurchase_rate(orders, period) <= 0.40


def test_second_purchase_within_twelve_months(orders, customers):
    # target: 25-40 % of new customers buy a second time within 12 months (assumption)
    cohort = customers[customers["first_order_date"] < "2025-01-01"].set_index("customer_id")
    later = orders.merge(cohort["first_order_date"], left_on="customer_id", right_index=True)
    delay = (later["date"] - later["first_order_date"]).dt.days
    second = later.loc[(delay > 0) & (delay <= 365), "customer_id"].nunique()
    assert 0.25 <= second / len(cohort) <= 0.40


def test_yearly_retention(orders):
    # target: 25-50 % of a year's buyers buy again the next year (assumption)
    assert 0.25 <= mk.retention_between(orders, YEAR_2024, YEAR_2025) <= 0.50


def test_email_click_rate_and_click_to_open(contacts):
    # targets: clicks 2-4 % of delivered e-mails, click-to-open 10-15 % (Mailchimp, 2019)
    mail = contacts[(contacts["channel"] == "e-mail") & (contacts["delivered"] == 1)]
    click_rate = mail["clicked"].mean()
    click_to_open = mail["clicked"].sum() / mail["opened"].sum()
    assert 0.02 <= click_rate <= 0.04
    assert 0.10 <= click_to_open <= 0.15


def test_return_share(orders):
    # target: a few % of orders returned (2-6 %), more online than in shops (assumption)
    returns = pd.read_csv(DATA / "retours.csv")
    assert 0.02 <= len(returns) / len(orders) <= 0.06
    by_channel = orders["order_id"].isin(returns["order_id"]).groupby(orders["channel"]).mean()
    assert by_channel["magasin"] < by_channel["site web"] < by_channel["marketplace"]


def test_control_group_share():
    # target: 10 % of the targeted customers, drawn at random, receive nothing (± 1.5 points)
    targets = pd.read_csv(DATA / "cibles_campagne.csv")
    assert (targets["group"] == "témoin").mean() == pytest.approx(0.10, abs=0.015)


def test_margins_fall_during_the_sales(orders):
    # the legal sales periods (January, July) sell at a lower gross margin rate
    rate = orders.groupby(orders["date"].dt.month).apply(
        lambda o: o["margin"].sum() / o["amount"].sum(), include_groups=False
    )
    assert rate[1] < rate[3] - 0.03 and rate[7] < rate[9] - 0.03


def test_channel_changes_the_basket(orders):
    basket = orders.groupby("channel")["amount"].mean()
    assert basket["site web"] > basket["magasin"] > basket["marketplace"]


def test_acquisition_channel_and_programme_change_retention(orders, customers):
    active = orders.merge(customers, on="customer_id")
    in_2024 = active[active["date"].dt.year == 2024]
    in_2025 = set(active.loc[active["date"].dt.year == 2025, "customer_id"])

    def kept(mask: pd.Series) -> float:
        ids = in_2024.loc[mask, "customer_id"].unique()
        return np.isin(ids, list(in_2025)).mean()

    channel = in_2024["acquisition_channel"]
    assert (
        kept(channel == "parrainage") > kept(channel == "magasin") > kept(channel == "marketplace")
    )
    assert kept(in_2024["loyalty_member"]) > kept(~in_2024["loyalty_member"]) + 0.05


def test_detractors_churn_more_after_the_survey(orders):
    survey = pd.read_csv(DATA / "enquete_nps.csv")
    later = set(orders.loc[orders["date"].between("2025-05-01", "2025-12-31"), "customer_id"])
    lost = ~survey["customer_id"].isin(later)
    detractors, promoters = survey["score"] <= 6, survey["score"] >= 9
    assert lost[detractors].mean() > lost[promoters].mean() + 0.05


def test_campaign_has_a_positive_uplift(contacts):
    orders = pd.read_csv(DATA / "commandes.csv", parse_dates=["date"])
    targets = pd.read_csv(DATA / "cibles_campagne.csv")
    window = orders[orders["date"].between("2025-09-22", "2025-10-21")]
    bought = targets["customer_id"].isin(window["customer_id"])
    rates = bought.groupby(targets["group"]).mean()
    assert 0.01 <= rates["ciblé"] - rates["témoin"] <= 0.05


def page_text() -> str:
    """docs/notebooks/donnees.md with no-break spaces read as plain spaces."""
    text = (ROOT / "notebooks" / "donnees.md").read_text(encoding="utf-8")
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def plain(written: str) -> str:
    return written.replace("\u202f", " ").replace("\u00a0", " ")


def test_data_page_states_the_figures_of_the_data(orders, customers, contacts):
    from marketing_kpi.display import number, percent

    text = page_text()
    returns = pd.read_csv(DATA / "retours.csv")
    targets = pd.read_csv(DATA / "cibles_campagne.csv")
    survey = pd.read_csv(DATA / "enquete_nps.csv")
    mail = contacts[(contacts["channel"] == "e-mail") & (contacts["delivered"] == 1)]
    per_buyer = {
        year: len(o) / o["customer_id"].nunique()
        for year, o in orders.groupby(orders["date"].dt.year)
    }
    cohort = customers[customers["first_order_date"] < "2025-01-01"].set_index("customer_id")
    later = orders.merge(cohort["first_order_date"], left_on="customer_id", right_index=True)
    delay = (later["date"] - later["first_order_date"]).dt.days
    second = later.loc[(delay > 0) & (delay <= 365), "customer_id"].nunique() / len(cohort)
    expected = [
        f"{number(per_buyer[2024], 2)} en 2024, {number(per_buyer[2025], 2)} en 2025",
        f"{percent(mk.repurchase_rate(orders, YEAR_2024))} en 2024, "
        f"{percent(mk.repurchase_rate(orders, YEAR_2025))} en 2025",
        f"| {percent(second, 0)} |",
        f"{percent(mk.retention_between(orders, YEAR_2024, YEAR_2025))} de 2024 à 2025",
        f"| {percent(mail['clicked'].mean())} |",
        f"| {percent(mail['clicked'].sum() / mail['opened'].sum())} |",
        f"| {percent(len(returns) / len(orders))} |",
        f"| {percent((targets['group'] == 'témoin').mean())} |",
        f"{percent(orders['margin'].sum() / orders['amount'].sum(), 0)} en moyenne",
        f"{number(len(customers))} clients",
        f"{number(len(orders))} commandes",
        f"{number(len(returns))} commandes, retournées",
        f"{number(len(survey))} clients, tirés au hasard",
        f"les {number(len(targets))} clients",
        f"{number(len(contacts))} contacts",
    ]
    for figure in expected:
        assert plain(figure) in text, figure
