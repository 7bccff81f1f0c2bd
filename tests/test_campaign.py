"""Tests of marketing_kpi.campaign: attribution, funnel, costs, uplift (figures worked by hand)."""

import warnings

import pandas as pd
import pytest

from marketing_kpi import (
    attribute_orders,
    campaign_funnel,
    channel_costs,
    cost_per,
    rate,
    roi,
    uplift,
)
from marketing_kpi.campaign import ALL_CHANNELS

CONTACTS = pd.DataFrame(
    [
        # customer, channel, send day, delivered, opened, clicked
        (1, "e-mail", "2025-09-01", 1, 1, 1),
        (1, "SMS", "2025-09-10", 1, None, 0),
        (2, "e-mail", "2025-09-01", 1, 0, 0),
        (3, "courrier", "2025-09-05", 1, None, None),
        (5, "e-mail", "2025-09-01", 0, 0, 0),  # bounced
        (5, "SMS", "2025-09-10", 1, None, 1),
    ],
    columns=["customer_id", "channel", "send_date", "delivered", "opened", "clicked"],
).astype({"send_date": "datetime64[ns]", "opened": "Float64", "clicked": "Float64"})

ORDERS = pd.DataFrame(
    [
        ("o1", 1, "2025-08-31 10:00", 50.0),  # before any contact: not attributed
        ("o2", 1, "2025-09-05 09:00", 40.0),  # 4 days after the e-mail: e-mail
        ("o3", 1, "2025-09-12 18:00", 30.0),  # e-mail (day 11) and SMS (day 2): last touch, SMS
        ("o4", 1, "2025-10-09 12:00", 20.0),  # 29 days after the SMS: still SMS
        ("o5", 2, "2025-10-01 12:00", 60.0),  # 30 days after the e-mail: outside the window
        ("o6", 2, "2025-09-30 12:00", 70.0),  # 29 days after the e-mail: e-mail
        ("o7", 3, "2025-09-05 20:00", 80.0),  # the letter's own day: courrier
        ("o8", 4, "2025-09-06 11:00", 90.0),  # customer never contacted
    ],
    columns=["order_id", "customer_id", "date", "amount"],
).astype({"date": "datetime64[ns]"})


def test_attribution_window_and_last_touch():
    attributed = attribute_orders(ORDERS, CONTACTS[CONTACTS["delivered"] == 1], window_days=30)
    assert attributed["order_id"].tolist() == ["o2", "o3", "o4", "o6", "o7"]
    channels = ["e-mail", "SMS", "SMS", "e-mail", "courrier"]
    assert attributed["attributed_channel"].tolist() == channels
    assert attributed["contact_date"].dt.strftime("%m-%d").tolist() == [
        "09-01",
        "09-10",
        "09-10",
        "09-01",
        "09-05",
    ]


def test_a_shorter_window_drops_late_orders():
    # 7 days: o2 (day 4 after the e-mail), o3 (day 2 after the SMS), o7 (day 0) remain
    attributed = attribute_orders(ORDERS, CONTACTS[CONTACTS["delivered"] == 1], window_days=7)
    assert attributed["order_id"].tolist() == ["o2", "o3", "o7"]


def test_funnel_counts_distinct_customers():
    delivered = CONTACTS[CONTACTS["delivered"] == 1]
    attributed = attribute_orders(ORDERS, delivered, window_days=30)
    funnel = campaign_funnel(pd.Series([1, 2, 3, 5, 6]), CONTACTS, attributed)
    assert list(funnel.index) == ["ciblés", "délivrés", "ouverts", "cliqueurs", "acheteurs"]
    # e-mail: sent to 1, 2, 5; delivered to 1, 2; opened and clicked by 1; buyers 1 (o2), 2 (o6)
    assert funnel["e-mail"].tolist() == [3, 2, 1, 1, 2]
    # SMS: 1 and 5, both delivered, no opens, 5 clicked, buyer 1 (o3, o4)
    assert funnel["SMS"].tolist()[:2] == [2, 2]
    assert pd.isna(funnel.loc["ouverts", "SMS"])
    assert funnel.loc["cliqueurs", "SMS"] == 1 and funnel.loc["acheteurs", "SMS"] == 1
    # letter: no opens, no clicks
    assert funnel["courrier"].isna().tolist() == [False, False, True, True, False]
    # whole campaign, each customer once: 5 targeted (6 was not reachable),
    # delivered to 1, 2, 3, 5 -> 4 (not 2 + 2 + 1 = 5); clicks by 1 and 5 -> 2;
    # buyers 1, 2, 3 -> 3 (not 2 + 1 + 1 = 4)
    assert funnel[ALL_CHANNELS].tolist() == [5, 4, 1, 2, 3]


def test_channel_costs_fixed_and_variable():
    costs = pd.DataFrame(
        {
            "channel": ["e-mail", "SMS", "courrier"],
            "fixed_cost": [1000.0, 200.0, 300.0],
            "cost_per_contact": [0.01, 0.07, 1.2],
        }
    )
    table = channel_costs(CONTACTS, costs)
    # e-mail: 3 sent (the bounce is paid) -> 1000 + 3 * 0.01 = 1000.03
    assert table.loc["e-mail", "variable_cost"] == pytest.approx(0.03)
    assert table.loc["e-mail", "cost"] == pytest.approx(1000.03)
    # courrier: 1 letter -> 300 + 1.2 = 301.2 per contact, fixed cost included
    assert table.loc["courrier", "cost_per_contact_all_in"] == pytest.approx(301.2)
    with pytest.raises(ValueError, match="no cost for channel"):
        channel_costs(CONTACTS, costs[costs["channel"] != "SMS"])


def test_uplift_wald_interval_by_hand():
    with pytest.warns(UserWarning, match="20 orders or buyers"):
        result = uplift(315, 4700, 20, 510)
    # p_t = 315 / 4700 = 0.067021; p_c = 20 / 510 = 0.039216; uplift 0.027805
    assert result.rate_targeted == pytest.approx(0.067021, abs=1e-6)
    assert result.rate_control == pytest.approx(0.039216, abs=1e-6)
    assert result.uplift == pytest.approx(0.027805, abs=1e-6)
    # var = 0.067021 * 0.932979 / 4700 + 0.039216 * 0.960784 / 510
    #     = 1.33041e-5 + 7.38796e-5 = 8.71837e-5; se = 0.0093372; 1.96 * se = 0.018301
    assert result.margin == pytest.approx(0.018301, abs=1e-6)
    assert (result.low, result.high) == pytest.approx((0.009505, 0.046106), abs=2e-6)
    # incremental buyers: 0.027805 * 4700 = 130.7
    assert result.incremental == pytest.approx(130.68, abs=0.01)


def test_uplift_without_warning_and_with_another_level():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = uplift(400, 4000, 40, 1000, confidence=0.90)
    # 0.10 - 0.04 = 0.06; se = sqrt(0.09 / 4000 + 0.0384 / 1000) = sqrt(6.09e-5) = 0.0078038
    # z(90 %) = 1.644854 -> margin 0.012836
    assert result.uplift == pytest.approx(0.06)
    assert result.margin == pytest.approx(0.012836, abs=1e-6)


def test_rates_costs_and_roi():
    # 45 buyers out of 1 500 contacts = 3 %
    assert rate(45, 1500) == pytest.approx(0.03)
    with pytest.warns(UserWarning, match="fewer than 30"):
        assert rate(12, 400, "conversion") == pytest.approx(0.03)
    # 3 542.25 € for 40 orders: 88.56 € per order
    assert cost_per(3542.25, 40, "order") == pytest.approx(88.55625)
    # incremental margin 5 000 €, cost 2 000 €: (5000 - 2000) / 2000 = 150 %
    assert roi(5000, 2000) == pytest.approx(1.5)
    assert roi(1500, 2000) == pytest.approx(-0.25)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: rate(5, 0), ValueError, "must be positive"),
        (lambda: rate(6, 5), ValueError, "exceeds"),
        (lambda: rate(1.5, 5), TypeError, "integer"),
        (lambda: uplift(10, 100, 5, 50, confidence=95), ValueError, "confidence"),
        (lambda: roi(100, 0), ValueError, "cost must be positive"),
        (lambda: cost_per(100, 0, "order"), ValueError, "order must be positive"),
        (lambda: attribute_orders(ORDERS, CONTACTS, window_days=0), ValueError, "window_days"),
        (lambda: attribute_orders(ORDERS, CONTACTS, window_days="30"), TypeError, "window_days"),
    ],
)
def test_bad_campaign_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
