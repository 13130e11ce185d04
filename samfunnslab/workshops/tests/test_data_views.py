"""Getting data out of a workshop and into another: export, summary PDF and import pages."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, Contribution, Workshop

CSV_HEADER = "spørsmål/tekst,type,svar/kommentar,tema,undertema,aktivitet,tid\n"


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(name: str, content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


@pytest.fixture
def answered(choice: Activity, participant: Any) -> Workshop:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="k1"
    )
    return choice.workshop


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_a_facilitator_downloads_the_table_in_each_format(
    answered: Workshop, facilitator: Any, fmt: str
) -> None:
    response = logged_in(facilitator).get(reverse("workshops:export", args=[answered.pk, fmt]))
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]


def test_the_csv_download_holds_the_answers(answered: Workshop, facilitator: Any) -> None:
    response = logged_in(facilitator).get(reverse("workshops:export", args=[answered.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "spørsmål/tekst"
    assert any("Skole" in cell for row in rows[1:] for cell in row)


def test_an_unknown_export_format_is_not_found(answered: Workshop, facilitator: Any) -> None:
    url = reverse("workshops:export", args=[answered.pk, "docx"])
    assert logged_in(facilitator).get(url).status_code == 404


def test_the_summary_pdf_is_a_pdf(answered: Workshop, facilitator: Any) -> None:
    response = logged_in(facilitator).get(reverse("workshops:summary_pdf", args=[answered.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "name,args",
    [("export", ["csv"]), ("summary_pdf", []), ("import", [])],
)
def test_outsiders_get_nothing_out_or_in(
    answered: Workshop, outsider: Any, name: str, args: list[str]
) -> None:
    url = reverse(f"workshops:{name}", args=[answered.pk, *args])
    assert logged_in(outsider).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page


def test_a_viewer_may_read_the_data_but_not_import(answered: Workshop, colleague: Any) -> None:
    client = logged_in(colleague)
    assert client.get(reverse("workshops:export", args=[answered.pk, "csv"])).status_code == 200
    assert client.get(reverse("workshops:summary_pdf", args=[answered.pk])).status_code == 200
    url = reverse("workshops:import", args=[answered.pk])
    assert client.get(url).status_code == 403
    posted = client.post(url, {"file": upload("svar.csv", CSV_HEADER + "Mer lys,,,,,Vei,\n")})
    assert posted.status_code == 403
    assert not Contribution.objects.filter(text="Mer lys").exists()


def test_the_console_offers_the_data_buttons(answered: Workshop, facilitator: Any) -> None:
    page = logged_in(facilitator).get(reverse("workshops:console", args=[answered.pk])).content
    for name, args in [("export", ["xlsx"]), ("summary_pdf", []), ("import", [])]:
        assert reverse(f"workshops:{name}", args=[answered.pk, *args]).encode() in page


def test_importing_a_table_adds_its_rows_and_says_how_many(
    workshop: Workshop, facilitator: Any
) -> None:
    content = CSV_HEADER + "Mer lys i parken,innspill,,Trygghet,,Hva savner du?,\n"
    client = logged_in(facilitator)
    url = reverse("workshops:import", args=[workshop.pk])
    preview = client.post(url, {"file": upload("svar.csv", content)})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Slik leses kolonnene" in page and "Mer lys i parken" in page
    assert not Contribution.objects.filter(activity__workshop=workshop).exists()
    token = preview.context["token"]
    mapping = {
        f"column_{i}": role for i, role in enumerate(preview.context["preview"].mapping.roles)
    }
    response = client.post(url, {"token": token, **mapping})
    assert response.status_code == 302
    assert Contribution.objects.filter(activity__workshop=workshop, text="Mer lys i parken")
    console = client.get(response["Location"]).content.decode()
    assert "1 rader importert" in console


def test_a_bad_row_is_explained_by_line_and_column_and_nothing_is_imported(
    workshop: Workshop, facilitator: Any
) -> None:
    content = CSV_HEADER + "God rad,innspill,,,,Spørsmål,\n,,,,,Spørsmål,ikke en dato\n"
    response = logged_in(facilitator).post(
        reverse("workshops:import", args=[workshop.pk]), {"file": upload("svar.csv", content)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingenting ble importert" in page
    assert "<td>3</td>" in page
    assert not Contribution.objects.filter(activity__workshop=workshop).exists()


def test_the_facilitator_chooses_the_columns_of_an_ambiguous_file(
    workshop: Workshop, facilitator: Any
) -> None:
    client = logged_in(facilitator)
    url = reverse("workshops:import", args=[workshop.pk])
    content = "Question,Response\nWhy buses?,Because\nWhy trains?,Faster\n"
    preview = client.post(url, {"file": upload("q.csv", content)})
    assert preview.status_code == 400
    assert "Velg hvilken som er hva" in preview.content.decode()
    token = preview.context["token"]
    ambiguous = client.post(url, {"token": token, "column_0": "text", "column_1": "text"})
    assert ambiguous.status_code == 400
    assert not Contribution.objects.filter(activity__workshop=workshop).exists()
    done = client.post(url, {"token": token, "column_0": "text", "column_1": "answer"})
    assert done.status_code == 302
    assert Contribution.objects.get(activity__workshop=workshop, text="Why trains?").comment == (
        "Faster"
    )
    assert client.post(url, {"token": token, "column_0": "text"}).status_code == 302  # gone


def test_importing_without_a_file_asks_for_one(workshop: Workshop, facilitator: Any) -> None:
    response = logged_in(facilitator).post(reverse("workshops:import", args=[workshop.pk]), {})
    assert response.status_code == 400
    assert "Velg en fil å lese inn." in response.content.decode()
