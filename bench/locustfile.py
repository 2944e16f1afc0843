"""Load mix for bench/load.py: mostly parents searching and reading offers, a few staff
members in their workspace. Loopback only; run by bench/load.py, not by hand.

FastHttpUser (geventhttpclient): locust shares the two cores with the server, and its
default client (requests) cost about as much CPU per request as a cached page."""

import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, constant_throughput, task

POSTCODES = [
    "17489",
    "17438",
    "18055",
    "19053",
    "17033",
    "18439",
    "23966",
    "19288",
    "17373",
    "18507",
]
TOPICS = ["beratung", "eltern-cafe", "familienhebamme", "elternkurs", ""]
OFFER_IDS = Path(os.environ["LOTSE_LOAD_OFFER_IDS"]).read_text(encoding="utf-8").split()
DISTRICT_OFFER_IDS = (
    Path(os.environ["LOTSE_LOAD_DISTRICT_OFFER_IDS"]).read_text(encoding="utf-8").split()
)
EDITS_PER_MINUTE = float(os.environ.get("LOTSE_LOAD_EDITS_PER_MINUTE", "0"))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Parent(FastHttpUser):
    """Each parent asks at a fixed rate, so the users together ask for the goal's 300
    requests per second (bench/load.py sets the rate); a slower server answers fewer."""

    weight = 19
    wait_time = constant_throughput(float(os.environ.get("LOTSE_LOAD_RATE_PER_USER", "5.3")))

    @task(4)
    def search_page(self):
        topic = random.choice(TOPICS)
        self.client.get(
            f"/angebote/?where={random.choice(POSTCODES)}&age={random.randint(0, 35)}"
            + (f"&topic={topic}" if topic else ""),
            name="/angebote/?where=PLZ",
        )

    @task(3)
    def api_search(self):
        self.client.get(
            f"/api/v1/offers?postcode={random.choice(POSTCODES)}&radius_km=25",
            name="/api/v1/offers?postcode=",
        )

    @task(3)
    def offer_page(self):
        self.client.get(f"/angebote/{random.choice(OFFER_IDS)}/", name="/angebote/<id>/")

    @task(1)
    def home(self):
        self.client.get("/", name="/")


class SignedIn(FastHttpUser):
    """A staff member, signed in before the first task."""

    abstract = True

    def on_start(self):
        page = self.client.get("/konto/anmelden/", name="/konto/anmelden/")
        token = CSRF_FIELD.search(page.text).group(1)
        self.client.post(
            "/konto/anmelden/",
            {
                "username": os.environ["LOTSE_LOAD_STAFF_EMAIL"],
                "password": os.environ["LOTSE_LOAD_STAFF_PASSWORD"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/konto/anmelden/"},
            name="/konto/anmelden/ (POST)",
        )


class Staff(SignedIn):
    weight = 1
    wait_time = between(0.2, 0.5)

    @task(2)
    def workspace(self):
        self.client.get("/arbeitsbereich/13075/", name="/arbeitsbereich/<ags>/")

    @task(1)
    def upkeep(self):
        self.client.get("/angebotspflege/?landkreis=13075", name="/angebotspflege/")

    @task(1)
    def documents(self):
        self.client.get("/arbeitsbereich/13075/konzepte/", name="/arbeitsbereich/<ags>/konzepte/")


class Editor(SignedIn):
    """With --edits-per-minute: a coordinator confirming offers as still correct, each a
    write that renews the search table's token (every worker reloads it, every cached
    public page is out of date)."""

    weight = 0
    fixed_count = 1 if EDITS_PER_MINUTE else 0
    wait_time = constant_throughput(EDITS_PER_MINUTE / 60 or 1)

    @task
    def confirm(self):
        offer = random.choice(DISTRICT_OFFER_IDS)
        page = self.client.get(f"/angebotspflege/{offer}/", name="/angebotspflege/<id>/")
        self.client.post(
            f"/angebotspflege/{offer}/geprueft/",
            {"csrfmiddlewaretoken": CSRF_FIELD.search(page.text).group(1)},
            headers={"Referer": f"{self.host}/angebotspflege/{offer}/"},
            name="/angebotspflege/<id>/geprueft/ (POST)",
        )
