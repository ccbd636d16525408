"""The one masking function for what a room sees: names, phones with any separators, ID numbers, house numbers."""

from __future__ import annotations

import pytest

from db.core.texts import mask_name, mask_phone, mask_text


@pytest.mark.parametrize("text, hidden, kept", [
    ("居民张三反映13812345678噪音扰民", ["张三", "12345678"], ["张*", "138****5678", "反映", "噪音扰民"]),
    ("联系人：李小明 138 1234 5678", ["小明", "1234 5678"], ["联系人：李**", "138****5678"]),
    ("电话138-1234-5678，请回电", ["1234-5678"], ["138****5678", "请回电"]),
    ("来电 +86 138.1234.5678", ["1234.5678"], ["138****5678"]),
    ("座机0571-8888 6666报修", ["8888 6666"], ["报修", "6666"]),
    ("身份证号330102 1990 0101 123X", ["1990", "0101"], ["330", "3X"]),
    ("身份证330102199001011234", ["19900101"], ["34"]),
    ("幸福小区3幢2单元501室漏水", ["3幢", "501室"], ["幸福小区*幢*单元*室漏水"]),
    ("住在12号楼3单元402", ["12号楼"], ["*号楼*单元"]),
    ("楼道堆物，2-3-501住户反映", ["2-3-501"], ["*-*-*"]),
    ("解放路18号门前积水", ["18号"], ["解放路*号门前积水"]),
])
def test_mask_text_hides_personal_data(text: str, hidden: list[str], kept: list[str]) -> None:
    masked = mask_text(text)
    for part in hidden:
        assert part not in masked, (text, masked)
    for part in kept:
        assert part in masked, (text, masked)


@pytest.mark.parametrize("text", [
    "截至11月30日，该社区未办结事件13件，其中超期3件",
    "12345热线转办：路灯3号杆不亮",
    "2026年11月26日 共35次会议",
])
def test_mask_text_leaves_office_sentences_alone(text: str) -> None:
    assert mask_text(text) == text


def test_mask_name_and_phone() -> None:
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_phone("138 1234-5678") == "138****5678"
    assert mask_phone("12345") == "*****"
    assert mask_text("") == ""
