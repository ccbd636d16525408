"""Masking of residents' personal data for anything shown to a room (the projector, shared images).

:func:`mask_text` is the one function every projected view and the PNG export passes free text
through: phone numbers written with any separators (``138 1234-5678``, ``0571-8888 8888``), ID
numbers (18 characters, spaces allowed), house numbers (``3幢2单元501室``, ``2-3-501``) and names
after a cue word (``联系人张三``, ``居民：李四``) or before a form of address (``王先生``).
``mask_name("张三") == "张*"``, ``mask_phone("13812345678") == "138****5678"``.
"""

from __future__ import annotations

import re

__all__ = ["mask_name", "mask_phone", "mask_text"]

_SEP = r"[\s\-－—.·]?"
#: an 18-character ID number, its groups optionally separated
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{6}" + _SEP + r"\d{4}" + _SEP + r"\d{4}" + _SEP + r"\d{3}[\dXx](?![\dA-Za-z])")
#: a mobile (11 digits) or a landline with its area code, any separators between the digits
_PHONE = re.compile(r"(?<!\d)(?:(?:\+|00)?86" + _SEP + r")?(1[3-9](?:" + _SEP + r"\d){9}|0\d{2,3}"
                    + _SEP + r"(?:\d" + _SEP + r"){6,7}\d)(?!\d)")
#: a house number: building / unit / floor / room numbers, or a dashed 2-3-501 triple
_HOUSE = re.compile(r"(?:[\dA-Za-z一二三四五六七八九十零〇]+\s*(?:号楼|幢|栋|座|单元|层|楼|室|号房|户)\s*)+"
                    r"|(?<![\d\-])\d{1,3}-\d{1,3}-\d{2,4}(?![\d\-])"
                    r"|(?<=[路街巷弄里])\s*\d+\s*号(?!线)|(?<=门牌)号?\s*\d+\s*号?")
_SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯管卢莫房裘缪解应宗丁宣邓郁单杭洪包诸左石崔吉龚程邢裴陆荣翁荀羊惠甄曲家封储靳段富巫乌焦巴弓牧山谷车侯全班仰秋仲伊宫宁仇栾暴甘厉戎祖武符刘景詹束龙叶幸司韶黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳姬申扶堵冉宰郦雍桑桂濮牛寿通边扈燕冀浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公"
#: a name after a word that introduces a person: 联系人张三, 居民：李四, 反映人 王小明
_NAME_AFTER_CUE = re.compile(r"(居民|住户|业主|租户|联系人|反映人|报告人|投诉人|来电人|当事人|姓名|户主|老人|村民|群众)"
                             r"(\s*[:：]?\s*)([" + _SURNAMES + r"][\u4e00-\u9fff](?:(?![反说称来家的在于表要等诉投向和与及称])[\u4e00-\u9fff])?)")
#: a surname before a form of address: 王先生, 李阿姨, 张大爷
_NAME_BEFORE_TITLE = re.compile(r"([" + _SURNAMES + r"])([\u4e00-\u9fff]?)"
                                r"(?=先生|女士|阿姨|大爷|大妈|大娘|奶奶|爷爷|师傅|老师|同志|小姐)")


def mask_name(name: str) -> str:
    """Keep the first character (the surname), star the rest: 张三 → 张*, 欧阳娜娜 → 欧***."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """Keep the first three and the last four digits: 13812345678 → 138****5678.

    Separators are dropped; numbers with fewer than eight digits are starred entirely.
    """
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return ""
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _mask_id(match: re.Match[str]) -> str:
    chars = re.sub(r"[^\dXx]", "", match.group(0))
    return chars[:3] + "*" * (len(chars) - 5) + chars[-2:]


def _mask_house(match: re.Match[str]) -> str:
    return re.sub(r"[\dA-Za-z一二三四五六七八九十零〇]+", "*", match.group(0))


def mask_text(text: str) -> str:
    """Mask every ID number, phone number, house number and recognisable name inside ``text``."""
    text = _ID_NUMBER.sub(_mask_id, text or "")
    text = _PHONE.sub(lambda m: mask_phone(m.group(1)), text)
    text = _HOUSE.sub(_mask_house, text)
    text = _NAME_AFTER_CUE.sub(lambda m: m.group(1) + m.group(2) + mask_name(m.group(3)), text)
    return _NAME_BEFORE_TITLE.sub(lambda m: m.group(1) + "*" * len(m.group(2)), text)
