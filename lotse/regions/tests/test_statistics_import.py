"""Import of GENESIS CSV exports: all or nothing, errors with line numbers."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from lotse.regions.models import Statistic
from lotse.regions.statistics_import import import_statistics

pytestmark = pytest.mark.django_db

GOOD = """GENESIS-Tabelle: 12612-01-01-4
Lebendgeborene: Kreise, Jahr;;;
Lebendgeborene (Anzahl);;;
;;2022;2023
13;Mecklenburg-Vorpommern;11200;10900
13003;Rostock, Hansestadt;1650;1.602
13075;Vorpommern-Greifswald;1540;-
13075039;Greifswald, Universitäts- und Hansestadt;520;498
__________
Quelle: Statistisches Amt Mecklenburg-Vorpommern
"""


def test_a_genesis_export_is_imported_per_district_municipality_and_year():
    result = import_statistics(GOOD, kind="births", source="Statistisches Amt MV, 12612-01")
    assert result.errors == []
    rostock = Statistic.objects.get(district__ags="13003", kind="births", year=2023)
    assert rostock.value == Decimal("1602")
    assert rostock.source == "Statistisches Amt MV, 12612-01"
    assert not Statistic.objects.filter(district__ags="13075", kind="births", year=2023).exists()
    assert Statistic.objects.filter(municipality__ags="13075039", year=2022).exists()
    assert result.skipped_missing == 1


def test_importing_again_replaces_the_figures_of_the_same_year():
    import_statistics(GOOD, kind="births", source="A")
    import_statistics(GOOD.replace("1650", "1700"), kind="births", source="B")
    figure = Statistic.objects.get(district__ags="13003", kind="births", year=2022)
    assert (figure.value, figure.source) == (1700, "B")


def test_dates_in_the_header_become_reference_dates():
    text = ";;31.12.2022\n13004;Schwerin;95800\n"
    import_statistics(text, kind="population", source="S")
    figure = Statistic.objects.get(district__ags="13004", kind="population", year=2022)
    assert figure.reference_date.isoformat() == "2022-12-31"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (";;2022\n13003;Rostock;12a\n", "Zeile 2, Spalte 3: '12a' ist keine Zahl."),
        (
            ";;2022\n09162;München;1000\n",
            "Zeile 2: Gebietsschlüssel 09162 gehört zu keinem Landkreis",
        ),
        ("13003;Rostock;1000\n", "Zeile 1: Datenzeile vor der Kopfzeile"),
        ("nur Text\n", "Keine Kopfzeile"),
        (
            ";;2022\n13003;Rostock;100\n13003;Rostock;200\n",
            "Zeile 3: 13003 hat für 2022 schon einen Wert (Zeile 2).",
        ),
        (
            ";;2022\n13003;Rostock;100;200\n",
            "Zeile 2: 2 Werte, aber die Kopfzeile nennt nur 1 Zeiträume.",
        ),
    ],
)
def test_errors_name_the_line_and_nothing_is_stored(text, error):
    before = Statistic.objects.count()
    result = import_statistics(text, kind="births", source="S")
    assert any(error in message for message in result.errors), result.errors
    assert Statistic.objects.count() == before


def test_one_bad_line_keeps_the_good_lines_out_too():
    text = ";;2022\n13003;Rostock;100\n13004;Schwerin;abc\n"
    result = import_statistics(text, kind="births", source="S")
    assert result.errors
    assert not Statistic.objects.filter(kind="births").exists()


def test_the_command_fails_with_the_errors(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(";;2022\n13003;Rostock;zwölf\n".encode("latin-1"))
    with pytest.raises(CommandError, match="nichts importiert"):
        call_command("import_statistics", str(path), kind="births", source="S")
    assert "Zeile 2, Spalte 3" in capsys.readouterr().err
