"""The JSON-stat 2.0 parser, on four real SSB answers and on broken ones."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from statbank.errors import StatInputError
from statbank.jsonstat import ABSENT, parse_dimensions, parse_jsonstat, read_jsonstat

HALDEN = "07459_halden_3101_2005-2026_sex_age_jsonstat2.json"
OSLO = "07459_oslo_stavanger_bodo_age80-104_2017_2024_jsonstat2.json"
PROJECTION = "13599_national_projection_MMM_age80-104_2025_2026_2035_jsonstat2.json"
HOUSE_PRICES = "07221_house_price_index_pxwebpy_fixture_jsonstat2.json"


def tiny(**overrides: Any) -> dict[str, Any]:
    """A valid two-by-two dataset that a test can break."""
    data: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [2, 2],
        "role": {"geo": ["Region"], "time": ["Tid"]},
        "dimension": {
            "Region": {"category": {"index": {"0301": 0, "1106": 1}, "label": {"0301": "Oslo"}}},
            "Tid": {"category": {"index": ["2023", "2024"]}},
        },
        "value": [1, 2, 3, 4],
    }
    data.update(overrides)
    return data


def test_it_reads_dimensions_in_order_with_labels_and_a_dense_array(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / OSLO)
    assert data.ids == ("Region", "Kjonn", "Alder", "ContentsCode", "Tid")
    assert data.values.shape == (3, 2, 25, 1, 2)
    region = data.dimension("Region")
    assert region.codes == ("0301", "1103", "1804")
    assert region.labels == ("Oslo - Oslove", "Stavanger", "Bodø")
    assert region.role == "geo" and data.role("time") is data.dimension("Tid")
    assert (
        data.dimension("Alder").codes[0] == "080" and data.dimension("Alder").labels[0] == "80 år"
    )
    assert data.table_id == "07459"
    raw = json.loads((fixtures / OSLO).read_text("utf-8"))
    assert data.values.ravel().tolist() == [float(v) for v in raw["value"]]


def test_it_selects_one_cell_by_codes(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / OSLO)
    raw = json.loads((fixtures / OSLO).read_text("utf-8"))
    assert data.value(Region="0301", Kjonn="2", Alder="080", Tid="2017") == raw["value"][0]
    assert data.value(Region="0301", Kjonn="2", Alder="080", Tid="2024") == raw["value"][1]


def test_it_exposes_halden_before_2024_as_a_code_that_did_not_exist(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / HALDEN)
    assert data.values.shape == (1, 2, 106, 1, 22)
    # SSB answers 0 for the years before 3101 existed; the parser keeps what SSB said ...
    assert data.value(Region="3101", Kjonn="2", Alder="040", Tid="2010") == 0
    # ... and marks those slices so that callers never read them as "nobody lived there".
    mask = data.absent_mask()
    years = data.dimension("Tid").codes
    absent_years = [y for i, y in enumerate(years) if mask[0, 0, 0, 0, i]]
    assert absent_years == [str(y) for y in range(2005, 2024)]
    marked = data.mark_absent()
    assert math.isnan(marked.value(Region="3101", Kjonn="2", Alder="040", Tid="2010"))
    assert marked.status_of(Region="3101", Kjonn="1", Alder="000", Tid="2023") == ABSENT
    assert np.nansum(marked.values[..., -3:]) == pytest.approx(31935 + 32038 + 32082)
    assert marked.status_of(Region="3101", Kjonn="1", Alder="000", Tid="2024") == ""


def test_it_keeps_dot_dot_statuses_and_turns_nulls_into_nan(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / HOUSE_PRICES)
    assert data.values.shape == (12, 3, 1, 8)
    missing = np.isnan(data.values)
    assert missing.sum() == 24
    assert (data.status[missing] == "..").all()
    assert (data.status[~missing] == "").all()
    assert data.values.ravel()[0] == 136.2
    assert any(".. = Tallgrunnlag mangler" in note for note in data.notes)


def test_it_reads_the_national_projection_without_a_geo_dimension(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / PROJECTION)
    assert data.ids == ("Kjonn", "Alder", "Framskriv", "ContentsCode", "Tid")
    assert data.dimension("Framskriv").labels == ("Hovedalternativ (MMM)",)
    assert data.dimension("Tid").codes == ("2025", "2026", "2035")
    assert data.value(Kjonn="2", Alder="080", Tid="2025") == 20344
    assert not data.absent_mask().any()


def test_it_reads_a_sparse_value_object_and_a_single_status_string() -> None:
    data = parse_jsonstat(json.dumps(tiny(value={"1": 5, "3": None}, status="e")))
    assert math.isnan(data.value(Region="0301", Tid="2023"))
    assert data.value(Region="0301", Tid="2024") == 5
    assert data.dimension("Region").labels == ("Oslo", "1106")
    assert (data.status == "e").all()


def test_parse_dimensions_reads_a_metadata_answer_without_values() -> None:
    meta = tiny()
    del meta["value"]
    dims = parse_dimensions(json.dumps(meta))
    assert [d.id for d in dims] == ["Region", "Tid"]
    assert dims[1].codes == ("2023", "2024")


def test_malformed_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"class": "dataset", "id": [', "utf-8")
    with pytest.raises(StatInputError, match="broken.json.*not valid JSON") as caught:
        read_jsonstat(path)
    assert caught.value.path == str(path)


def test_a_value_list_longer_than_size_names_the_dimension_and_length() -> None:
    with pytest.raises(StatInputError) as caught:
        parse_jsonstat(json.dumps(tiny(value=[1, 2, 3, 4, 5])), source="07459.json")
    assert caught.value.dimension == "value" and caught.value.value == 5
    assert "07459.json" in str(caught.value) and "size" in str(caught.value)


def test_a_size_that_does_not_match_the_categories_names_the_dimension() -> None:
    with pytest.raises(StatInputError) as caught:
        parse_jsonstat(json.dumps(tiny(size=[2, 3])), source="x.json")
    assert caught.value.dimension == "Tid" and caught.value.value == 3


def test_an_unknown_dimension_in_id_names_it() -> None:
    with pytest.raises(StatInputError) as caught:
        parse_jsonstat(json.dumps(tiny(id=["Region", "Alder"])), source="x.json")
    assert caught.value.dimension == "Alder"
    assert "x.json" in str(caught.value)


def test_a_value_that_is_not_a_number_names_its_position() -> None:
    with pytest.raises(StatInputError) as caught:
        parse_jsonstat(json.dumps(tiny(value=[1, "two", 3, 4])), source="x.json")
    assert caught.value.dimension == "value[1]" and caught.value.value == "two"


def test_asking_for_an_unknown_dimension_or_code_names_it(fixtures: Path) -> None:
    data = read_jsonstat(fixtures / OSLO)
    with pytest.raises(StatInputError) as caught:
        data.dimension("Fylke")
    assert caught.value.dimension == "Fylke"
    with pytest.raises(StatInputError) as caught:
        data.value(Region="9999", Kjonn="2", Alder="080", Tid="2017")
    assert caught.value.dimension == "Region" and caught.value.value == "9999"


def test_a_collection_instead_of_a_dataset_is_refused() -> None:
    with pytest.raises(StatInputError, match="dataset") as caught:
        parse_jsonstat(json.dumps({"class": "collection"}), source="x.json")
    assert caught.value.value == "collection"


def test_category_positions_that_are_not_0_to_n_name_the_dimension() -> None:
    broken = tiny()
    broken["dimension"]["Region"]["category"]["index"] = {"0301": 0, "1106": "one"}
    with pytest.raises(StatInputError) as caught:
        parse_jsonstat(json.dumps(broken), source="x.json")
    assert caught.value.dimension == "Region" and caught.value.value == [0, "one"]
