"""The shipped GB/T 2260 province -> city data and its loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services.regions import Regions, load_regions
from desktop_app.storage.paths import resource

DATA_PATH = resource("regions", "gbt2260.json")
PLACEHOLDERS = ("省直辖县级行政区划", "自治区直辖县级行政区划", "市辖区", "县")


@pytest.fixture(scope="module")
def regions() -> Regions:
    return load_regions()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"))


def test_34_provincial_level_divisions(regions: Regions) -> None:
    names = regions.provinces()
    assert len(names) == 34
    assert len(set(names)) == 34
    expected = {"北京市", "上海市", "浙江省", "新疆维吾尔自治区"}
    expected |= {"台湾省", "香港特别行政区", "澳门特别行政区"}
    assert expected <= set(names)


def test_municipalities_are_their_own_only_city(regions: Regions) -> None:
    assert regions.cities("上海市") == ["上海市"]
    for name in ("北京市", "天津市", "上海市", "重庆市"):
        assert regions.is_municipality(name)
        assert regions.cities(name) == [name]
    assert not regions.is_municipality("浙江省")
    assert not regions.is_municipality("香港特别行政区")
    assert not regions.is_municipality("火星")


def test_special_administrative_regions_and_taiwan_have_a_city(regions: Regions) -> None:
    for name in ("台湾省", "香港特别行政区", "澳门特别行政区"):
        assert regions.cities(name)


def test_prefecture_level_cities(regions: Regions) -> None:
    assert regions.contains("广东省", "深圳市")
    assert regions.contains("广东省", "广州市")
    assert regions.contains("浙江省", "杭州市")
    assert regions.contains("内蒙古自治区", "锡林郭勒盟")
    assert regions.contains("四川省", "凉山彝族自治州")
    assert not regions.contains("广东省", "杭州市")
    assert not regions.contains("火星", "深圳市")


def test_directly_administered_county_level_units_are_cities(regions: Regions) -> None:
    assert regions.contains("湖北省", "仙桃市")
    assert regions.contains("河南省", "济源市")
    assert regions.contains("海南省", "五指山市")
    assert regions.contains("新疆维吾尔自治区", "石河子市")


def test_no_placeholder_names_anywhere(regions: Regions) -> None:
    for province in regions.provinces():
        assert province not in PLACEHOLDERS
        assert "直辖" not in province
        for city in regions.cities(province):
            assert city not in PLACEHOLDERS
            assert "直辖" not in city


def test_codes_are_six_digits_and_cities_sit_in_their_province(raw: dict) -> None:
    assert raw["standard"] == "GB/T 2260"
    assert raw["source"]
    for province in raw["provinces"]:
        code = province["code"]
        assert len(code) == 6 and code.isdigit(), province
        assert province["cities"], province["name"]
        for city in province["cities"]:
            assert len(city["code"]) == 6 and city["code"].isdigit(), city
            assert city["code"][:2] == code[:2], (province["name"], city)


def test_unknown_province_has_no_cities(regions: Regions) -> None:
    assert regions.cities("火星") == []
    assert regions.cities("") == []


def test_cities_returns_a_copy(regions: Regions) -> None:
    regions.cities("浙江省").append("火星")
    assert "火星" not in regions.cities("浙江省")


def test_default_load_is_cached_and_explicit_path_is_read(tmp_path: Path) -> None:
    assert load_regions() is load_regions()
    small = {
        "source": "test",
        "standard": "GB/T 2260",
        "provinces": [{"code": "330000", "name": "浙江省", "cities": [{"code": "330100", "name": "杭州市"}]}],
    }
    path = tmp_path / "regions.json"
    path.write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")
    loaded = load_regions(path)
    assert loaded.provinces() == ["浙江省"]
    assert loaded.cities("浙江省") == ["杭州市"]
    assert loaded.source == "test"
