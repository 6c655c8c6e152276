"""The member record (党员花名册 row) and its rules: lists, cleaning, ages, lifecycle.

A member is a plain dict keyed by the database column names (see `MEMBER_KEYS`). Everything
that enters the store goes through `clean_member`, whether typed into a form or read from Excel.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from dangjian_desktop.errors import FieldProblem, ValidationError

# National 16-item collection form (党员基本信息采集表) in its Excel order, then the usual extras.
# 序号 is only a row counter; the Excel module adds and skips it.
ROSTER_COLUMNS: list[tuple[str, str]] = [
    ("name", "姓名"),
    ("branch_name", "所在党支部"),
    ("id_number", "公民身份号码"),
    ("sex", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("education", "学历"),
    ("category", "人员类别"),
    ("joined_on", "加入党组织日期"),
    ("full_on", "转为正式党员日期"),
    ("job", "工作岗位"),
    ("phone", "手机号"),
    ("landline", "固定电话"),
    ("address", "家庭住址"),
    ("standing", "党籍状态"),
    ("lost_contact", "是否为失联党员"),
    ("lost_contact_on", "失去联系日期"),
    ("flowing", "是否为流动党员"),
    ("flow_to", "外出流向"),
    ("note", "备注"),
    ("party_post", "党内职务"),
    ("group_name", "党小组"),
    ("member_class", "党员分类"),  # the class a points rulebook scores by (村组干部, 在村党员 …)
    ("dues_standard", "党费标准（元/月）"),
    ("dues_paid_until", "党费交至年月"),
]
LABELS = dict(ROSTER_COLUMNS) | {"status": "状态"}
MEMBER_KEYS: tuple[str, ...] = (*(key for key, _ in ROSTER_COLUMNS), "status")
DATE_KEYS = ("birth_date", "joined_on", "full_on", "lost_contact_on")
FLAG_KEYS = ("lost_contact", "flowing")
_TEXT_KEYS = ("branch_name", "job", "address", "flow_to", "note", "party_post", "group_name",
              "member_class")

CATEGORIES = ("入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员")
ROSTER_CATEGORIES = ("正式党员", "预备党员")
_CATEGORY_SYNONYMS = {"正式": "正式党员", "预备": "预备党员", "积极分子": "入党积极分子",
                      "申请人": "入党申请人", "申请入党": "入党申请人"}
STATUSES = ("在册", "转出", "死亡", "出党", "除名")  # 在册: on the roster
LEAVING_STATUSES = STATUSES[1:]
STANDINGS = ("正常", "停止党籍")

EDUCATION_LEVELS = ("研究生", "大学本科", "大学专科", "中等专科", "高中", "初中", "小学及以下")
_EDUCATION_SYNONYMS = {
    "硕士": "研究生", "博士": "研究生", "硕士研究生": "研究生", "博士研究生": "研究生",
    "研究生及以上": "研究生", "本科": "大学本科", "大本": "大学本科", "大专": "大学专科",
    "专科": "大学专科", "高职": "大学专科", "中专": "中等专科", "职高": "中等专科",
    "中职": "中等专科", "技校": "中等专科", "中技": "中等专科", "小学": "小学及以下",
    "文盲": "小学及以下", "半文盲": "小学及以下", "不识字": "小学及以下",
}
EDUCATION_BANDS = ("初中及以下", "高中/中专", "大专", "本科及以上")
_EDUCATION_BAND = {"研究生": "本科及以上", "大学本科": "本科及以上", "大学专科": "大专",
                   "中等专科": "高中/中专", "高中": "高中/中专", "初中": "初中及以下",
                   "小学及以下": "初中及以下"}

AGE_BANDS = ("35岁及以下", "36至45岁", "46至55岁", "56至60岁", "60岁以上")
_AGE_BAND_TOPS = (35, 45, 55, 60)

PARTY_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "党小组长")
MEMBER_CLASSES = ("村组干部", "在村党员", "流动党员", "年老体弱")

# Patterns as text, compiled (and cached by `re`) when first used: compiling them all at import
# (above all the CJK ranges) cost every start of the GUI ~10 ms, for records it does not clean.
_MOBILE = r"1[3-9]\d{9}"  # re.ASCII
_LANDLINE = r"[\d\-()]{7,20}"  # re.ASCII
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
_CJK_GAP = r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])"


def normalize_education(value: object) -> str | None:
    """The standard level for a level or a common synonym (本科 → 大学本科); None if blank."""
    text = _text(value)
    if text is None:
        return None
    text = re.sub(r"(毕业|学历|文化|在读|肄业)$", "", "".join(text.split()))
    level = text if text in EDUCATION_LEVELS else _EDUCATION_SYNONYMS.get(text)
    if level is None:
        raise ValidationError(f"学历“{value}”无法识别，应为：{'、'.join(EDUCATION_LEVELS)}",
                              "education")
    return level


def education_band(level: object) -> str:
    """The district report's four education bands (初中及以下 … 本科及以上)."""
    normal = normalize_education(level)
    if normal is None:
        raise ValidationError("学历为空，无法归类", "education")
    return _EDUCATION_BAND[normal]


def age_band(age: int) -> str:
    for top, label in zip(_AGE_BAND_TOPS, AGE_BANDS):
        if age <= top:
            return label
    return AGE_BANDS[-1]


def is_leader(party_post: str | None) -> bool:
    """Secretaries and committee members (书记, 副书记, …委员): the 56-hour training floor.

    Posts may be combined ("副书记、纪检委员") or prefixed ("支部书记"); 党小组长 is not a leader.
    """
    parts = re.split(r"[、,，/;；\s]+", party_post or "")
    return any("书记" in part or part.endswith("委员") for part in parts if part)


# ---- dates ---------------------------------------------------------------------------------

_FULL_DATE = r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?"
_COMPACT_DATE = r"(\d{4})(\d{2})(\d{2})"
_MONTH_ONLY = r"\d{4}\s*[-./年]\s*\d{1,2}\s*月?|\d{6}|\d{4}\s*年?"


def parse_date(value: object, *, field: str = "", label: str = "日期") -> date:
    """A date from a date, a datetime or text such as 1965-03-12, 1965.03.12, 1965/3/12,
    1965年3月12日, 19650312. Only a full date will do: 1965.3 is rejected, not guessed."""
    def fail(reason: str) -> ValidationError:
        return ValidationError(reason, field)

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise fail(f"{label}不能为空" if value is None else f"{label}格式无法识别")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        # Excel turns a typed 1965.03 into the number 1965.03 (and 1965.10 into 1965.1).
        if 1800 <= value < 2200:
            raise fail(f"{label}只有年月（{value:g}），须写到日，如 1965-03-12")
        raise fail(f"{label}“{value:g}”无法识别，请写成 1965-03-12 这样的格式")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        raise fail(f"{label}不能为空")
    match = re.fullmatch(_FULL_DATE, text) or re.fullmatch(_COMPACT_DATE, text)
    if match is None:
        if re.fullmatch(_MONTH_ONLY, text):
            raise fail(f"{label}只有年月（{text}），须写到日，如 1965-03-12")
        raise fail(f"{label}“{text}”无法识别，请写成 1965-03-12 这样的格式")
    year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise fail(f"{label}“{text}”不存在") from None
    if not 1800 <= year <= 2200:
        raise fail(f"{label}“{text}”年份不对")
    return parsed


def _as_date(value: object) -> date:
    return parse_date(value)


def _whole_years(start: date, day: date) -> int:
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def age_on(birth_date: date | str, day: date) -> int:
    """Age in whole years on `day`."""
    return _whole_years(_as_date(birth_date), day)


def party_age(joined_on: date | str, day: date) -> int:
    """Party age (党龄) in whole years on `day`, counted from joining."""
    return _whole_years(_as_date(joined_on), day)


# ---- field converters (each raises ValidationError with a Chinese reason) -------------------

def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a group number "1" read from a number cell
    text = re.sub(_CONTROL, "", str(value)).strip()
    return text or None


def _name(value: object) -> str:
    # Names of two characters are often padded to line up with three ("张  三").
    name = re.sub(_CJK_GAP, "", _text(value) or "")
    if len(name) > 30:
        raise ValidationError(f"姓名太长（{len(name)} 个字，最多 30 个）", "name")
    return name


def _choice(key: str, allowed: tuple[str, ...], synonyms: dict[str, str] | None = None):
    def convert(value: object) -> str:
        text = "".join((_text(value) or "").split())
        text = (synonyms or {}).get(text, text)
        if text not in allowed:
            raise ValidationError(f"{LABELS[key]}“{value}”不对，应为：{'、'.join(allowed)}", key)
        return text
    return convert


def _sex(value: object) -> str:
    text = "".join((_text(value) or "").split())
    text = {"男性": "男", "女性": "女"}.get(text, text)
    if text not in ("男", "女"):
        raise ValidationError(f"性别“{value}”不对，应为：男、女", "sex")
    return text


def _ethnicity(value: object) -> str | None:
    text = _text(value)
    # 汉 and 汉族 must count as one group in the district's structure report.
    if text and len(text) <= 3 and not text.endswith("族") and text not in ("其他", "未知"):
        text += "族"
    return text


def _digits_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def _phone(value: object) -> str:
    text = _digits_text(value).replace("-", "")
    text = re.sub(r"^(\+86|0086)", "", text)
    if not re.fullmatch(_MOBILE, text, re.ASCII):
        raise ValidationError(f"手机号“{value}”不对，应为 11 位手机号码", "phone")
    return text


def _landline(value: object) -> str:
    text = _digits_text(value)
    if not re.fullmatch(_LANDLINE, text, re.ASCII):
        raise ValidationError(f"固定电话“{value}”不对，只能包含数字、短横线和括号", "landline")
    return text


def _flag(key: str):
    def convert(value: object) -> int:
        if _blank(value):
            return 0
        text = unicodedata.normalize("NFKC", str(value)).strip().lower()
        if text in ("是", "1", "1.0", "true", "y", "yes", "√"):
            return 1
        if text in ("否", "0", "0.0", "false", "n", "no"):
            return 0
        raise ValidationError(f"{LABELS[key]}“{value}”不对，应填 是 或 否", key)
    return convert


def _money(value: object) -> float:
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("元/月")
    try:
        amount = float(text.removesuffix("元").strip())
    except ValueError:
        raise ValidationError(f"党费标准“{value}”不是金额", "dues_standard") from None
    if amount < 0 or amount != amount:
        raise ValidationError(f"党费标准“{value}”不能为负数", "dues_standard")
    return round(amount, 2)


def _year_month(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return f"{value:%Y-%m}"
    if isinstance(value, float) and not value.is_integer():
        # 2024.10 became the number 2024.1: October or January can no longer be told apart.
        raise ValidationError("党费交至年月被 Excel 当作数字保存，请设为文本，如 2024-06",
                              "dues_paid_until")
    text = _digits_text(value)
    match = re.fullmatch(r"(\d{4})(?:[-./年](\d{1,2})月?(?:[-./]\d{1,2}日?)?|(\d{2}))", text)
    month = int((match.group(2) or match.group(3))) if match else 0
    if not 1 <= month <= 12:
        raise ValidationError(f"党费交至年月“{value}”不对，应写成 2024-06", "dues_paid_until")
    return f"{match.group(1)}-{month:02d}"


# ---- the whole record ------------------------------------------------------------------------

def clean_member(raw: dict, *, today: date) -> dict:
    """A normalised copy of `raw` (ISO dates, 0/1 flags, standard words), or ValidationError
    listing every problem found, each keyed by field. Keys not in MEMBER_KEYS pass through."""
    from dangjian_desktop.core.idcard import normalize_id, parse_id  # only when a record is cleaned, not at start

    problems: list[FieldProblem] = []
    failed: set[str] = set()

    def problem(key: str, reason: str) -> None:
        failed.add(key)
        problems.append(FieldProblem(key, reason))

    def take(key: str, convert, default=None):
        value = raw.get(key)
        if _blank(value) and key not in FLAG_KEYS:
            return default
        try:
            return convert(value)
        except ValidationError as error:
            for found in error.problems:
                problem(key, found.reason)
            return None

    out = dict(raw)
    out.update({key: take(key, _text) for key in _TEXT_KEYS})
    out["ethnicity"] = take("ethnicity", _ethnicity)
    out["education"] = take("education", normalize_education)
    out["phone"] = take("phone", _phone)
    out["landline"] = take("landline", _landline)
    out["standing"] = take("standing", _choice("standing", STANDINGS), "正常")
    out["status"] = take("status", _choice("status", STATUSES), "在册")
    out["dues_standard"] = take("dues_standard", _money)
    out["dues_paid_until"] = take("dues_paid_until", _year_month)
    for key in FLAG_KEYS:
        out[key] = take(key, _flag(key))
    name = out["name"] = take("name", _name)
    id_number = out["id_number"] = take("id_number", normalize_id)
    category = out["category"] = take("category",
                                      _choice("category", CATEGORIES, _CATEGORY_SYNONYMS))
    sex = take("sex", _sex)
    dates = {key: take(key, lambda v, k=key: parse_date(v, field=k, label=LABELS[k]))
             for key in DATE_KEYS}
    for key, value in (("name", name), ("id_number", id_number), ("category", category)):
        if not value and key not in failed:
            problem(key, f"{LABELS[key]}不能为空")

    # Birth date and sex come from the ID when left blank; when given, they must agree with it.
    if id_number:
        info = parse_id(id_number)
        born = dates["birth_date"]
        if born is None and "birth_date" not in failed:
            dates["birth_date"] = info.birth_date
        elif born is not None and born != info.birth_date:
            problem("birth_date", f"出生日期 {born} 与身份证号中的出生日期 {info.birth_date} 不一致")
        if sex is None and "sex" not in failed:
            sex = info.sex
        elif sex is not None and sex != info.sex:
            problem("sex", f"性别“{sex}”与身份证号显示的性别“{info.sex}”不一致")
    out["sex"] = sex

    _check_category_dates(category, dates, problem, failed)
    _check_date_order(dates, today, problem)
    if out["lost_contact"] and dates["lost_contact_on"] is None and "lost_contact_on" not in failed:
        problem("lost_contact_on", "失联党员须填写失去联系日期")
    for key in DATE_KEYS:
        out[key] = dates[key].isoformat() if dates[key] else None
    if problems:
        raise ValidationError(problems)
    return out


def _check_category_dates(category, dates, problem, failed) -> None:
    joined, full = dates["joined_on"], dates["full_on"]
    if category in ROSTER_CATEGORIES and joined is None and "joined_on" not in failed:
        problem("joined_on", f"{category}须填写加入党组织日期")
    if category == "正式党员" and full is None and "full_on" not in failed:
        problem("full_on", "正式党员须填写转为正式党员日期")
    if category == "预备党员" and full is not None:
        problem("full_on", "预备党员尚未转正，不应填写转为正式党员日期")
    if category in CATEGORIES[:3]:
        for key in ("joined_on", "full_on"):
            if dates[key] is not None:
                problem(key, f"{category}尚未入党，不应填写{LABELS[key]}")


def _check_date_order(dates, today, problem) -> None:
    for key, value in dates.items():
        if value is not None and value > today:
            problem(key, f"{LABELS[key]} {value} 晚于今天（{today}）")
    born, joined, full = dates["birth_date"], dates["joined_on"], dates["full_on"]
    if born and joined:
        if joined <= born:
            problem("joined_on", f"加入党组织日期 {joined} 不在出生日期 {born} 之后")
        elif age_on(born, joined) < 18:
            problem("joined_on", f"入党时未满 18 周岁（{joined} 时 {age_on(born, joined)} 岁）")
    if joined and full and full < joined:
        problem("full_on", f"转为正式党员日期 {full} 早于加入党组织日期 {joined}")


# ---- lifecycle -------------------------------------------------------------------------------

def check_stage_change(old_category: str, new_category: str, *,
                       full_on: date | str | None = None) -> None:
    """Allow one step forward along CATEGORIES (预备党员 → 正式党员 also needs `full_on`).

    Nobody goes back a stage: a 预备党员 whose probation fails leaves by status 除名.
    """
    for value in (old_category, new_category):
        if value not in CATEGORIES:
            raise ValidationError(f"人员类别“{value}”不对，应为：{'、'.join(CATEGORIES)}",
                                  "category")
    if old_category == new_category:
        return
    old, new = CATEGORIES.index(old_category), CATEGORIES.index(new_category)
    if new < old:
        hint = ("；预备期未通过的，应把状态改为“除名”" if old_category == "预备党员"
                else "；离开党组织的，应修改状态" if old_category == "正式党员" else "")
        raise ValidationError(f"{old_category}不能退回为{new_category}{hint}", "category")
    if new > old + 1:
        raise ValidationError(f"{old_category}不能直接成为{new_category}，"
                              f"须先成为{CATEGORIES[old + 1]}", "category")
    if new_category == "正式党员" and _blank(full_on):
        raise ValidationError("预备党员转为正式党员须填写转正日期", "full_on")


def check_status_change(old_status: str, new_status: str, *, on: date | None,
                        note: str | None) -> None:
    """在册 → 转出/死亡/出党/除名 needs a date, and 出党/除名 a reason. Leaving is final,
    except 转出 → 在册 (transferred back in). Problems name the columns status_changed_on
    and status_note."""
    for value in (old_status, new_status):
        if value not in STATUSES:
            raise ValidationError(f"状态“{value}”不对，应为：{'、'.join(STATUSES)}", "status")
    if old_status == new_status:
        return
    if old_status != "在册" and not (old_status == "转出" and new_status == "在册"):
        hint = "；转回本支部的，请改为“在册”" if old_status == "转出" else ""
        raise ValidationError(f"状态“{old_status}”不能再改为“{new_status}”{hint}", "status")
    problems = []
    if on is None:
        problems.append(FieldProblem("status_changed_on", f"改为“{new_status}”须填写日期"))
    if new_status in ("出党", "除名") and _blank(note):
        problems.append(FieldProblem("status_note", f"改为“{new_status}”须写明原因"))
    if problems:
        raise ValidationError(problems)


def is_on_roster(member: dict) -> bool:
    """在册 and a Party member (预备 or 正式): the people a 花名册 lists."""
    return member.get("status") == "在册" and member.get("category") in ROSTER_CATEGORIES


def has_vote(member: dict) -> bool:
    """Voting rights: full members on the roster whose membership is not suspended."""
    return (is_on_roster(member) and member.get("category") == "正式党员"
            and member.get("standing") == "正常")
