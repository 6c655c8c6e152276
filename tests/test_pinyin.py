import pytest

from dangjian_desktop.core.pinyin import matches, name_pinyin


@pytest.mark.parametrize("name, expected", [
    ("张三", ("zhangsan", "zs")),
    ("欧阳娜娜", ("ouyangnana", "oynn")),
    ("吕布", ("lvbu", "lb")),
    ("张 三", ("zhangsan", "zs")),
    ("张\u3000三", ("zhangsan", "zs")),
    ("阿不都·热合曼", ("abudoureheman", "abdrhm")),
    ("张A三", ("zhangasan", "zas")),
    ("Bob", ("bob", "bob")),
    ("李2", ("li2", "l2")),
    ("", ("", "")),
])
def test_name_pinyin(name, expected):
    assert name_pinyin(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("单雄信", ("shanxiongxin", "sxx")),
    ("曾国藩", ("zengguofan", "zgf")),
    ("解缙", ("xiejin", "xj")),
    ("仇英", ("qiuying", "qy")),
])
def test_surnames_use_their_surname_reading(name, expected):
    assert name_pinyin(name) == expected


def test_name_pinyin_of_none_is_empty():
    assert name_pinyin(None) == ("", "")


ZHANG = {"name": "张三丰", "pinyin": "zhangsanfeng", "initials": "zsf"}


@pytest.mark.parametrize("query, expected", [
    ("", True),
    ("  ", True),
    ("张", True),
    ("三丰", True),
    ("zs", True),
    ("ZS", True),
    ("sf", True),
    ("zhangs", True),
    ("sanfeng", True),
    ("zhang san", True),
    ("Zhang", True),
    ("李", False),
    ("zf", False),
    ("lisi", False),
])
def test_matches(query, expected):
    assert matches(query, **ZHANG) is expected


def test_matches_tolerates_missing_keys():
    assert matches("zs", name="张三", pinyin=None, initials="") is False
