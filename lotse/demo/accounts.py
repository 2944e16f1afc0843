"""The demo accounts (README, "Demo-Zugänge"); all with the password `lotse-demo`."""

DEMO_PASSWORD = "lotse-demo"
DISTRICT_AGS = ("13003", "13004", "13071", "13072", "13073", "13074", "13075", "13076")

# Invented people; the districts' real coordinators are not in the demo.
COORDINATOR_NAMES = {
    "13003": "Jana Krüger",
    "13004": "Tobias Lenz",
    "13071": "Anke Voss",
    "13072": "Maren Dahl",
    "13073": "Silke Brandt",
    "13074": "Ole Petersen",
    "13075": "Katrin Wendt",
    "13076": "Heike Sommer",
}

# Social areas of the demo: a name and the town whose surroundings (15 km) it covers.
SOCIAL_AREAS = {
    "13003": ("Rostock Nordwest", "Rostock"),
    "13004": ("Schwerin Süd", "Schwerin"),
    "13071": ("Region Neustrelitz", "Neustrelitz"),
    "13072": ("Region Güstrow", "Güstrow"),
    "13073": ("Insel Rügen", "Bergen auf Rügen"),
    "13074": ("Region Wismar", "Wismar"),
    "13075": ("Uecker-Randow", "Pasewalk"),
    "13076": ("Region Parchim", "Parchim"),
}

PROVIDERS = (
    ("anbieter-1@lotse.example", "Familienbrücke Vorpommern e.V.", "13075", "Greifswald"),
    ("anbieter-2@lotse.example", "Elternhaus Westmecklenburg gGmbH", "13076", "Ludwigslust"),
)
