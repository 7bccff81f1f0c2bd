"""Generate the synthetic data of « Maison Lumen », the course's fictional retailer.

Maison Lumen sells home decor in stores (« magasin »), on its website (« site
web ») and in its mobile app (« application »). The script writes, in
notebooks/data/:

* ``clients.csv``        one row per customer (sign-up date, region, age band,
                          loyalty-programme membership, acquisition channel);
* ``commandes.csv``      every order from 2024-01-01 to 2025-12-31 (date,
                          channel, amount in euros, gross margin);
* ``enquete_nps.csv``    answers to the recommendation question (0-10);
* ``campagnes_email.csv`` e-mails sent by the spring and autumn 2025
                          campaigns, with opens and clicks per customer;
* ``canaux_campagne.csv`` cost and results of the autumn 2025 campaign by
                          channel (e-mail, SMS, courrier, réseaux sociaux); the
                          e-mail line is computed from the files above.

How customers behave (a simple "buy until you die" story, after Fader and
Hardie's models): each customer has a personal purchase rate (gamma
distributed), a monthly probability of leaving for good, and a typical basket
(log-normal). Purchases follow the calendar: December and the sales months
weigh more. Everything is drawn from one seeded generator: the same seed gives
the same files, byte for byte. No clock, no network.

Usage: python scripts/generate_data.py [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2024
N_CUSTOMERS = 4000
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")
OUT = Path(__file__).resolve().parent.parent / "notebooks" / "data"

CHANNELS = ["magasin", "site web", "application"]
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
AGE_BANDS = {"18-24": 0.10, "25-34": 0.22, "35-49": 0.30, "50-64": 0.25, "65+": 0.13}
ACQUISITION = {
    "magasin": 0.45,
    "moteur de recherche": 0.20,
    "réseaux sociaux": 0.15,
    "parrainage": 0.10,
    "publicité": 0.10,
}
# Relative weight of each calendar month in purchases (sales in January and
# July, Black Friday in November, gifts in December).
SEASONALITY = np.array([1.15, 0.80, 0.85, 0.90, 0.95, 0.90, 1.10, 0.80, 0.90, 0.95, 1.25, 1.60])
GROSS_MARGIN_RATE = 0.42


def pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Draw ``size`` labels from a {label: probability} table."""
    labels = list(weights)
    p = np.array(list(weights.values()))
    return rng.choice(labels, size=size, p=p / p.sum())


def make_customers(rng: np.random.Generator) -> pd.DataFrame:
    """Customers, with the hidden traits that drive their purchases."""
    days = (END - START).days + 1
    # More sign-ups early on: the base was launched in January 2024.
    signup_offset = np.minimum((rng.beta(1.0, 1.6, N_CUSTOMERS) * days).astype(int), days - 1)
    customers = pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(1, N_CUSTOMERS + 1)],
            "signup_date": START + pd.to_timedelta(signup_offset, unit="D"),
            "region": pick(rng, REGIONS, N_CUSTOMERS),
            "age_band": pick(rng, AGE_BANDS, N_CUSTOMERS),
            "acquisition_channel": pick(rng, ACQUISITION, N_CUSTOMERS),
            "loyalty_member": rng.random(N_CUSTOMERS) < 0.35,
        }
    )
    members = customers["loyalty_member"].to_numpy()
    # Hidden traits: members buy more often and leave less.
    customers["hidden_rate"] = rng.gamma(1.4, 0.55, N_CUSTOMERS) * np.where(
        members, 1.6, 1.0
    )  # orders/month
    customers["hidden_churn"] = np.clip(
        rng.beta(1.2, 14, N_CUSTOMERS) * np.where(members, 0.6, 1.0), 0, 0.9
    )
    customers["hidden_basket"] = rng.lognormal(np.log(55), 0.45, N_CUSTOMERS)
    channel_mix = rng.dirichlet([2.0, 1.2, 0.8], N_CUSTOMERS)
    customers["hidden_channels"] = list(channel_mix)
    return customers


def make_orders(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """Orders of every customer, month by month, until the customer leaves."""
    months = pd.period_range(START, END, freq="M")
    rows = []
    for c in customers.itertuples():
        for month in months:
            if month.end_time < c.signup_date:
                continue
            if month.start_time > c.signup_date and rng.random() < c.hidden_churn:
                break  # the customer leaves for good
            n = rng.poisson(c.hidden_rate * SEASONALITY[month.month - 1])
            first_day = max(month.start_time, c.signup_date).day
            for _ in range(n):
                day = int(rng.integers(first_day, month.days_in_month + 1))
                amount = c.hidden_basket * rng.lognormal(0, 0.35)
                if month.month in (1, 7):
                    amount *= 0.85  # sales
                rows.append(
                    (
                        c.customer_id,
                        month.start_time.replace(day=day),
                        rng.choice(CHANNELS, p=c.hidden_channels),
                        round(float(amount), 2),
                    )
                )
    orders = pd.DataFrame(rows, columns=["customer_id", "date", "channel", "amount"])
    orders = orders.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    orders.insert(0, "order_id", [f"O{i:06d}" for i in range(1, len(orders) + 1)])
    orders["margin"] = (orders["amount"] * GROSS_MARGIN_RATE).round(2)
    return orders


def make_nps(
    rng: np.random.Generator, customers: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """One survey answer from a sample of 2025 buyers, kinder from loyal members."""
    buyers = orders.loc[orders["date"] >= "2025-01-01", "customer_id"].unique()
    sample = rng.choice(np.sort(buyers), size=min(900, len(buyers)), replace=False)
    member = customers.set_index("customer_id").loc[sample, "loyalty_member"].to_numpy()
    base = np.where(member, rng.normal(8.4, 1.6, len(sample)), rng.normal(7.2, 2.2, len(sample)))
    scores = np.clip(np.rint(base), 0, 10).astype(int)
    dates = pd.Timestamp("2025-10-01") + pd.to_timedelta(rng.integers(0, 30, len(sample)), unit="D")
    survey = pd.DataFrame(
        {
            "customer_id": sample,
            "date": dates,
            "score": scores,
            "channel": rng.choice(CHANNELS, size=len(sample), p=[0.5, 0.3, 0.2]),
        }
    )
    return survey.sort_values(["date", "customer_id"]).reset_index(drop=True)


CAMPAIGNS = [("Printemps 2025", "2025-03-20"), ("Automne 2025", "2025-09-25")]
WINDOW = pd.Timedelta(days=30)  # orders attributed to a campaign: send day + 29 days


def bought_in_window(orders: pd.DataFrame, sent: pd.Timestamp) -> pd.DataFrame:
    """Orders placed in the attribution window of a campaign sent on ``sent``."""
    return orders[(orders["date"] >= sent) & (orders["date"] < sent + WINDOW)]


def make_emails(
    rng: np.random.Generator, customers: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Two 2025 e-mail campaigns sent to every customer signed up before them.

    Recent buyers open more; and customers who go on to buy in the window
    opened and clicked more (the campaign interested them), so clicks and
    purchases are correlated, as in real campaigns.
    """
    rows = []
    for campaign, sent in CAMPAIGNS:
        sent = pd.Timestamp(sent)
        audience = customers[customers["signup_date"] < sent]
        recent = orders[(orders["date"] < sent) & (orders["date"] >= sent - pd.Timedelta(days=180))]
        active = audience["customer_id"].isin(recent["customer_id"]).to_numpy()
        buyer = audience["customer_id"].isin(bought_in_window(orders, sent)["customer_id"])
        buyer = buyer.to_numpy()
        opened = rng.random(len(audience)) < np.where(buyer, 0.62, np.where(active, 0.38, 0.15))
        mean_clicks = np.where(buyer, 1.6, np.where(active, 0.8, 0.4))
        clicks = np.where(opened, rng.poisson(mean_clicks), 0)
        for cid, o, k in zip(audience["customer_id"], opened, clicks, strict=True):
            rows.append((campaign, sent, cid, int(o), int(k)))
    return pd.DataFrame(rows, columns=["campaign", "send_date", "customer_id", "opened", "clicks"])


def make_channel_results(
    rng: np.random.Generator, emails: pd.DataFrame, orders: pd.DataFrame
) -> pd.DataFrame:
    """Cost and results of the autumn 2025 campaign, channel by channel.

    The e-mail line is computed from the other files: its contacts are the
    recipients of the autumn e-mail, its responses the recipients who clicked,
    its orders the first order of each clicker in the attribution window
    (one per buyer, so that contacts, responses and orders form a funnel).
    The other channels are drawn from typical rates. Costs are a fixed part
    (design, set-up) plus a cost per contact.
    """
    campaign, sent = CAMPAIGNS[-1]
    sent = pd.Timestamp(sent)
    recipients = emails[emails["campaign"] == campaign]
    clickers = recipients.loc[recipients["clicks"] > 0, "customer_id"]
    attributed = bought_in_window(orders, sent)
    attributed = attributed[attributed["customer_id"].isin(clickers)]
    attributed = attributed.drop_duplicates("customer_id")  # orders are sorted by date
    rows = [
        (
            "e-mail",
            len(recipients),
            round(1200 + 0.004 * len(recipients), 2),
            len(clickers),
            len(attributed),
            round(float(attributed["amount"].sum()), 2),
        )
    ]
    plan = [  # channel, contacts, fixed cost, cost per contact, response, conversion, basket
        ("SMS", 1800, 250.0, 0.065, 0.045, 0.21, 52.0),
        ("courrier", 900, 900.0, 0.95, 0.030, 0.34, 71.0),
        ("réseaux sociaux", 12000, 1500.0, 0.012, 0.011, 0.09, 49.0),
    ]
    for channel, contacts, fixed, unit_cost, response, conversion, basket in plan:
        responses = int(rng.binomial(contacts, response))
        n_orders = int(rng.binomial(responses, conversion))
        revenue = round(float(n_orders * basket * rng.lognormal(0, 0.05)), 2)
        cost = round(fixed + contacts * unit_cost, 2)
        rows.append((channel, contacts, cost, responses, n_orders, revenue))
    return pd.DataFrame(
        rows, columns=["channel", "contacts", "cost", "responses", "orders", "revenue"]
    )


def generate(out: Path, seed: int = SEED) -> dict[str, Path]:
    """Write every data file into ``out``; return their paths by name."""
    rng = np.random.default_rng(seed)
    customers = make_customers(rng)
    orders = make_orders(rng, customers)
    survey = make_nps(rng, customers, orders)
    emails = make_emails(rng, customers, orders)
    tables = {
        "clients": customers.drop(columns=[c for c in customers if c.startswith("hidden_")]),
        "commandes": orders,
        "enquete_nps": survey,
        "campagnes_email": emails,
        "canaux_campagne": make_channel_results(rng, emails, orders),
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
        print(f"{name:16s} {rows:7d} rows  {path.stat().st_size / 1024:7.0f} KB")


if __name__ == "__main__":
    main()
