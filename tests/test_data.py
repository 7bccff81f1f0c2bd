"""The synthetic data set is exactly what its seeded generator writes."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "generate_data", ROOT / "scripts" / "generate_data.py"
)
generate_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate_data)

DATA = ROOT / "notebooks" / "data"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    return generate_data.generate(tmp_path_factory.mktemp("data"))


def test_committed_data_is_reproducible(regenerated):
    for path in regenerated.values():
        committed = DATA / path.name
        assert committed.read_bytes() == path.read_bytes(), f"{committed} differs: run `make data`"


def test_data_is_small_enough_to_commit(regenerated):
    assert sum(p.stat().st_size for p in regenerated.values()) < 5 * 1024 * 1024


def test_orders_are_consistent(regenerated):
    orders = pd.read_csv(regenerated["commandes"], parse_dates=["date"])
    customers = pd.read_csv(regenerated["clients"], parse_dates=["first_order_date"])
    assert orders["order_id"].is_unique
    assert set(orders["channel"]) == {"magasin", "site web", "marketplace"}
    assert orders["date"].between("2023-01-01", "2025-12-31").all()
    assert (orders["amount"] > 0).all()
    merged = orders.merge(customers, on="customer_id", validate="many_to_one")
    assert (merged["date"] >= merged["first_order_date"]).all(), "no order before the first"
    first = orders.groupby("customer_id")["date"].min()
    assert first.equals(customers.set_index("customer_id")["first_order_date"].loc[first.index])


def test_returns_refer_to_earlier_orders(regenerated):
    orders = pd.read_csv(regenerated["commandes"], parse_dates=["date"]).set_index("order_id")
    returns = pd.read_csv(regenerated["retours"], parse_dates=["return_date"])
    assert returns["order_id"].is_unique
    sold = orders.loc[returns["order_id"]]
    assert (returns["return_date"].to_numpy() > sold["date"].to_numpy()).all()
    assert (returns["refund"].to_numpy() == sold["amount"].to_numpy()).all()
    assert (returns["customer_id"].to_numpy() == sold["customer_id"].to_numpy()).all()


def test_control_group_receives_nothing(regenerated):
    targets = pd.read_csv(regenerated["cibles_campagne"])
    contacts = pd.read_csv(regenerated["contacts_campagne"])
    control = set(targets.loc[targets["group"] == "témoin", "customer_id"])
    assert control, "the campaign has a control group"
    assert not control & set(contacts["customer_id"])
    assert set(contacts["customer_id"]) <= set(targets["customer_id"])


def test_december_outsells_august(regenerated):
    orders = pd.read_csv(regenerated["commandes"], parse_dates=["date"])
    by_month = orders.groupby(orders["date"].dt.month)["amount"].sum()
    assert by_month[12] > 1.3 * by_month[8]


def test_survey_scores_are_whole_numbers_from_0_to_10(regenerated):
    survey = pd.read_csv(regenerated["enquete_nps"])
    assert survey["score"].between(0, 10).all()
    assert survey["customer_id"].is_unique
