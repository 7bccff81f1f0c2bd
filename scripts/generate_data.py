"""Generate the synthetic data of « Maison Lumen », the course's fictional retailer.

Maison Lumen sells home decor and lighting in its shops (« magasin »), on its
website and app (« site web ») and on a marketplace (« marketplace »). The
script writes, in notebooks/data/:

* ``clients.csv``           one row per customer (first-order date, region, age
                             band, acquisition channel, loyalty-programme
                             membership, e-mail and SMS consent);
* ``commandes.csv``         every order from 2023-01-01 to 2025-12-31 (date,
                             channel, amount and gross margin in euros);
* ``retours.csv``           the orders returned and refunded;
* ``enquete_nps.csv``       answers to the recommendation question (0-10),
                             April 2025;
* ``cibles_campagne.csv``   the customers targeted by the autumn 2025 campaign,
                             split at random into a targeted group and a
                             control group (« témoin ») that receives nothing;
* ``contacts_campagne.csv`` every contact of that campaign (e-mail, SMS,
                             publipostage), delivered / opened / clicked;
* ``couts_campagne.csv``    fixed cost and cost per contact of each channel.

Calibration (targets documented on docs/notebooks/donnees.md and checked by
tests/test_data_calibration.py): active buyers place about 1.5 to 2 orders a
year, a third of them buy twice in a year; e-mail click rate about 3 % of the
delivered e-mails, click-to-open 10-15 %; a few % of orders returned.

How customers behave (a "buy till you die" story, after Fader and Hardie's
models): each customer is acquired by a first order, then buys at a personal
rate (gamma distributed) until they leave for good, with a monthly probability
that depends on their acquisition channel, loyalty-programme membership and
satisfaction (the latent answer to the NPS question). Purchases follow the
calendar (Christmas, sales); margins fall during the legal sales periods and on
the marketplace (commission). The campaign adds orders to the targeted group
only. Everything is drawn from one seeded generator: the same seed gives the
same files, byte for byte. No clock, no network.

Usage: python scripts/generate_data.py [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2024
N_CUSTOMERS = 7000
START, END = pd.Timestamp("2023-01-01"), pd.Timestamp("2025-12-31")
OUT = Path(__file__).resolve().parent.parent / "notebooks" / "data"

CHANNELS = ("magasin", "site web", "marketplace")
REGIONS = {
    "Île-de-France": 0.24,
    "Auvergne-Rhône-Alpes": 0.16,
    "Nouvelle-Aquitaine": 0.12,
    "Occitanie": 0.12,
    "Hauts-de-France": 0.11,
    "Provence-Alpes-Côte d'Azur": 0.10,
    "Grand Est": 0.08,
    "Bretagne": 0.07,
}
AGE_BANDS = {"18-24": 0.08, "25-34": 0.20, "35-49": 0.32, "50-64": 0.26, "65+": 0.14}
# Acquisition channel: share of new customers, multiplier of the monthly
# probability of leaving, and preferred order channels (magasin, site web, marketplace).
ACQUISITION = {
    "magasin": (0.40, 0.90, (0.80, 0.17, 0.03)),
    "moteur de recherche": (0.20, 1.00, (0.25, 0.70, 0.05)),
    "marketplace": (0.15, 1.45, (0.10, 0.15, 0.75)),
    "réseaux sociaux": (0.10, 1.30, (0.25, 0.65, 0.10)),
    "parrainage": (0.08, 0.60, (0.55, 0.40, 0.05)),
    "publicité": (0.07, 1.20, (0.35, 0.55, 0.10)),
}
# Month weights of purchases (sales in January and July, Black Friday, Christmas).
SEASONALITY = np.array([1.15, 0.80, 0.85, 0.90, 0.95, 0.90, 1.10, 0.80, 0.90, 0.95, 1.25, 1.60])
# Legal sales periods in France (four weeks from the 2nd Wednesday of January
# and from the last Wednesday of June).
SALES = [
    ("2023-01-11", "2023-02-07"),
    ("2023-06-28", "2023-07-25"),
    ("2024-01-10", "2024-02-06"),
    ("2024-06-26", "2024-07-23"),
    ("2025-01-08", "2025-02-04"),
    ("2025-06-25", "2025-07-22"),
]
BASKET = {"magasin": 62.0, "site web": 88.0, "marketplace": 48.0}  # median basket, euros
GROSS_MARGIN_RATE = 0.50  # outside sales, before marketplace commission
SALES_DISCOUNT = 0.25  # average markdown during the sales
MARKETPLACE_COMMISSION = 0.15  # share of the amount kept by the marketplace
RETURN_RATE = {"magasin": 0.015, "site web": 0.06, "marketplace": 0.08}

# Satisfaction: latent NPS group of each customer (promoter, passive, detractor),
# its probabilities for non-members and members, and its effect on leaving.
NPS_GROUPS = ("promoteur", "passif", "détracteur")
NPS_PROBABILITIES = {False: (0.36, 0.40, 0.24), True: (0.48, 0.38, 0.14)}
NPS_CHURN = (0.60, 1.00, 1.70)
MEMBER_CHURN, MEMBER_RATE = 0.65, 1.35

SURVEY = ("2025-04-01", "2025-04-30")
SURVEY_SIZE = 1000

CAMPAIGN = "Automne 2025"
CAMPAIGN_SEND = {  # channel -> send day
    "publipostage": "2025-09-22",
    "e-mail": "2025-09-25",
    "SMS": "2025-10-02",
}
CONTROL_SHARE = 0.10
# Channel: fixed cost (design, set-up, platform), cost per contact (routing,
# print and postage), delivery rate, and chance that a contact triggers an
# extra order from a customer who is still there.
CAMPAIGN_CHANNELS = {
    "e-mail": (2500.0, 0.01, 0.97, 0.04),
    "SMS": (400.0, 0.07, 0.96, 0.025),
    "publipostage": (1800.0, 1.15, 0.95, 0.08),
}


def pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Draw ``size`` labels from a {label: probability} table."""
    labels = list(weights)
    p = np.array(list(weights.values()), dtype=float)
    return rng.choice(labels, size=size, p=p / p.sum())


def make_customers(rng: np.random.Generator) -> pd.DataFrame:
    """Customers, with the hidden traits that drive their purchases."""
    months = pd.period_range(START, END, freq="M")
    weights = SEASONALITY[months.month - 1] * np.linspace(1.15, 0.85, len(months))
    month = rng.choice(len(months), size=N_CUSTOMERS, p=weights / weights.sum())
    first_day = months[month].start_time + pd.to_timedelta(
        (rng.random(N_CUSTOMERS) * months[month].days_in_month).astype(int), unit="D"
    )
    acquisition = pick(rng, {k: v[0] for k, v in ACQUISITION.items()}, N_CUSTOMERS)
    member = rng.random(N_CUSTOMERS) < np.where(acquisition == "parrainage", 0.45, 0.30)
    customers = pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(1, N_CUSTOMERS + 1)],
            "first_order_date": first_day,
            "region": pick(rng, REGIONS, N_CUSTOMERS),
            "age_band": pick(rng, AGE_BANDS, N_CUSTOMERS),
            "acquisition_channel": acquisition,
            "loyalty_member": member,
            "email_optin": rng.random(N_CUSTOMERS) < 0.78,
            "sms_optin": rng.random(N_CUSTOMERS) < 0.42,
        }
    )
    customers = customers.sort_values(["first_order_date", "customer_id"], kind="stable")
    customers["customer_id"] = [f"C{i:05d}" for i in range(1, N_CUSTOMERS + 1)]
    customers = customers.reset_index(drop=True)
    member = customers["loyalty_member"].to_numpy()
    acquisition = customers["acquisition_channel"].to_numpy()
    groups = np.array([rng.choice(3, p=NPS_PROBABILITIES[bool(m)]) for m in member], dtype="int64")
    customers["hidden_nps_group"] = groups
    customers["hidden_rate"] = rng.gamma(0.9, 0.075, N_CUSTOMERS) * np.where(
        member, MEMBER_RATE, 1.0
    )  # orders per month while the customer is there
    churn = rng.beta(1.4, 18, N_CUSTOMERS)
    churn *= np.array([ACQUISITION[a][1] for a in acquisition])
    churn *= np.where(member, MEMBER_CHURN, 1.0) * np.array(NPS_CHURN)[groups]
    customers["hidden_churn"] = np.clip(churn, 0, 0.6)
    customers["hidden_basket"] = rng.lognormal(0, 0.35, N_CUSTOMERS)
    customers["hidden_channels"] = [ACQUISITION[a][2] for a in acquisition]
    return customers


def in_sales(dates: pd.Series) -> np.ndarray:
    """True for the dates that fall in a legal sales period."""
    flag = np.zeros(len(dates), dtype=bool)
    for first, last in SALES:
        flag |= ((dates >= first) & (dates <= last)).to_numpy()
    return flag


def priced(rng: np.random.Generator, orders: pd.DataFrame, baskets: np.ndarray) -> pd.DataFrame:
    """Add amount and margin to orders (customer_id, date, channel) given customer baskets."""
    sales = in_sales(orders["date"])
    median = orders["channel"].map(BASKET).to_numpy()
    amount = median * baskets * rng.lognormal(0, 0.45, len(orders))
    amount = np.where(sales, amount * (1 - SALES_DISCOUNT) * 1.1, amount)  # cheaper, a bit more
    rate = np.where(sales, 1 - (1 - GROSS_MARGIN_RATE) / (1 - SALES_DISCOUNT), GROSS_MARGIN_RATE)
    rate = rate - np.where(orders["channel"].to_numpy() == "marketplace", MARKETPLACE_COMMISSION, 0)
    amount = np.round(np.maximum(amount, 5.0), 2)
    return orders.assign(amount=amount, margin=np.round(amount * rate, 2))


def channel_of(rng: np.random.Generator, preferences: np.ndarray) -> np.ndarray:
    """One order channel per row, drawn from each row's (magasin, web, marketplace) weights."""
    cumulative = np.cumsum(np.stack(preferences), axis=1)
    draw = rng.random(len(preferences))[:, None]
    return np.array(CHANNELS)[(draw > cumulative).sum(axis=1)]


def make_orders(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """First orders, then month by month the repeat orders of the customers still there."""
    months = pd.period_range(START, END, freq="M")
    first = customers["first_order_date"]
    first_month = (first.dt.year - START.year) * 12 + first.dt.month - 1
    alive = np.ones(len(customers), dtype=bool)
    rate = customers["hidden_rate"].to_numpy()
    churn = customers["hidden_churn"].to_numpy()
    ids, dates = [customers["customer_id"].to_numpy()], [first.to_numpy()]
    for k, month in enumerate(months):
        after = first_month.to_numpy() < k
        alive &= ~(after & (rng.random(len(customers)) < churn))
        # in the acquisition month, only the days after the first order
        start_day = np.where(first_month.to_numpy() == k, first.dt.day.to_numpy() + 1, 1)
        open_days = np.clip(month.days_in_month - start_day + 1, 0, None)
        share = open_days / month.days_in_month
        eligible = alive & (first_month.to_numpy() <= k)
        counts = rng.poisson(rate * SEASONALITY[month.month - 1] * share) * eligible
        who = np.repeat(np.arange(len(customers)), counts)
        days = start_day[who] + (rng.random(len(who)) * open_days[who]).astype(int) - 1
        ids.append(customers["customer_id"].to_numpy()[who])
        dates.append((month.start_time + pd.to_timedelta(days, unit="D")).to_numpy())
    customers["hidden_alive_at_end"] = alive
    orders = pd.DataFrame({"customer_id": np.concatenate(ids), "date": np.concatenate(dates)})
    return orders


def finish_orders(
    rng: np.random.Generator, customers: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Channel, amount and margin of each order; sorted, numbered."""
    orders = orders.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    traits = customers.set_index("customer_id").loc[orders["customer_id"]]
    first = orders["date"].to_numpy() == traits["first_order_date"].to_numpy()
    acquired_on = traits["acquisition_channel"].map(
        {"magasin": "magasin", "marketplace": "marketplace"}
    )
    channel = channel_of(rng, traits["hidden_channels"].to_numpy())
    channel = np.where(first & acquired_on.notna().to_numpy(), acquired_on.fillna(""), channel)
    channel = np.where(first & acquired_on.isna().to_numpy(), "site web", channel)
    orders = orders.assign(channel=channel)
    orders = priced(rng, orders, traits["hidden_basket"].to_numpy())
    orders.insert(0, "order_id", [f"O{i:06d}" for i in range(1, len(orders) + 1)])
    return orders


def make_returns(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    """Orders returned within 30 days and refunded in full (the margin is lost)."""
    returned = rng.random(len(orders)) < orders["channel"].map(RETURN_RATE).to_numpy()
    delay = pd.to_timedelta(rng.integers(2, 31, len(orders)), unit="D")
    returns = orders.assign(return_date=orders["date"] + delay)[returned]
    returns = returns[returns["return_date"] <= END]
    return returns.rename(columns={"amount": "refund", "margin": "margin_lost"})[
        ["order_id", "customer_id", "return_date", "refund", "margin_lost"]
    ].reset_index(drop=True)


def make_nps(
    rng: np.random.Generator, customers: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """April 2025 survey of customers who bought in the 12 months before it."""
    recent = orders[orders["date"].between("2024-04-01", "2025-03-31")]
    buyers = np.sort(recent["customer_id"].unique())
    sample = np.sort(rng.choice(buyers, size=SURVEY_SIZE, replace=False))
    traits = customers.set_index("customer_id").loc[sample]
    group = traits["hidden_nps_group"].to_numpy()
    score = np.select(
        [group == 0, group == 1],
        [rng.choice([9, 10], SURVEY_SIZE, p=[0.55, 0.45]), rng.choice([7, 8], SURVEY_SIZE)],
        rng.choice(np.arange(7), SURVEY_SIZE, p=[0.04, 0.03, 0.07, 0.10, 0.14, 0.27, 0.35]),
    )
    main = np.array(CHANNELS)[np.argmax(np.stack(traits["hidden_channels"].to_numpy()), axis=1)]
    days = pd.to_timedelta(rng.integers(0, 30, SURVEY_SIZE), unit="D")
    survey = pd.DataFrame(
        {
            "customer_id": sample,
            "date": pd.Timestamp(SURVEY[0]) + days,
            "score": score,
            "channel": main,
        }
    )
    return survey.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)


def make_campaign(
    rng: np.random.Generator, customers: pd.DataFrame, orders: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Autumn 2025 campaign: targets, random control group, contacts, extra orders.

    Target: customers with an order in the 24 months before the first send.
    10 % of them, drawn at random, form the control group and receive nothing.
    The others receive the e-mail (if they consented), the SMS (if they
    consented) and, for loyalty-programme members, a letter (publipostage).
    A contact delivered to a customer who is still there adds an order, within
    the 30 days after it, with the channel's probability; e-mail readers who buy
    in the 30 days click more often than the others.
    """
    first_send = pd.Timestamp(min(CAMPAIGN_SEND.values()))
    recent = orders[orders["date"].between(first_send - pd.DateOffset(months=24), first_send)]
    target = customers[customers["customer_id"].isin(recent["customer_id"])].reset_index(drop=True)
    control = rng.random(len(target)) < CONTROL_SHARE
    targets = pd.DataFrame(
        {
            "campaign": CAMPAIGN,
            "customer_id": target["customer_id"],
            "group": np.where(control, "témoin", "ciblé"),
        }
    )
    treated = target[~control]
    receives = {
        "publipostage": treated["loyalty_member"].to_numpy(),
        "e-mail": treated["email_optin"].to_numpy(),
        "SMS": treated["sms_optin"].to_numpy(),
    }
    alive = treated["hidden_alive_at_end"].to_numpy()
    contacts, extra = [], []
    for channel, send in CAMPAIGN_SEND.items():
        _fixed, _unit, delivery, effect = CAMPAIGN_CHANNELS[channel]
        who = treated[receives[channel]]
        n = len(who)
        delivered = rng.random(n) < delivery
        buys = delivered & alive[receives[channel]] & (rng.random(n) < effect)
        extra.append(
            pd.DataFrame(
                {
                    "customer_id": who["customer_id"].to_numpy()[buys],
                    "date": pd.Timestamp(send)
                    + pd.to_timedelta(rng.integers(0, 21, buys.sum()), unit="D"),
                }
            )
        )
        contacts.append(
            pd.DataFrame(
                {
                    "campaign": CAMPAIGN,
                    "channel": channel,
                    "send_date": pd.Timestamp(send),
                    "customer_id": who["customer_id"].to_numpy(),
                    "delivered": delivered.astype(int),
                    "_buys": buys,
                }
            )
        )
    contacts = pd.concat(contacts, ignore_index=True)
    extra = pd.concat(extra, ignore_index=True)
    return targets, contacts, extra


def add_reactions(
    rng: np.random.Generator, contacts: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Opens (e-mail) and clicks (e-mail, SMS), more frequent among the buyers of the window."""
    window = []
    for send, customer in zip(contacts["send_date"], contacts["customer_id"], strict=True):
        window.append((send, customer))
    order_days = orders.groupby("customer_id")["date"].apply(lambda d: d.to_numpy())
    bought = np.array(
        [
            c in order_days.index
            and bool(
                (
                    (order_days[c] >= np.datetime64(s))
                    & (order_days[c] < np.datetime64(s + pd.Timedelta(days=30)))
                ).any()
            )
            for s, c in window
        ]
    )
    delivered = contacts["delivered"].to_numpy() == 1
    is_mail = (contacts["channel"] == "e-mail").to_numpy()
    is_sms = (contacts["channel"] == "SMS").to_numpy()
    opened = delivered & is_mail & (rng.random(len(contacts)) < np.where(bought, 0.55, 0.33))
    click_mail = opened & (rng.random(len(contacts)) < np.where(bought, 0.30, 0.08))
    click_sms = delivered & is_sms & (rng.random(len(contacts)) < np.where(bought, 0.12, 0.025))
    return contacts.drop(columns="_buys").assign(
        opened=np.where(is_mail, opened.astype(int), pd.NA),
        clicked=np.where(is_mail | is_sms, (click_mail | click_sms).astype(int), pd.NA),
    )


def campaign_costs() -> pd.DataFrame:
    """Fixed cost and cost per contact of each channel of the autumn 2025 campaign."""
    return pd.DataFrame(
        [
            (CAMPAIGN, channel, fixed, unit)
            for channel, (fixed, unit, _delivery, _effect) in CAMPAIGN_CHANNELS.items()
        ],
        columns=["campaign", "channel", "fixed_cost", "cost_per_contact"],
    )


def generate(out: Path, seed: int = SEED) -> dict[str, Path]:
    """Write every data file into ``out``; return their paths by name."""
    rng = np.random.default_rng(seed)
    customers = make_customers(rng)
    raw = make_orders(rng, customers)
    targets, contacts, extra = make_campaign(rng, customers, raw)
    orders = finish_orders(rng, customers, pd.concat([raw, extra], ignore_index=True))
    contacts = add_reactions(rng, contacts, orders)
    tables = {
        "clients": customers.drop(columns=[c for c in customers if c.startswith("hidden_")]),
        "commandes": orders,
        "retours": make_returns(rng, orders),
        "enquete_nps": make_nps(rng, customers, orders),
        "cibles_campagne": targets,
        "contacts_campagne": contacts,
        "couts_campagne": campaign_costs(),
    }
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, table in tables.items():
        path = out / f"{name}.csv"
        table.to_csv(
            path, index=False, date_format="%Y-%m-%d", float_format="%.2f", lineterminator="\n"
        )
        paths[name] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    for name, path in generate(args.out, args.seed).items():
        rows = sum(1 for _ in path.open()) - 1
        print(f"{name:18s} {rows:7d} rows  {path.stat().st_size / 1024:7.0f} KB")


if __name__ == "__main__":
    main()
