"""The state report as a file: values are numbers a spreadsheet can sum, in both CSVs."""

import csv
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from lotse.monitoring.models import Indicator, Value


def test_report_files_store_numbers_as_numbers(state_coordinator, world):
    indicator = Indicator.objects.get(code="netzwerkpartner")
    Value.objects.create(indicator=indicator, district=world.district, year=2024, value="8.8")
    url = reverse("monitoring:state_report", kwargs={"file_format": "xlsx"})
    sheet = load_workbook(
        io.BytesIO(state_coordinator.get(url + "?von=2024&bis=2024").content)
    ).active
    row = next(
        r
        for r in sheet.iter_rows(values_only=True)
        if r[2] == world.district.name and r[0] == indicator.name
    )
    assert row[3] == 2024 and row[4] == 8.8  # a number, not the text "8,8"
    url = reverse("monitoring:state_report", kwargs={"file_format": "csv"})
    german = state_coordinator.get(url + "?von=2024&bis=2024").content.decode("utf-8-sig")
    line = next(
        r
        for r in csv.reader(io.StringIO(german), delimiter=";")
        if r[2] == world.district.name and r[0] == indicator.name
    )
    assert line[3:] == ["2024", "8,800"]
    machine = state_coordinator.get(url + "?von=2024&bis=2024&format=machine").content.decode()
    line = next(
        r
        for r in csv.reader(io.StringIO(machine))
        if r[2] == world.district.name and r[0] == indicator.name
    )
    assert Decimal(line[4]) == Decimal("8.8")
