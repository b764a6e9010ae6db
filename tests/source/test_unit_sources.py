"""An article's source cut into its units (source/units.py: source_pieces,
source_units): what the archive site links and filters by, the units the
statistics count."""

from __future__ import annotations

import random

from tests.archive.stats.statsgen import UNITS_YAML
from weekly_pdf.source.units import read_units, source_pieces, source_units


def units(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text(UNITS_YAML, encoding="utf-8")
    return read_units(path)


def test_each_name_is_paired_with_its_unit_and_the_pieces_join_back_to_the_source(tmp_path):
    listed = units(tmp_path)
    assert source_pieces("北京市海淀区科协、中关村科学城管委会", listed) == (
        ("北京市海淀区科协", "海淀区科协"), ("、", None), ("中关村科学城管委会", "中关村科学城管委会"))
    assert source_pieces(" 北京市制冷学会 ；某研究所", listed) == (
        (" ", None), ("北京市制冷学会", "北京制冷学会"), (" ", None), ("；", None),
        ("某研究所", "某研究所"))
    # Known units separated only by white space are those units (as the statistics take them).
    assert source_pieces("东城区科协\u3000西城区科协", listed) == (
        ("东城区科协", "东城区科协"), ("\u3000", None), ("西城区科协", "西城区科协"))
    # A name with a space that is not all known units stays whole.
    assert source_pieces("北京 某学会", listed) == (("北京 某学会", "北京 某学会"),)
    # Full-width and half-width forms of a listed name are that unit.
    assert source_units("北京制冷学会", listed) == ("北京制冷学会",)
    assert source_units("东城区科协、东城区科学技术协会", listed) == ("东城区科协",)
    assert source_units("、，", listed) == ()


def test_without_a_unit_list_the_names_are_split_and_kept_as_written():
    assert source_units("海淀区科协、中关村科学城管委会") == ("海淀区科协", "中关村科学城管委会")
    assert source_units("北京市制冷学会") == ("北京市制冷学会",)
    assert source_units("东城区科协 西城区科协") == ("东城区科协 西城区科协",)


def test_the_units_are_those_the_statistics_resolve(tmp_path):
    listed = units(tmp_path)
    names = ["东城区科协", "东城区科学技术协会", "西城区科协", "北京市海淀区科协", "北京制冷学会",
             "北京市制冷学会", "北京力学会", "中关村科学城管委会", "某研究所", "北京 某学会", "",
             "  "]
    rng = random.Random(5)
    for _ in range(2000):
        parts = rng.choices(names, k=rng.randint(1, 4))
        source = "".join(part + rng.choice(["、", "，", ",", "；", ";", "/", "／", " ", "\u3000", " 、"])
                         for part in parts)[:-1]
        pieces = source_pieces(source, listed)
        assert "".join(text for text, _ in pieces) == source
        resolved = tuple(dict.fromkeys(unit.name if unit else name
                                       for name, unit in listed.resolve(source)))
        assert source_units(source, listed) == resolved, source
