"""A realistic demo street (包河区 汇湖街道) for StreetBoard.

:func:`generate_demo` fills an empty schema with one street: communities, grids, resident and
municipal units, the committee (two terms), about two years of grid cases with their full event
history, monthly meetings with attendance, minutes, resolutions and tasks, the three lists, dual
reporting, 四联四定 pairings and a few app users.  Everything is placed relative to ``today`` so
the demo always looks current, and the same ``seed`` + ``today`` gives identical data.

The grid cases (up to millions) are generated column-wise with numpy and bulk-loaded (SQLite:
``executemany`` on the driver connection; PostgreSQL: ``COPY``); the small tables go through the
ORM.  The whole load is one transaction.  All names are invented.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

from db.cases.states import DEFAULT_TRANSITIONS
from db.cases.summaries import summaries_rebuilt_after
from db.core.base import CASE_STATES, DONE_CASE_STATES, OPEN_CASE_STATES
from db.meetings.minutes import canonical_json, seal_in_order
from db.schema.cases import CaseCategory, CaseEvent, CaseTransition, GridCase, HandlingUnit
from db.schema.meetings import (
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesRevision,
    TopicProposal,
    agenda_item_case,
    resolution_agreement_item,
    resolution_case,
    resolution_co_unit,
)
from db.schema.pairings import AgreementItem, AgreementProgress, AnnualAgreement, Pairing, PairingLabel
from db.schema.people import AppUser
from db.schema.resolutions import Resolution, Task, TaskUpdate
from db.schema.street import CommitteeTerm, Community, Grid, GridWorker, StreetOffice
from db.schema.units import (
    CommitteeMember,
    DualReporting,
    Liaison,
    MemberUnit,
    Need,
    Project,
    ProjectClaim,
    ResidentUnit,
    Resource,
    ResourceUse,
    ServiceRecord,
    ServingPartyMember,
)

__all__ = ["DemoSummary", "generate_demo"]

Progress = Callable[[str, float], None]

STATE_CODE = {st: i for i, st in enumerate(CASE_STATES)}
STATE_NAMES = np.array(CASE_STATES, dtype=object)
STATE_NAMES_NULL = np.array((None, *CASE_STATES), dtype=object)
OPEN_CODES = [STATE_CODE[x] for x in OPEN_CASE_STATES]
DONE_CODES = [STATE_CODE[x] for x in DONE_CASE_STATES]

HISTORY_DAYS = 730
SOURCE_KEY = "streetboard"
PUSHED = frozenset(("reject", "file", "dispatch", "return", "accept", "return_visit"))
CHUNK = 200_000


@dataclass(frozen=True)
class DemoSummary:
    communities: int
    grids: int
    units: int
    cases: int
    case_events: int
    meetings: int
    resolutions: int
    seconds: float


# --------------------------------------------------------------------------- vocabulary

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
)
GIVEN_1 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚辉鹏华萍红波斌宇浩琳璐鑫颖楠欣琦晨峰亮"
GIVEN_2 = (
    "建国 志强 秀英 桂兰 海燕 晓明 丽娟 俊杰 子涵 雨轩 思远 佳怡 文博 欣然 明轩 晓东 春梅 玉梅 红霞 金凤 "
    "德华 国庆 卫东 立新 振华 文静 婷婷 晨曦 一鸣 浩宇 梦瑶 宏伟 永强 淑芬 凤英 家豪 天宇 瑞雪 雅琴 建军 "
    "志刚 海涛 亚楠 晓燕 慧敏 光明 学军 小红 玉兰 长江 秋云 冬梅 新华 红梅 少华 世杰 嘉怡 若曦 泽宇 一诺"
).split()

STREET_CODE = "340111006"
STREET_NAME = "汇湖街道"
STREET_SHORT = "汇湖"
COMMUNITIES = ("汇湖", "明珠", "滨水", "翠柳", "春晖", "锦绣", "望岳", "清溪")
ROADS = (
    "汇湖路",
    "明珠大道",
    "滨水路",
    "翠柳路",
    "春晖街",
    "锦绣大道",
    "望岳路",
    "清溪路",
    "云谷路",
    "兰溪路",
    "石楠路",
    "紫藤路",
    "芙蓉路",
    "玉兰路",
    "桂香路",
    "荷风路",
    "渔歌路",
    "沿湖路",
    "新塘路",
    "苍松路",
    "杏林街",
    "银杏路",
    "梧桐街",
    "临湖路",
)
COMPOUND_SUFFIXES = ("花园", "雅苑", "新村", "家园", "公寓", "名邸", "佳苑", "小区")
SPOTS = ("门前", "附近", "路段", "东侧", "西侧", "对面", "路口", "")

# (major, minor, kind, time limit in days, weight within major, at a compound?)
CATEGORIES: tuple[tuple[str, str, str, int, float], ...] = (
    ("市容环境", "暴露垃圾", "event", 1, 5),
    ("市容环境", "乱堆物料", "event", 3, 3),
    ("市容环境", "积存垃圾渣土", "event", 3, 2),
    ("市容环境", "道路不洁", "event", 1, 3),
    ("市容环境", "井盖破损", "component", 3, 1),
    ("市容环境", "路灯损坏", "component", 7, 1),
    ("宣传广告", "非法小广告", "event", 1, 5),
    ("宣传广告", "违规户外广告", "event", 7, 2),
    ("宣传广告", "条幅横幅乱挂", "event", 3, 2),
    ("宣传广告", "广告牌破损", "component", 7, 1),
    ("施工管理", "施工扰民", "event", 3, 3),
    ("施工管理", "工地扬尘", "event", 3, 3),
    ("施工管理", "道路遗撒", "event", 1, 2),
    ("施工管理", "违规占道施工", "event", 7, 1),
    ("街面秩序", "占道经营", "event", 1, 5),
    ("街面秩序", "店外经营", "event", 1, 4),
    ("街面秩序", "机动车乱停放", "event", 1, 3),
    ("街面秩序", "非机动车乱停放", "event", 1, 4),
    ("街面秩序", "流动摊贩", "event", 1, 3),
    ("突发事件", "道路积水", "event", 1, 3),
    ("突发事件", "树木倒伏", "event", 1, 2),
    ("突发事件", "路面塌陷", "event", 1, 1),
    ("其他事件", "违章搭建", "event", 15, 3),
    ("其他事件", "群租房", "event", 15, 2),
    ("矛盾纠纷", "邻里纠纷", "event", 7, 4),
    ("矛盾纠纷", "物业纠纷", "event", 15, 3),
    ("矛盾纠纷", "劳资纠纷", "event", 15, 1),
    ("矛盾纠纷", "家庭纠纷", "event", 7, 2),
    ("群众诉求", "噪音扰民", "event", 3, 4),
    ("群众诉求", "停车难", "event", 15, 2),
    ("群众诉求", "加装电梯", "event", 15, 1),
    ("群众诉求", "养老服务", "event", 7, 2),
    ("治安隐患", "可疑人员", "event", 1, 2),
    ("治安隐患", "出租房屋管理", "event", 7, 3),
    ("治安隐患", "电信诈骗线索", "event", 1, 1),
    ("消防隐患", "电动车楼道充电", "event", 1, 5),
    ("消防隐患", "消防通道堵塞", "event", 1, 4),
    ("消防隐患", "飞线充电", "event", 1, 3),
    ("消防隐患", "灭火器过期", "component", 3, 1),
    ("消防隐患", "消火栓损坏", "component", 7, 1),
    ("环境卫生", "楼道堆物", "event", 3, 4),
    ("环境卫生", "垃圾分类不规范", "event", 3, 3),
    ("环境卫生", "公厕不洁", "event", 1, 1),
    ("环境卫生", "病媒生物", "event", 7, 1),
    ("环境卫生", "河道漂浮物", "event", 3, 1),
    ("其他事件", "其他", "event", 7, 1),  # the catch-all (is_catch_all=True)
)
MAJOR_WEIGHTS = {
    "市容环境": 28,
    "街面秩序": 24,
    "环境卫生": 12,
    "宣传广告": 8,
    "施工管理": 6,
    "消防隐患": 6,
    "群众诉求": 5,
    "矛盾纠纷": 4,
    "治安隐患": 3,
    "突发事件": 2,
    "其他事件": 2,
}
AT_COMPOUND = {"矛盾纠纷", "群众诉求", "消防隐患", "环境卫生", "治安隐患"}
RESIDENT_HEAVY = {"矛盾纠纷", "群众诉求"}

# handling roles: key -> (name, kind, unit key or None); 'comm'/'prop'/'pcs' resolve per community
STREET_DEPTS = (
    ("cgb", "街道城市管理办公室"),
    ("zzb", "街道综合治理办公室"),
    ("sqb", "街道社区事务办公室"),
    ("ajb", "街道应急管理（安监）办公室"),
    ("hws", "街道环境卫生管理所"),
    ("szs", "街道市政设施维护所"),
)
ROLE_BY_MAJOR: dict[str, tuple[tuple[str, float], ...]] = {
    "市容环境": (("hws", 0.4), ("cgb", 0.3), ("zd", 0.2), ("comm", 0.1)),
    "宣传广告": (("zd", 0.5), ("cgb", 0.4), ("comm", 0.1)),
    "施工管理": (("zd", 0.5), ("cgb", 0.3), ("ajb", 0.2)),
    "街面秩序": (("zd", 0.6), ("cgb", 0.3), ("pcs", 0.1)),
    "突发事件": (("ajb", 0.6), ("szs", 0.3), ("xf", 0.1)),
    "其他事件": (("cgb", 0.4), ("comm", 0.4), ("zzb", 0.2)),
    "矛盾纠纷": (("comm", 0.5), ("sfs", 0.3), ("zzb", 0.2)),
    "群众诉求": (("comm", 0.5), ("sqb", 0.3), ("prop", 0.2)),
    "治安隐患": (("pcs", 0.7), ("zzb", 0.3)),
    "消防隐患": (("ajb", 0.5), ("xf", 0.2), ("prop", 0.3)),
    "环境卫生": (("prop", 0.4), ("hws", 0.4), ("comm", 0.2)),
}
COMPONENT_ROLES = (("szs", 0.8), ("gd", 0.2))

SOURCES = ("patrol", "hotline", "resident", "supervision")
SOURCE_P_NORMAL = (0.76, 0.14, 0.08, 0.02)
SOURCE_P_RESIDENT = (0.30, 0.48, 0.20, 0.02)
SOURCE_ACTOR = {"hotline": "12345热线平台", "resident": "居民随手拍", "supervision": "区数字城管督查"}
DESC_PREFIX = ("网格员巡查发现：", "市民来电反映：", "居民通过随手拍反映：", "区数字城管督查发现：")
DESC_SUFFIX = (
    "，已现场拍照取证。",
    "，请尽快安排处置。",
    "，影响周边居民正常生活。",
    "，存在一定安全隐患。",
    "。",
)
REPLY_NOTES = (
    "已处置完毕，现场已恢复。",
    "已联系责任单位整改到位。",
    "已现场劝导，当事人已整改。",
    "已协调相关部门处理，并电话回复反映人。",
    "已纳入日常巡查，问题已解决。",
)
NOTE_POOLS: dict[str, tuple[str, ...]] = {
    "reject": ("重复上报，已合并处理", "不属于受理范围", "经核实情况不存在"),
    "return": ("非本部门职责，申请改派", "权属不清，退回重新派遣", "派遣有误，申请改派"),
    "hold": ("涉及历史遗留问题，需多部门协调", "待区级部门审批", "涉及产权争议，暂缓办理"),
    "resume": ("协调完毕，恢复办理",),
    "extend": ("工程量较大，申请延期", "需等待维修材料到位", "当事人不在本地，需延期约谈"),
    "report_done": REPLY_NOTES,
    "check_fail": ("现场核查未整改到位", "复核发现问题反弹", "整改不彻底，退回返工"),
    "check_pass": ("核查通过，予以结案",),
    "return_visit": ("回访反映人，表示满意", "回访反映人，基本满意", "电话回访已完成"),
    "unsatisfied": ("回访群众不满意，要求重新处置",),
}

UNIT_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # (key, kind, name, short name)
    ("sch1", "school", "汇湖小学", "汇湖小学"),
    ("sch2", "school", "明珠实验小学", "明珠实验小学"),
    ("sch3", "school", "滨水小学", "滨水小学"),
    ("sch4", "school", "包河区汇湖中学", "汇湖中学"),
    ("sch5", "school", "翠柳初级中学", "翠柳中学"),
    ("hos1", "hospital", "包河区第五人民医院", "区五院"),
    ("hos2", "hospital", "汇湖社区卫生服务中心", "社区卫生服务中心"),
    ("hos3", "hospital", "合肥滨湖康复医院", "滨湖康复医院"),
    ("pcs1", "police", "包河分局汇湖派出所", "汇湖派出所"),
    ("pcs2", "police", "包河分局望岳派出所", "望岳派出所"),
    ("sf1", "state_firm", "国网合肥供电公司汇湖供电服务中心", "汇湖供电"),
    ("sf2", "state_firm", "合肥燃气集团滨湖服务站", "滨湖燃气站"),
    ("sf3", "state_firm", "合肥供水集团包河营业所", "包河供水"),
    ("sf4", "state_firm", "包河城建投资有限公司", "包河城投"),
    ("sf5", "state_firm", "中国电信包河分公司汇湖营业部", "汇湖电信"),
    ("co1", "company", "合肥华创科技有限公司", "华创科技"),
    ("co2", "company", "安徽云帆物流有限公司", "云帆物流"),
    ("co3", "company", "合肥锦程建设工程有限公司", "锦程建设"),
    ("co4", "company", "徽味餐饮管理有限公司", "徽味餐饮"),
    ("co5", "company", "合肥智联信息技术有限公司", "智联信息"),
    ("co6", "company", "安徽恒远律师事务所", "恒远律所"),
    ("co7", "company", "合肥湖畔商业管理有限公司", "湖畔商管"),
    ("pr1", "property", "合肥万家物业服务有限公司", "万家物业"),
    ("pr2", "property", "安徽绿城悦居物业有限公司", "悦居物业"),
    ("pr3", "property", "合肥滨湖之家物业管理有限公司", "滨湖之家物业"),
    ("pr4", "property", "合肥安居物业服务有限公司", "安居物业"),
    ("pr5", "property", "合肥新城物业管理有限公司", "新城物业"),
    ("pr6", "property", "安徽嘉和物业服务有限公司", "嘉和物业"),
    ("ag1", "agency", "包河区城市管理行政执法大队汇湖中队", "城管汇湖中队"),
    ("ag2", "agency", "包河区市场监督管理局汇湖市场监管所", "汇湖市场监管所"),
    ("ag3", "agency", "包河区司法局汇湖司法所", "汇湖司法所"),
    ("ag4", "agency", "包河区消防救援大队汇湖消防救援站", "汇湖消防站"),
    ("ag5", "agency", "国家税务总局合肥市包河区税务局第三税务所", "第三税务所"),
    ("ag6", "agency", "包河区人力资源和社会保障局汇湖劳动保障所", "汇湖劳保所"),
    ("so1", "social_org", "汇湖社会工作服务中心", "汇湖社工"),
    ("so2", "social_org", "邻里守望志愿者协会", "邻里守望"),
    ("so3", "social_org", "银龄互助协会", "银龄互助"),
    ("so4", "social_org", "春晖青少年服务中心", "春晖青服"),
    ("so5", "social_org", "汇湖慈善工作站", "慈善工作站"),
)
MUNICIPAL = (
    "财政局",
    "住房和城乡建设局",
    "教育局",
    "卫生健康委员会",
    "民政局",
    "人力资源和社会保障局",
    "司法局",
    "文化和旅游局",
    "生态环境局",
    "数据资源局",
)
CURRENT_MEMBER_UNITS = ("hos1", "sch4", "pcs1", "sf1", "co1", "pr1", "ag2")
PREVIOUS_MEMBER_UNITS = ("hos1", "sch1", "pcs1", "sf2", "co3", "pr2")
POOR_ATTENDERS = ("sf1", "pr1")  # noticeably poor attendance
RECENT_ABSENTEE = "co1"  # absent from each of the last three past meetings

LINK_LABELS = (
    ("联组织建设", "结对双方党组织共驻共建、联合开展组织生活"),
    ("联发展规划", "共同研究社区发展规划和年度重点工作"),
    ("联民生服务", "围绕群众急难愁盼问题联合开展服务"),
    ("联基层治理", "参与社区治理、矛盾调解和平安建设"),
)
FIX_LABELS = (
    ("定目标任务", "每年商定具体共建事项和目标"),
    ("定责任人员", "每项事项明确双方责任人"),
    ("定时间节点", "每项事项明确完成时限"),
    ("定考核评价", "年底对履约情况进行评价"),
)
AGREEMENT_ITEMS = (
    "联合开展主题党日活动",
    "资助社区老年食堂运营",
    "开展政策宣讲进社区",
    "支持老旧小区改造方案编制",
    "组织专家义诊",
    "捐赠社区图书室图书",
    "开展困难家庭走访慰问",
    "支持社区智慧安防建设",
    "开展青少年暑期托管",
    "协调解决小区停车难问题",
    "开展法律援助咨询",
    "组织就业技能培训",
    "支持社区文体活动场地建设",
    "开展垃圾分类宣传指导",
    "结对帮扶困难党员",
    "协助编制社区发展规划",
)
NEEDS = (
    ("老年食堂助餐服务", "养老服务"),
    ("青少年暑期托管", "教育"),
    ("小区加装电梯协调", "民生设施"),
    ("社区义诊和健康讲座", "医疗健康"),
    ("困难家庭子女助学", "教育"),
    ("法律咨询进社区", "法律服务"),
    ("灵活就业技能培训", "就业"),
    ("社区文体活动场地", "文体"),
    ("背街小巷路灯改造", "民生设施"),
    ("垃圾分类督导志愿者", "环境"),
    ("独居老人探访关爱", "养老服务"),
    ("电动车集中充电棚", "安全"),
    ("社区图书室图书更新", "文体"),
    ("小区监控补盲", "安全"),
    ("防汛物资储备", "安全"),
    ("残疾人康复指导", "医疗健康"),
    ("新就业群体驿站", "就业"),
    ("老旧小区停车位规划", "民生设施"),
    ("反诈宣传进小区", "安全"),
    ("四点半课堂志愿老师", "教育"),
    ("社区绿化补植", "环境"),
    ("心理健康疏导服务", "医疗健康"),
    ("退役军人服务站建设", "其他"),
    ("居民议事厅设备", "其他"),
    ("社区消防器材更新", "安全"),
    ("周末亲子活动", "文体"),
)
RESOURCES = (
    ("会议室周末开放", "场地"),
    ("操场节假日开放", "场地"),
    ("专家义诊", "医疗"),
    ("健康讲座", "医疗"),
    ("法律咨询志愿服务", "法律"),
    ("党员志愿服务队", "志愿服务"),
    ("反诈宣传讲座", "宣传"),
    ("消防安全培训", "安全"),
    ("就业岗位信息", "就业"),
    ("社区活动经费支持", "资金"),
    ("图书捐赠", "物资"),
    ("电脑设备捐赠", "物资"),
    ("食堂助餐合作", "服务"),
    ("停车场错时共享", "场地"),
    ("心理咨询师志愿服务", "医疗"),
    ("暑期托管师资", "教育"),
    ("维修服务队", "服务"),
    ("绿化苗木", "物资"),
)
ACTIVITIES = (
    "社区环境整治志愿服务",
    "文明交通劝导",
    "垃圾分类督导",
    "关爱独居老人走访",
    "四点半课堂辅导",
    "反诈宣传",
    "义诊服务",
    "防汛值守",
    "疫苗接种引导",
    "社区文艺演出",
    "政策宣讲",
    "消防安全检查",
)
TOPICAL = (
    "背街小巷环境整治",
    "老旧小区改造推进",
    "电动自行车安全隐患整治",
    "防汛度汛工作",
    "文明城市创建",
    "物业服务质量提升",
    "校园周边环境治理",
    "新就业群体服务",
)
TASK_TITLES = (
    "制定工作方案",
    "开展现场排查",
    "召开协调会",
    "完成整改并拍照留档",
    "报送进展情况",
    "组织集中整治",
    "建立长效管理机制",
    "形成书面总结",
)


# --------------------------------------------------------------------------- helpers


def _epoch(t: dt.datetime) -> int:
    return int((t - dt.datetime(1970, 1, 1)).total_seconds())


def _from_epoch(s: int | float) -> dt.datetime:
    return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=int(s))


def _ts_strings(seconds: np.ndarray) -> np.ndarray:
    """int64 epoch seconds -> 'YYYY-MM-DD HH:MM:SS.000000' (SQLAlchemy's SQLite format)."""
    if len(seconds) == 0:
        return np.array([], dtype="U26")
    s = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="us")
    v = s.view(np.uint32).reshape(len(s), -1)
    v[:, 10] = 32  # 'T' -> ' '
    return s


def _nullable(values: np.ndarray, mask: np.ndarray) -> list[Any]:
    """Python list of ``values`` with None where ``mask`` is False."""
    obj = values.astype(object)
    obj[~mask] = None
    return obj.tolist()


class _Names:
    """Plausible Chinese names from surname and given-name lists (deterministic)."""

    def __init__(self, py: random.Random):
        self.py = py
        self.used: set[str] = set()
        w = [1.0 / (i + 6) for i in range(len(SURNAMES))]
        self.surname_w = w

    def one(self, unique: bool = True) -> str:
        for _ in range(100):
            s = self.py.choices(SURNAMES, weights=self.surname_w)[0]
            g = self.py.choice(GIVEN_2) if self.py.random() < 0.65 else self.py.choice(GIVEN_1)
            name = s + g
            if not unique or name not in self.used:
                self.used.add(name)
                return name
        return name

    def phone(self) -> str:
        p = self.py
        return f"1{p.choice('35789')}{p.randint(0, 9)}-{p.randint(0, 9999):04d}-{p.randint(0, 9999):04d}"


def _weekday_at(d: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return dt.datetime.combine(d, dt.time(hour, minute))


# --------------------------------------------------------------------------- the entry point


def generate_demo(
    engine: Engine,
    *,
    cases: int = 30_000,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill the (migrated, empty) database behind ``engine`` with a demo street.

    Raises ``ValueError`` if the database already holds a street (and writes nothing).
    """
    t0 = time.perf_counter()
    today = today or dt.date.today()
    gen = _Generator(seed=seed, today=today, n_cases=cases, progress=progress)
    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if is_sqlite:
            # Load-only settings; restored below. foreign_keys can't change inside a transaction.
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
            conn.commit()
        try:
            # One transaction for everything; the session joins it and never commits it itself.
            with conn.begin(), Session(bind=conn, autoflush=False) as session:
                if session.scalar(select(func.count()).select_from(StreetOffice)):
                    raise ValueError("database already holds a street")
                # Summary triggers off for the bulk load, the summaries rebuilt in one pass after.
                with summaries_rebuilt_after(conn):
                    summary_counts = gen.run(session, conn)
        finally:
            if is_sqlite:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.commit()
        gen.report("analyze", 0.97)
        if is_sqlite:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    gen.report("done", 1.0)
    return DemoSummary(**summary_counts, seconds=round(time.perf_counter() - t0, 3))


# --------------------------------------------------------------------------- the generator


class _Generator:
    def __init__(self, *, seed: int, today: dt.date, n_cases: int, progress: Progress | None):
        self.seed = seed
        self.today = today
        self.n_cases = int(n_cases)
        self.progress = progress
        self.rng = np.random.default_rng(seed)
        self.py = random.Random(seed)
        self.names = _Names(self.py)
        self.now = dt.datetime.combine(today, dt.time(8, 0))
        self.start_day = today - dt.timedelta(days=HISTORY_DAYS)
        self.counts: dict[str, int] = {}

    def report(self, stage: str, fraction: float) -> None:
        if self.progress is not None:
            self.progress(stage, min(1.0, max(0.0, fraction)))

    # ------------------------------------------------------------------ orchestration

    def run(self, s: Session, conn: Connection) -> dict[str, int]:
        self.report("street", 0.0)
        self._transitions(s)
        self._street(s)
        self._units(s)
        self._committee(s)
        self._handling_and_categories(s)
        self._pairings(s)
        self._three_lists(s)
        self._dual_reporting(s)
        s.flush()
        self.report("cases", 0.05)
        self._cases(s, conn)
        self.report("meetings", 0.9)
        self._meetings(s)
        self._users(s)
        s.flush()
        return {
            "communities": len(self.communities),
            "grids": len(self.grids),
            "units": len(self.units),
            "cases": self.n_cases,
            "case_events": self.n_events,
            "meetings": self.n_meetings,
            "resolutions": self.n_resolutions,
        }

    def _add(self, s: Session, objs: Sequence[Any], stamp: dt.datetime | None = None) -> None:
        """Add and flush, stamping created/updated (no wall clock)."""
        stamp = stamp or self.now
        for o in objs:
            if hasattr(o, "created_at") and getattr(o, "created_at", None) is None:
                o.created_at = stamp
            if hasattr(o, "updated_at") and getattr(o, "updated_at", None) is None:
                o.updated_at = stamp
        s.add_all(objs)
        s.flush()

    def _transitions(self, s: Session) -> None:
        rows = s.execute(
            select(CaseTransition.from_state, CaseTransition.action, CaseTransition.enabled)
        ).all()
        if rows:
            enabled = {(f, a) for f, a, e in rows if e}
        else:
            enabled = {(t.from_state, t.action) for t in DEFAULT_TRANSITIONS}
        self.enabled = enabled

    # ------------------------------------------------------------------ street, grids, units

    def _street(self, s: Session) -> None:
        py = self.py
        hist_start = dt.datetime.combine(self.start_day, dt.time(9))
        self.street = StreetOffice(
            code=STREET_CODE,
            name=f"包河区{STREET_NAME}",
            district="包河区",
            city="合肥市",
            grid_code_pattern=r"^\d{15}$",
        )
        self._add(s, [self.street], hist_start)
        self.communities = [
            Community(street_id=self.street.id, code=f"{STREET_CODE}{i + 1:03d}", name=f"{c}社区")
            for i, c in enumerate(COMMUNITIES)
        ]
        self._add(s, self.communities, hist_start)
        # roads and compounds per community
        self.comm_roads: list[list[str]] = []
        self.comm_compounds: list[list[str]] = []
        for i, c in enumerate(COMMUNITIES):
            roads = [ROADS[i], ROADS[8 + 2 * i], ROADS[9 + 2 * i]]
            sfx = py.sample(COMPOUND_SUFFIXES, 3)
            stems = [c, c, ROADS[8 + 2 * i][:2]]
            self.comm_roads.append(roads)
            self.comm_compounds.append([st + sf for st, sf in zip(stems, sfx, strict=True)])
        self.grids: list[Grid] = []
        self.grid_comm: list[int] = []
        for ci, comm in enumerate(self.communities):
            for g in range(py.randint(12, 18)):
                self.grids.append(
                    Grid(
                        community_id=comm.id,
                        code=f"{comm.code}{g + 1:03d}",
                        name=f"{COMMUNITIES[ci]}社区第{g + 1}网格",
                    )
                )
                self.grid_comm.append(ci)
        self._add(s, self.grids, hist_start)
        self.workers = [
            GridWorker(grid_id=g.id, name=self.names.one(), phone=self.names.phone()) for g in self.grids
        ]
        self._add(s, self.workers, hist_start)

    def _units(self, s: Session) -> None:
        py = self.py
        hist_start = dt.datetime.combine(self.start_day, dt.time(9))
        self.units: dict[str, ResidentUnit] = {}
        objs = []
        for key, kind, name, short in UNIT_SPECS:
            suffix = (
                "党委"
                if kind in ("hospital", "state_firm", "police")
                else ("党总支" if kind in ("school", "agency") else "党支部")
            )
            ci = py.randrange(len(COMMUNITIES))
            u = ResidentUnit(
                street_id=self.street.id,
                name=name,
                short_name=short,
                kind=kind,
                party_org=f"{short}{suffix}" if not short.endswith(suffix) else short,
                address=f"{self.comm_roads[ci][py.randrange(3)]}{py.randint(1, 399)}号",
                contact_person=self.names.one(),
                contact_phone=self.names.phone(),
                community_id=self.communities[ci].id,
            )
            self.units[key] = u
            objs.append(u)
        for i, m in enumerate(MUNICIPAL):
            u = ResidentUnit(
                street_id=self.street.id,
                name=f"合肥市{m}",
                short_name=f"市{m[:2]}",
                kind="municipal",
                party_org=f"中共合肥市{m}机关委员会",
                address=f"合肥市政务区{('天鹅湖路', '东流路', '怀宁路', '潜山路')[i % 4]}{py.randint(1, 300)}号",
                contact_person=self.names.one(),
                contact_phone=self.names.phone(),
                community_id=None,
            )
            self.units[f"mu{i}"] = u
            objs.append(u)
        # the street office itself, so street departments can own resolutions
        u = ResidentUnit(
            street_id=self.street.id,
            name=f"包河区{STREET_NAME}办事处",
            short_name="街道办",
            kind="other",
            party_org=f"中共包河区{STREET_NAME}工作委员会",
            address=f"{ROADS[0]}1号",
            contact_person=self.names.one(),
            contact_phone=self.names.phone(),
            community_id=self.communities[0].id,
        )
        self.units["street"] = u
        objs.append(u)
        self._add(s, objs, hist_start)

    def _committee(self, s: Session) -> None:
        py = self.py
        t3_start = (self.today - dt.timedelta(days=HISTORY_DAYS + 5)).replace(day=1)
        t2_start = t3_start.replace(year=t3_start.year - 5)
        self.term_prev = CommitteeTerm(
            street_id=self.street.id,
            number=2,
            name="第二届大工委",
            started_on=t2_start,
            ended_on=t3_start - dt.timedelta(days=1),
            is_current=False,
        )
        self.term = CommitteeTerm(
            street_id=self.street.id, number=3, name="第三届大工委", started_on=t3_start, is_current=True
        )
        self._add(s, [self.term_prev, self.term], dt.datetime.combine(t3_start, dt.time(9)))
        objs: list[Any] = []
        self.member_units: list[str] = list(CURRENT_MEMBER_UNITS)
        for key in PREVIOUS_MEMBER_UNITS:
            objs.append(MemberUnit(term_id=self.term_prev.id, unit_id=self.units[key].id, joined_on=t2_start))
        for key in CURRENT_MEMBER_UNITS:
            objs.append(MemberUnit(term_id=self.term.id, unit_id=self.units[key].id, joined_on=t3_start))
        # members: previous term (brief), current term (full)
        self.members: list[CommitteeMember] = []
        street_titles = [
            ("secretary", f"{STREET_NAME}党工委书记"),
            ("deputy_secretary", f"{STREET_NAME}党工委副书记、办事处主任"),
            ("member", "党工委委员、组织委员"),
            ("member", "党工委委员、政法委员"),
            ("member", "党工委委员、宣传委员"),
        ]
        for term, keys, n_full in (
            (self.term_prev, PREVIOUS_MEMBER_UNITS, 3),
            (self.term, CURRENT_MEMBER_UNITS, 5),
        ):
            pos = 0
            for role, title in street_titles[:n_full]:
                m = CommitteeMember(
                    term_id=term.id,
                    name=self.names.one(),
                    title=title,
                    kind="full_time",
                    role=role,
                    unit_id=self.units["street"].id,
                    phone=self.names.phone(),
                    position=pos,
                )
                pos += 1
                objs.append(m)
                if term is self.term:
                    self.members.append(m)
            for key in keys:
                u = self.units[key]
                head = {
                    "hospital": "党委书记",
                    "police": "所长",
                    "state_firm": "党委书记",
                    "school": "党总支书记",
                    "agency": "所长",
                    "company": "党支部书记",
                    "property": "党支部书记",
                }[u.kind]
                m = CommitteeMember(
                    term_id=term.id,
                    name=self.names.one(),
                    title=f"{u.short_name}{head}",
                    kind="part_time",
                    role="member",
                    unit_id=u.id,
                    phone=self.names.phone(),
                    position=pos,
                )
                pos += 1
                objs.append(m)
                if term is self.term:
                    self.members.append(m)
        self.liaisons: dict[str, Liaison] = {}
        for key in sorted(
            set(CURRENT_MEMBER_UNITS) | set(PREVIOUS_MEMBER_UNITS), key=lambda k: self.units[k].name
        ):
            li = Liaison(
                unit_id=self.units[key].id,
                name=self.names.one(),
                phone=self.names.phone(),
                email=f"lly{self.units[key].id:03d}@example.com",
                active=True,
            )
            objs.append(li)
            self.liaisons[key] = li
            if py.random() < 0.3:
                objs.append(
                    Liaison(
                        unit_id=self.units[key].id,
                        name=self.names.one(),
                        phone=self.names.phone(),
                        active=False,
                    )
                )
        self._add(s, objs, dt.datetime.combine(t3_start, dt.time(9)))
        self.secretary = self.members[0]
        self.recorder = self.members[2]

    def _handling_and_categories(self, s: Session) -> None:
        hu: list[HandlingUnit] = []
        self.role_hu: dict[str, int] = {}  # role -> index into hu (non-community roles)
        for key, name in STREET_DEPTS:
            self.role_hu[key] = len(hu)
            hu.append(
                HandlingUnit(
                    name=name.replace("街道", STREET_SHORT + "街道", 1),
                    kind="street_dept",
                    unit_id=self.units["street"].id,
                )
            )
        for key, unit_key in (
            ("zd", "ag1"),
            ("pcs1", "pcs1"),
            ("pcs2", "pcs2"),
            ("scjg", "ag2"),
            ("sfs", "ag3"),
            ("xf", "ag4"),
        ):
            self.role_hu[key] = len(hu)
            hu.append(
                HandlingUnit(
                    name=self.units[unit_key].name, kind="stationed", unit_id=self.units[unit_key].id
                )
            )
        self.comm_hu0 = len(hu)
        for c in self.communities:
            hu.append(HandlingUnit(name=f"{c.name}居委会", kind="community"))
        self.prop_hu0 = len(hu)
        for key in ("pr1", "pr2", "pr3"):
            hu.append(HandlingUnit(name=self.units[key].name, kind="enterprise", unit_id=self.units[key].id))
        self.role_hu["gd"] = len(hu)
        hu.append(HandlingUnit(name=self.units["sf1"].name, kind="enterprise", unit_id=self.units["sf1"].id))
        self._add(s, hu, dt.datetime.combine(self.start_day, dt.time(9)))
        self.handling_units = hu
        cats = []
        for major, minor, kind, limit, _w in CATEGORIES:
            cats.append(
                CaseCategory(
                    major=major, minor=minor, kind=kind, time_limit_days=limit, is_catch_all=(minor == "其他")
                )
            )
        self._add(s, cats, dt.datetime.combine(self.start_day, dt.time(9)))
        self.categories = cats

    def _hu_index(self, role: str, ci: int) -> int:
        if role == "comm":
            return self.comm_hu0 + ci
        if role == "prop":
            return self.prop_hu0 + ci % 3
        if role == "pcs":
            return self.role_hu["pcs1" if ci < 4 else "pcs2"]
        return self.role_hu[role]

    # ------------------------------------------------------------------ 四联四定

    def _pairings(self, s: Session) -> None:
        py = self.py
        labels = [
            PairingLabel(kind="link", position=i + 1, name=n, description=d + "（名称可在设置中修改）")
            for i, (n, d) in enumerate(LINK_LABELS)
        ]
        labels += [
            PairingLabel(kind="fix", position=i + 1, name=n, description=d + "（名称可在设置中修改）")
            for i, (n, d) in enumerate(FIX_LABELS)
        ]
        self._add(s, labels, dt.datetime.combine(self.start_day, dt.time(9)))
        self.labels = labels
        pairings = []
        for i in range(len(MUNICIPAL)):
            pairings.append(
                Pairing(
                    municipal_unit_id=self.units[f"mu{i}"].id,
                    community_id=self.communities[i % len(self.communities)].id,
                    since_year=py.choice((2014, 2014, 2015, 2016, 2018, 2020, 2022)),
                    active=True,
                )
            )
        self._add(s, pairings, dt.datetime.combine(self.start_day, dt.time(9)))
        self.pairings = pairings
        self.agreement_items: dict[int, list[AgreementItem]] = {}
        year = self.today.year
        agreements = []
        for p in pairings:
            for y in (year - 1, year):
                signed = dt.date(y, 2, py.randint(10, 28))
                if signed > self.today:
                    signed = self.today
                agreements.append(
                    AnnualAgreement(
                        pairing_id=p.id, year=y, signed_on=signed, status="closed" if y < year else "signed"
                    )
                )
        self._add(s, agreements)
        items = []
        progress_rows = []
        for a in agreements:
            titles = py.sample(AGREEMENT_ITEMS, py.randint(4, 8))
            for j, title in enumerate(titles):
                due = dt.date(a.year, py.randint(4, 12), py.randint(1, 28))
                label = labels[j % 4] if py.random() < 0.7 else labels[4 + j % 4]
                start = dt.datetime.combine(a.signed_on, dt.time(10))
                if a.year < year or due < self.today:
                    r = py.random()
                    if r < (0.85 if a.year < year else 0.7):
                        status, pct = "done", 100
                        done_on = (
                            due - dt.timedelta(days=py.randint(0, 30))
                            if py.random() < 0.85
                            else due + dt.timedelta(days=py.randint(1, 25))
                        )
                        done_on = min(done_on, self.today)
                    elif r < 0.92:
                        status, pct, done_on = "in_progress", py.choice((40, 60, 80)), None
                    else:
                        status, pct, done_on = "cancelled", py.choice((0, 20)), None
                else:
                    span = max(1, (due - a.signed_on).days)
                    frac = max(0.0, min(1.0, (self.today - a.signed_on).days / span))
                    pct = int(round(frac * py.uniform(0.5, 1.1) * 10)) * 10
                    pct = min(pct, 90)
                    status, done_on = ("in_progress" if pct > 0 else "planned"), None
                item = AgreementItem(
                    agreement_id=a.id,
                    label_id=label.id,
                    title=title,
                    responsible_person=self.names.one(unique=False),
                    due_on=due,
                    progress_pct=pct,
                    status=status,
                    done_on=done_on,
                    evidence_note="已上传活动照片和签到表" if status == "done" else "",
                )
                items.append(item)
                self.agreement_items.setdefault(a.year, []).append(item)
                # progress rows: evenly spaced up to the current pct
                steps = [p for p in (20, 40, 60, 80, 100) if p <= pct]
                end = dt.datetime.combine(done_on or min(self.today, due), dt.time(16))
                for k, p in enumerate(steps):
                    at = start + (end - start) * ((k + 1) / len(steps))
                    progress_rows.append((item, at, p))
        self._add(s, items)
        self._add(
            s,
            [
                AgreementProgress(
                    item_id=it.id,
                    at=at.replace(microsecond=0),
                    by=it.responsible_person,
                    progress_pct=p,
                    note=f"完成{p}%",
                )
                for it, at, p in progress_rows
            ],
        )

    # ------------------------------------------------------------------ three lists, dual reporting

    def _three_lists(self, s: Session) -> None:
        py = self.py
        day = lambda lo, hi: self.today - dt.timedelta(days=py.randint(lo, hi))  # noqa: E731
        local_units = [k for k, *_ in UNIT_SPECS]
        needs = []
        for title, cat in NEEDS[:25]:
            ci = py.randrange(len(self.communities))
            needs.append(
                Need(
                    community_id=self.communities[ci].id,
                    title=f"{COMMUNITIES[ci]}社区{title}",
                    description=f"{COMMUNITIES[ci]}社区居民反映需要{title}。",
                    category=cat,
                    raised_by=f"{COMMUNITIES[ci]}社区居委会",
                    raised_on=day(30, 700),
                    status="open",
                )
            )
        self._add(s, needs)
        resources = []
        for i in range(30):
            title, cat = RESOURCES[i % len(RESOURCES)]
            key = local_units[(i * 7) % len(local_units)]
            u = self.units[key]
            resources.append(
                Resource(
                    unit_id=u.id,
                    title=f"{u.short_name}{title}",
                    category=cat,
                    description=f"{u.name}提供{title}。",
                    offered_on=day(20, 700),
                    status="withdrawn" if i in (5, 17) else "offered",
                )
            )
        self._add(s, resources)
        projects = []
        for i in range(20):
            need = needs[i] if i < 15 else None
            title = (
                need.title.replace("社区", "社区·", 1) + "项目"
                if need
                else ("党员志愿服务月", "邻里节", "平安小区创建", "老旧小区微改造", "湖畔读书会")[i - 15]
            )
            published = (
                max(
                    need.raised_on + dt.timedelta(days=py.randint(5, 30)), self.today - dt.timedelta(days=650)
                )
                if need
                else day(60, 600)
            )
            published = min(published, self.today - dt.timedelta(days=10))
            projects.append(
                Project(
                    title=title,
                    description=f"{title}，面向驻区单位认领。",
                    need_id=need.id if need else None,
                    community_id=need.community_id if need else None,
                    published_on=published,
                    due_on=published + dt.timedelta(days=py.randint(60, 180)),
                    status="open",
                )
            )
        self._add(s, projects)
        claims = []
        member_keys = list(CURRENT_MEMBER_UNITS)
        for i, p in enumerate(projects):
            if i in (3, 11, 18):  # unclaimed
                continue
            claimers = [member_keys[i % len(member_keys)]]
            if i % 4 == 0:
                claimers.append(local_units[(i * 5 + 3) % len(local_units)])
            delivered = i not in (2, 7, 9, 15)
            for key in dict.fromkeys(claimers):
                claimed_on = p.published_on + dt.timedelta(days=py.randint(3, 20))
                dlv = (
                    min(claimed_on + dt.timedelta(days=py.randint(30, 150)), self.today)
                    if delivered
                    else None
                )
                claims.append(
                    ProjectClaim(
                        project_id=p.id,
                        unit_id=self.units[key].id,
                        claimed_on=claimed_on,
                        delivered_on=dlv,
                        status="delivered" if delivered else "claimed",
                        note="已完成并提交佐证材料" if delivered else "",
                    )
                )
            p.status = "delivered" if delivered else ("in_progress" if i % 2 else "claimed")
            if p.need_id is not None:
                needs[i].status = "met" if delivered else "matched"
        for i, n in enumerate(needs):
            if i >= 15 and i % 3 == 0:
                n.status = "closed"
        self._add(s, claims)
        uses = []
        for i, r in enumerate(resources):
            if i % 3 == 2 or r.status == "withdrawn":
                continue  # never used
            p = projects[(i * 3) % len(projects)]
            for k in range(1 + i % 2):
                used_on = max(r.offered_on, p.published_on) + dt.timedelta(days=py.randint(1, 60) + 30 * k)
                uses.append(
                    ResourceUse(
                        resource_id=r.id,
                        project_id=p.id,
                        used_on=min(used_on, self.today),
                        note=f"用于{p.title}",
                    )
                )
            r.status = "in_use"
        self._add(s, uses)

    def _dual_reporting(self, s: Session) -> None:
        py = self.py
        rows = []
        local = [u for u in self.units.values() if u.kind not in ("municipal", "other")]
        for u in local:
            rows.append(
                DualReporting(
                    unit_id=u.id,
                    community_id=u.community_id,
                    reported_on=self.start_day + dt.timedelta(days=py.randint(0, 120)),
                )
            )
        self._add(s, rows)
        members = []
        weights = [6 if u.kind in ("hospital", "school", "state_firm", "agency") else 2 for u in local]
        for _ in range(300):
            u = py.choices(local, weights=weights)[0]
            members.append(
                ServingPartyMember(
                    unit_id=u.id,
                    community_id=self.communities[py.randrange(len(self.communities))].id,
                    name=self.names.one(unique=False),
                    phone=self.names.phone(),
                    registered_on=self.start_day + dt.timedelta(days=py.randint(0, 600)),
                )
            )
        self._add(s, members)
        recs = []
        for m in members:
            for _ in range(py.choice((0, 2, 5, 8, 10, 12, 15, 20))):
                span = (self.today - m.registered_on).days
                if span <= 1:
                    break
                recs.append(
                    {
                        "member_id": m.id,
                        "served_on": m.registered_on + dt.timedelta(days=py.randint(1, span)),
                        "hours": py.choice((1.0, 1.5, 2.0, 2.0, 3.0, 4.0, 4.0, 6.0, 8.0)),
                        "activity": py.choice(ACTIVITIES),
                    }
                )
        recs.sort(key=lambda r: (r["served_on"], r["member_id"]))
        if recs:
            s.execute(insert(ServiceRecord), recs)
        self.n_service = len(recs)

    # ------------------------------------------------------------------ grid cases (bulk)

    def _cases(self, s: Session, conn: Connection) -> None:
        n = self.n_cases
        self.case_id_base = s.scalar(select(func.max(GridCase.id))) or 0
        self.event_id_base = s.scalar(select(func.max(CaseEvent.id))) or 0
        cols = self._case_columns(n)
        self.report("case events", 0.3)
        ev = self._case_events(cols)
        self.report("writing cases", 0.45)
        self._write_cases(conn, cols, ev)
        self.case_cols = cols

    def _case_columns(self, n: int) -> dict[str, np.ndarray]:
        rng = self.rng
        # --- when: weekday and seasonal variation, slight growth over the two years
        days = np.arange(HISTORY_DAYS)
        dates = np.array([self.start_day + dt.timedelta(days=int(d)) for d in days])
        weekday = np.array([d.weekday() for d in dates])
        doy = np.array([d.timetuple().tm_yday for d in dates])
        w = np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.55, 0.45))
        w = w * (1 + 0.22 * np.cos(2 * np.pi * (doy - 200) / 365.0)) * np.linspace(0.9, 1.1, HISTORY_DAYS)
        spring = (doy > 20) & (doy < 45)
        w = np.where(spring, w * 0.6, w)
        day_idx = rng.choice(HISTORY_DAYS, size=n, p=w / w.sum())
        cat_w = np.array(
            [
                MAJOR_WEIGHTS[maj] * wt / sum(c[4] for c in CATEGORIES if c[0] == maj)
                for maj, _m, _k, _l, wt in CATEGORIES
            ]
        )
        cat = rng.choice(len(CATEGORIES), size=n, p=cat_w / cat_w.sum())
        resident_heavy = np.array([c[0] in RESIDENT_HEAVY for c in CATEGORIES])[cat]
        u = rng.random(n)
        src = np.where(
            resident_heavy,
            np.searchsorted(np.cumsum(SOURCE_P_RESIDENT), u),
            np.searchsorted(np.cumsum(SOURCE_P_NORMAL), u),
        ).clip(0, 3)
        patrol_tod = 8.5 * 3600 + rng.beta(2.2, 2.2, n) * 9 * 3600
        other_tod = 7 * 3600 + rng.beta(1.6, 1.6, n) * 15 * 3600
        tod = np.where(src == 0, patrol_tod, other_tod).astype(np.int64)
        start_s = _epoch(dt.datetime.combine(self.start_day, dt.time()))
        reported = start_s + day_idx.astype(np.int64) * 86400 + tod
        order = np.argsort(reported, kind="stable")
        reported, cat, src, day_idx = reported[order], cat[order], src[order], day_idx[order]
        # --- where
        gw = rng.gamma(2.0, 1.0, len(self.grids))
        grid = rng.choice(len(self.grids), size=n, p=gw / gw.sum())
        comm = np.asarray(self.grid_comm)[grid]
        # --- who handles it
        hu = np.empty(n, dtype=np.int64)
        u = rng.random(n)
        ncomm = len(self.communities)
        for ci_cat, (major, _minor, kind, _l, _w) in enumerate(CATEGORIES):
            mask = cat == ci_cat
            if not mask.any():
                continue
            roles = COMPONENT_ROLES if kind == "component" else ROLE_BY_MAJOR[major]
            cum = np.cumsum([p for _r, p in roles])
            pick = np.searchsorted(cum / cum[-1], u[mask]).clip(0, len(roles) - 1)
            table = np.array([[self._hu_index(r, c) for c in range(ncomm)] for r, _p in roles])
            hu[mask] = table[pick, comm[mask]]
        n_hu = len(self.handling_units)
        wrong = (hu + 1 + rng.integers(0, n_hu - 1, n)) % n_hu
        limit_days = np.array([c[3] for c in CATEGORIES])[cat]
        return {
            "reported": reported,
            "cat": cat,
            "src": src,
            "day_idx": day_idx,
            "grid": grid,
            "comm": comm,
            "hu": hu,
            "wrong": wrong,
            "limit": limit_days.astype(np.int64) * 86400,
        }

    def _case_events(self, c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Each case's path through the state machine, truncated at 'now'."""
        rng = self.rng
        n = len(c["reported"])
        now_s = _epoch(self.now)
        en = self.enabled
        lim = c["limit"].astype(np.float64)
        src = c["src"]
        # --- per-case flags
        void = rng.random(n) < 0.02
        ret = (rng.random(n) < 0.05) & (("DISPATCHED", "return") in en)
        hold = (rng.random(n) < 0.02) & (("IN_PROGRESS", "hold") in en) & (("ON_HOLD", "resume") in en)
        long_limit = lim >= 7 * 86400
        ext = (rng.random(n) < np.where(long_limit, 0.08, 0.025)) & (("IN_PROGRESS", "extend") in en)
        fail = (rng.random(n) < 0.04) & (("FEEDBACK", "check_fail") in en)
        visit_p = np.select([src == 0, src == 3], [0.55, 0.3], 0.95)
        visit = (rng.random(n) < visit_p).astype(np.int64)
        reopen = (visit == 1) & (rng.random(n) < 0.012) & (("EVALUATED", "unsatisfied") in en)
        visit = visit + reopen
        stuck = rng.random(n) < 0.005
        tid = np.where(void, 0, 1 + ret * 24 + hold * 12 + ext * 6 + fail * 3 + visit)
        # --- report -> first check_pass (holds excluded) as a multiple of the time limit
        ratio = np.exp(rng.normal(np.log(np.where(long_limit, 0.45, 0.3)), 0.6, n))
        ratio = np.where(ext, rng.uniform(1.05, 1.8, n), ratio)
        ratio = np.where(stuck, ratio * rng.uniform(3, 20, n), ratio)
        dur = ratio * lim
        f_l = np.clip(lim / (3 * 86400), 0.2, 1.5)  # urgent categories move faster at every step
        chk = rng.exponential(8 * 3600, n) * f_l + 900  # check after the work is reported done
        held = rng.uniform(2, 15, n) * 86400 * np.where(stuck, 4, 1)  # hold duration
        ext_by = np.maximum(lim, 3 * 86400)  # extension granted
        sat_dist = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.02, 0.03, 0.05, 0.25, 0.65])
        sat_first = np.where(reopen, rng.choice([1, 2], size=n), sat_dist)
        sat_second = rng.choice([3, 4, 5], size=n, p=[0.3, 0.4, 0.3])
        supervised = rng.random(n) < 0.02

        trans = {(t.from_state, t.action): t.to_state for t in DEFAULT_TRANSITIONS}
        case_ids = np.arange(1, n + 1, dtype=np.int64) + self.case_id_base

        out_state = np.empty(n, dtype=np.int8)
        deadline = c["reported"].astype(np.float64) + lim
        closed = np.full(n, -1, dtype=np.int64)
        hold_started = np.full(n, -1, dtype=np.int64)
        last_at = c["reported"].copy()
        ext_count = np.zeros(n, dtype=np.int64)
        ret_count = np.zeros(n, dtype=np.int64)
        satisfaction = np.zeros(n, dtype=np.int64)
        dispatched_to = np.full(n, -1, dtype=np.int64)
        ev_parts: dict[str, list[np.ndarray]] = {k: [] for k in ("case", "step", "at", "act", "who", "note")}

        actions = (
            "report",
            "reject",
            "file",
            "dispatch",
            "return",
            "accept",
            "hold",
            "resume",
            "extend",
            "report_done",
            "check_fail",
            "check_pass",
            "return_visit",
            "unsatisfied",
        )
        self.event_actions = actions
        act_code = {a: i for i, a in enumerate(actions)}
        # note table: per-action pools, then 'dispatch to X' per handling unit
        notes: list[str] = [""]
        pool_off: dict[str, tuple[int, int]] = {}
        for a in actions:
            pool = NOTE_POOLS.get(a)
            if pool:
                pool_off[a] = (len(notes), len(pool))
                notes.extend(pool)
        disp_off = len(notes)
        notes.extend(f"派遣至{h.name}" for h in self.handling_units)
        self.note_table = np.array(notes, dtype=object)
        # actor table: grid workers, sources, dispatchers, handling units
        actors: list[str] = [w.name for w in self.workers]
        src_off = len(actors)
        actors.extend(SOURCE_ACTOR.get(s_, "") for s_ in SOURCES)
        disp_names = [f"指挥中心{self.names.one()}" for _ in range(4)]
        dsp_off = len(actors)
        actors.extend(disp_names)
        hu_off = len(actors)
        actors.extend(h.name for h in self.handling_units)
        self.actor_table = np.array(actors, dtype=object)
        reporter_actor = np.where(src == 0, c["grid"], src_off + src)

        for t in range(49):
            idx = np.nonzero(tid == t)[0]
            if len(idx) == 0:
                continue
            if t == 0:
                tmpl = ["report", "reject"]
            else:
                f = t - 1
                r_, h_, e_, fl_, v_ = f // 24, (f // 12) % 2, (f // 6) % 2, (f // 3) % 2, f % 3
                tmpl = ["report", "file", "dispatch"]
                if r_:
                    tmpl += ["return", "dispatch"]
                tmpl += ["accept"]
                if h_:
                    tmpl += ["hold", "resume"]
                if e_:
                    tmpl += ["extend"]
                tmpl += ["report_done"]
                if fl_:
                    tmpl += ["check_fail", "report_done"]
                tmpl += ["check_pass"]
                if v_ >= 1:
                    tmpl += ["return_visit"]
                if v_ == 2:
                    tmpl += ["unsatisfied", "report_done", "check_pass", "return_visit"]
            m = len(tmpl)
            k_ = len(idx)
            times = np.empty((k_, m), dtype=np.int64)
            prev = c["reported"][idx]
            w_eff = np.zeros(k_)
            n_seg = 1 + tmpl.count("hold") + tmpl.count("extend")
            frac = rng.dirichlet(np.ones(n_seg), k_) if n_seg > 1 else np.ones((k_, 1))
            seg = 0
            seen_done = False
            seen_dispatch = False
            states: list[str | None] = []
            st: str | None = None
            who = np.empty((k_, m), dtype=np.int64)
            note = np.zeros((k_, m), dtype=np.int64)
            fl = f_l[idx]

            def exp(mean: float, lo: float = 0.0, k_: int = k_, fl: np.ndarray = fl) -> np.ndarray:
                return rng.exponential(mean, k_) * fl + lo

            for j, a in enumerate(tmpl):
                if a == "report":
                    g = np.zeros(k_)
                elif a == "reject":
                    g = exp(4 * 3600, 600)
                elif a == "file":
                    g = np.where(rng.random(k_) < 0.9, exp(1.0 * 3600, 300), exp(16 * 3600, 3600))
                elif a == "dispatch":
                    g = (
                        exp(3 * 3600, 600)
                        if seen_dispatch
                        else np.where(rng.random(k_) < 0.92, exp(0.8 * 3600, 120), exp(10 * 3600, 1800))
                    )
                elif a == "return":
                    g = exp(6 * 3600, 1800)
                elif a == "accept":
                    g = np.where(rng.random(k_) < 0.9, exp(1.5 * 3600, 300), exp(20 * 3600, 3600))
                elif a in ("hold", "extend") or (a == "report_done" and not seen_done):
                    if seg == 0:
                        w_eff = np.maximum(
                            c["reported"][idx] + dur[idx] - prev - chk[idx], 0.1 * lim[idx] + 1200
                        )
                    g = w_eff * frac[:, seg]
                    seg += 1
                    if a == "report_done":
                        seen_done = True
                elif a == "resume":
                    g = held[idx]
                elif a == "report_done":
                    g = exp(2 * 86400, 3600)
                elif (
                    a in ("check_fail", "check_pass")
                    and tmpl[j - 1] == "report_done"
                    and tmpl.index("report_done") == j - 1
                ):
                    g = chk[idx]
                elif a == "check_fail":
                    g = exp(8 * 3600, 1800)
                elif a == "check_pass":
                    g = exp(6 * 3600, 900)
                elif a == "return_visit":
                    g = exp(3 * 86400, 3600)
                else:  # unsatisfied
                    g = rng.uniform(60, 600, k_)
                t_ = prev + g.astype(np.int64)
                if a in PUSHED:  # office actions outside 08:00-20:00 wait for the next morning
                    tod = t_ % 86400
                    jitter = rng.integers(0, 2400, k_)
                    t_ = np.where(
                        tod < 8 * 3600,
                        t_ - tod + 8 * 3600 + jitter,
                        np.where(tod >= 20 * 3600, t_ - tod + 86400 + 8 * 3600 + jitter, t_),
                    )
                times[:, j] = t_
                prev = t_
                # who
                if a == "report":
                    who[:, j] = reporter_actor[idx]
                elif a in ("accept", "report_done", "hold", "extend", "resume"):
                    who[:, j] = hu_off + c["hu"][idx]
                elif a == "return":
                    who[:, j] = hu_off + c["wrong"][idx]
                elif a in ("check_fail", "check_pass"):
                    who[:, j] = c["grid"][idx]
                else:
                    who[:, j] = dsp_off + rng.integers(0, len(disp_names), k_)
                # note
                if a == "dispatch":
                    target = c["hu"][idx] if (seen_dispatch or "return" not in tmpl) else c["wrong"][idx]
                    note[:, j] = disp_off + target
                    seen_dispatch = True
                elif a in pool_off:
                    o, ln = pool_off[a]
                    note[:, j] = o + rng.integers(0, ln, k_)
                st = "REPORTED" if a == "report" else trans[(st, a)]
                states.append(st)
            happened = times <= now_s
            kk = happened.sum(axis=1)  # >= 1: the report is at reported_at <= now
            rows = np.arange(k_)
            st_arr = np.array([STATE_CODE[x] for x in states], dtype=np.int8)
            out_state[idx] = st_arr[kk - 1]
            last_at[idx] = times[rows, kk - 1]
            cols = {a: [j for j, x in enumerate(tmpl) if x == a] for a in set(tmpl)}
            for j in cols.get("resume", []):
                deadline[idx] += np.where(happened[:, j], held[idx], 0)
            for j in cols.get("extend", []):
                deadline[idx] += np.where(happened[:, j], ext_by[idx], 0)
                ext_count[idx] += happened[:, j]
            for a in ("return", "check_fail", "unsatisfied"):
                for j in cols.get(a, []):
                    ret_count[idx] += happened[:, j]
            for j in cols.get("hold", []):
                on_hold = out_state[idx] == STATE_CODE["ON_HOLD"]
                hold_started[idx] = np.where(on_hold, times[:, j], -1)
            cl = np.full(k_, -1, dtype=np.int64)
            for j in cols.get("check_pass", []):
                cl = np.where(happened[:, j], times[:, j], cl)
            done = np.isin(out_state[idx], DONE_CODES)
            closed[idx] = np.where(done, cl, -1)
            rv = cols.get("return_visit", [])
            sat = np.zeros(k_, dtype=np.int64)
            if rv:
                sat = np.where(happened[:, rv[0]], sat_first[idx], 0)
            if len(rv) > 1:
                sat = np.where(happened[:, rv[1]], sat_second[idx], sat)
            satisfaction[idx] = sat
            dsp = cols.get("dispatch", [])
            if dsp:
                d_to = np.full(k_, -1, dtype=np.int64)
                d_to = np.where(happened[:, dsp[0]], c["wrong"][idx] if len(dsp) > 1 else c["hu"][idx], d_to)
                if len(dsp) > 1:
                    d_to = np.where(happened[:, dsp[1]], c["hu"][idx], d_to)
                dispatched_to[idx] = d_to
            # events (row-major over the happened mask keeps each case's steps in order)
            ev_parts["case"].append(np.broadcast_to(case_ids[idx, None], (k_, m))[happened])
            ev_parts["step"].append(np.broadcast_to(np.arange(m), (k_, m))[happened])
            ev_parts["at"].append(times[happened])
            ev_parts["act"].append(np.broadcast_to(np.array([act_code[a] for a in tmpl]), (k_, m))[happened])
            ev_parts["who"].append(who[happened])
            ev_parts["note"].append(note[happened])
            st_from = np.concatenate([[-1], st_arr[:-1]]).astype(np.int8)
            ev_parts.setdefault("from", []).append(np.broadcast_to(st_from, (k_, m))[happened])
            ev_parts.setdefault("to", []).append(np.broadcast_to(st_arr, (k_, m))[happened])

        ev = {k: np.concatenate(v) for k, v in ev_parts.items()}
        order = np.lexsort((ev["step"], ev["case"]))
        ev = {k: v[order] for k, v in ev.items()}
        self.n_events = len(ev["case"])

        open_ = np.isin(out_state, OPEN_CODES)
        deadline_i = deadline.astype(np.int64)
        overdue_open = open_ & (deadline_i < now_s)
        supervised = supervised | (overdue_open & (rng.random(n) < 0.15)) | (stuck & (rng.random(n) < 0.5))
        escalation = np.where(supervised, rng.choice([1, 1, 2], size=n), np.where(stuck, 1, 0))
        c.update(
            {
                "state": out_state,
                "deadline": deadline_i,
                "closed": closed,
                "hold_started": hold_started,
                "last_at": last_at,
                "ext_count": ext_count,
                "ret_count": ret_count,
                "satisfaction": satisfaction,
                "supervised": supervised,
                "escalation": escalation,
                "handled_by": dispatched_to,
                "id": case_ids,
            }
        )
        return ev

    # The case ids are supplied explicitly; an empty street means an empty grid_case table is typical,
    # but tolerate leftovers (e.g. imported cases without a street) by starting above max(id).
    case_id_base = 0
    event_id_base = 0

    def _case_text(self, c: dict[str, np.ndarray]) -> tuple[list[str], list[str], list[str], list[str]]:
        rng = self.rng
        n = len(c["reported"])
        road_pick = rng.integers(0, 3, n).tolist()
        num = rng.integers(1, 400, n).tolist()
        bld = rng.integers(1, 36, n).tolist()
        spot = rng.integers(0, len(SPOTS), n).tolist()
        suffix = rng.integers(0, len(DESC_SUFFIX), n).tolist()
        minors = [m for _a, m, *_ in CATEGORIES]
        compound_cat = [maj in AT_COMPOUND for maj, *_ in CATEGORIES]
        roads, comps = self.comm_roads, self.comm_compounds
        titles: list[str] = []
        addrs: list[str] = []
        descs: list[str] = []
        street = f"合肥市包河区{STREET_NAME}"
        for ci, k, p, nm, b, sp, sx, so in zip(
            c["comm"].tolist(),
            c["cat"].tolist(),
            road_pick,
            num,
            bld,
            spot,
            suffix,
            c["src"].tolist(),
            strict=True,
        ):
            if compound_cat[k]:
                place = f"{comps[ci][p]}{b}栋"
                addr = f"{street}{place}"
                title = f"{place}{minors[k]}"
            else:
                place = f"{roads[ci][p]}{nm}号"
                addr = f"{street}{place}"
                title = f"{place}{SPOTS[sp]}{minors[k]}"
            titles.append(title)
            addrs.append(addr)
            descs.append(f"{DESC_PREFIX[so]}{title}{DESC_SUFFIX[sx]}")
        # case numbers: BH + date + 5-digit sequence within the day (cases are sorted by time)
        day = c["day_idx"]
        first = np.searchsorted(day, day, side="left")
        seq = (np.arange(n) - first + 1).tolist()
        day_str = [(self.start_day + dt.timedelta(days=d)).strftime("%Y%m%d") for d in range(HISTORY_DAYS)]
        numbers = [f"BH{day_str[d]}{q:05d}" for d, q in zip(day.tolist(), seq, strict=True)]
        return numbers, titles, addrs, descs

    def _write_cases(self, conn: Connection, c: dict[str, np.ndarray], ev: dict[str, np.ndarray]) -> None:
        rng = self.rng
        n = len(c["reported"])
        numbers, titles, addrs, descs = self._case_text(c)
        self.report("writing cases", 0.55)
        hu_ids = np.array([h.id for h in self.handling_units], dtype=np.int64)
        grid_ids = np.array([g.id for g in self.grids], dtype=np.int64)
        comm_ids = np.array([x.id for x in self.communities], dtype=np.int64)
        cat_ids = np.array([x.id for x in self.categories], dtype=np.int64)
        # reporters for hotline/resident cases
        has_rep = (c["src"] == 1) | (c["src"] == 2)
        sur = rng.integers(0, 60, n).tolist()
        giv = rng.integers(0, len(GIVEN_2), n).tolist()
        tail = rng.integers(0, 10000, n).tolist()
        head = rng.integers(0, 100, n).tolist()
        rep_name = [
            f"{SURNAMES[a]}{'先生' if b % 2 else '女士'}" if h else ""
            for a, b, h in zip(sur, giv, has_rep.tolist(), strict=True)
        ]
        rep_phone = [
            f"1{3 + hd % 7}{hd % 10}****{t:04d}" if h else ""
            for hd, t, h in zip(head, tail, has_rep.tolist(), strict=True)
        ]
        state = STATE_NAMES[c["state"]]
        done = np.isin(c["state"], DONE_CODES)
        reply_pick = rng.integers(0, len(REPLY_NOTES), n)
        reply = np.where(done, np.array(REPLY_NOTES, dtype=object)[reply_pick], "").tolist()
        rep_ts = _ts_strings(c["reported"])
        case_rows = zip(
            c["id"].tolist(),
            numbers,
            np.array(SOURCES, dtype=object)[c["src"]].tolist(),
            [SOURCE_KEY] * n,
            titles,
            descs,
            addrs,
            comm_ids[c["comm"]].tolist(),
            grid_ids[c["grid"]].tolist(),
            cat_ids[c["cat"]].tolist(),
            _nullable(hu_ids[np.maximum(c["handled_by"], 0)], c["handled_by"] >= 0),
            state.tolist(),
            rep_ts.tolist(),
            _ts_strings(c["deadline"]).tolist(),
            _nullable(_ts_strings(np.maximum(c["closed"], 0)), c["closed"] >= 0),
            _nullable(_ts_strings(np.maximum(c["hold_started"], 0)), c["hold_started"] >= 0),
            c["supervised"].tolist(),
            c["escalation"].tolist(),
            c["ext_count"].tolist(),
            c["ret_count"].tolist(),
            _nullable(c["satisfaction"], c["satisfaction"] > 0),
            rep_name,
            rep_phone,
            reply,
            [1] * n,
            rep_ts.tolist(),
            _ts_strings(c["last_at"]).tolist(),
            strict=True,
        )
        case_cols = (
            "id",
            "case_number",
            "source",
            "source_key",
            "title",
            "description",
            "address",
            "community_id",
            "grid_id",
            "category_id",
            "handling_unit_id",
            "state",
            "reported_at",
            "deadline_at",
            "closed_at",
            "hold_started_at",
            "supervised",
            "escalation_level",
            "extension_count",
            "return_count",
            "satisfaction",
            "reporter_name",
            "reporter_phone",
            "reply_note",
            "version",
            "created_at",
            "updated_at",
        )
        self._bulk(conn, "grid_case", case_cols, case_rows, n, 0.55, 0.7)
        del numbers, titles, addrs, descs, rep_name, rep_phone, reply
        ev_cols = ("id", "case_id", "at", "actor", "action", "from_state", "to_state", "note")
        e = len(ev["case"])
        actions = np.array(self.event_actions, dtype=object)

        def event_rows() -> Iterator[tuple[Any, ...]]:
            for lo in range(0, e, CHUNK):
                hi = min(e, lo + CHUNK)
                yield from zip(
                    range(self.event_id_base + lo + 1, self.event_id_base + hi + 1),
                    ev["case"][lo:hi].tolist(),
                    _ts_strings(ev["at"][lo:hi]).tolist(),
                    self.actor_table[ev["who"][lo:hi]].tolist(),
                    actions[ev["act"][lo:hi]].tolist(),
                    STATE_NAMES_NULL[ev["from"][lo:hi] + 1].tolist(),
                    STATE_NAMES[ev["to"][lo:hi]].tolist(),
                    self.note_table[ev["note"][lo:hi]].tolist(),
                    strict=True,
                )

        self._bulk(conn, "case_event", ev_cols, event_rows(), e, 0.7, 0.88)

    def _bulk(
        self,
        conn: Connection,
        table: str,
        cols: Sequence[str],
        rows: Iterator[tuple[Any, ...]],
        total: int,
        f0: float,
        f1: float,
    ) -> None:
        raw = conn.connection.driver_connection
        if conn.dialect.name == "sqlite":
            # Secondary indexes are dropped for the load and rebuilt from their own DDL afterwards
            # (a sort-based build is several times faster than 1M random-order B-tree inserts).
            # All inside the load transaction, so a failure rolls the indexes back too.
            indexes = raw.execute(  # type: ignore[union-attr]
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL ORDER BY name",
                (table,),
            ).fetchall()
            if total < 50_000:
                indexes = []
            for name, _sql in indexes:
                raw.execute(f'DROP INDEX "{name}"')  # type: ignore[union-attr]
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            done = 0
            while True:
                batch = list(itertools.islice(rows, CHUNK))
                if not batch:
                    break
                raw.executemany(sql, batch)  # type: ignore[union-attr]
                done += len(batch)
                self.report(table.replace("_", " "), f0 + (f1 - f0) * done / max(total, 1))
            for _name, ddl in indexes:
                raw.execute(ddl)  # type: ignore[union-attr]
        elif conn.dialect.name == "postgresql":
            with raw.cursor() as cur:  # type: ignore[union-attr]
                # Foreign keys (checked row by row by triggers) and plain indexes are dropped for
                # the load and restored from their own definitions afterwards, in the same
                # transaction; the primary key and unique constraints stay.
                restore: list[str] = []
                if total >= 50_000:
                    cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
                    fks = cur.execute(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                        (table,),
                    ).fetchall()
                    idx = cur.execute(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        "AND tablename = %s AND indexname NOT IN "
                        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
                        (table, table),
                    ).fetchall()
                    for name, _ in fks:
                        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                    for name, _ in idx:
                        cur.execute(f'DROP INDEX "{name}"')
                    restore = [ddl for _, ddl in idx]
                    restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {ddl}' for name, ddl in fks]
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                    for i, row in enumerate(rows):
                        cp.write_row(row)
                        if i % CHUNK == CHUNK - 1:
                            self.report(table.replace("_", " "), f0 + (f1 - f0) * i / max(total, 1))
                for ddl in restore:
                    cur.execute(ddl)
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
        else:
            keys = list(cols)
            t = sa_table(table, *[sa_column(k) for k in keys])
            while True:
                batch = [dict(zip(keys, r, strict=True)) for r in itertools.islice(rows, CHUNK)]
                if not batch:
                    break
                conn.execute(t.insert(), batch)

    # ------------------------------------------------------------------ meetings

    def _meeting_dates(self) -> list[tuple[str, dt.datetime, str]]:
        """(kind, starts_at, title) of every past meeting of the current term, in order."""
        out: list[tuple[str, dt.datetime, str]] = []
        d = self.term.started_on
        i = 0
        limit = self.now - dt.timedelta(days=1)
        while True:
            y, mth = d.year, d.month
            if dt.date(y, mth, 1) > self.today:
                break
            if i % 3 == 0:
                q = sum(1 for k, t, _ in out if k == "plenary" and t.year == y) + 1
                out.append(
                    ("plenary", _weekday_at(dt.date(y, mth, 16), 9), f"第三届大工委{y}年第{q}次全体会议")
                )
            else:
                out.append(("regular", _weekday_at(dt.date(y, mth, 15), 14, 30), f"{y}年{mth}月大工委例会"))
            if i % 5 == 2:
                topic = TOPICAL[(i // 5) % len(TOPICAL)]
                out.append(("topical", _weekday_at(dt.date(y, mth, 25), 15), f"{topic}专题会"))
            if i % 6 == 4:
                half = "上半年" if mth <= 6 else "下半年"
                out.append(("joint", _weekday_at(dt.date(y, mth, 8), 9, 30), f"{y}年{half}街道党建联席会议"))
            i += 1
            d = dt.date(y + (mth == 12), mth % 12 + 1, 1)
        out = [x for x in out if x[1] < limit]
        out.sort(key=lambda x: x[1])
        return out

    def _meetings(self, s: Session) -> None:
        py = self.py
        c = self.case_cols
        past = self._meeting_dates()
        member_key = {self.units[k].id: k for k in CURRENT_MEMBER_UNITS}
        places = ("街道党群服务中心三楼会议室", "街道办事处一楼会议室", "汇湖社区党群服务中心会议室")
        meetings = []
        for j, (kind, starts, title) in enumerate(past):
            status = "closed" if j == len(past) - 1 else "approved"
            place = places[0] if kind in ("plenary", "regular") else py.choice(places)
            if kind == "joint":
                place = f"{self.units[py.choice(CURRENT_MEMBER_UNITS)].short_name}会议室"
            mins = {"plenary": 120, "regular": 90, "topical": 60, "joint": 120}[kind]
            meetings.append(
                Meeting(
                    term_id=self.term.id,
                    kind=kind,
                    title=title,
                    starts_at=starts,
                    planned_minutes=mins,
                    ended_at=starts + dt.timedelta(minutes=mins + py.randint(-15, 25)),
                    place=place,
                    chair=self.secretary.name,
                    recorder=self.recorder.name,
                    status=status,
                )
            )
        upcoming_at = dt.datetime.combine(self.today + dt.timedelta(days=7), dt.time(14, 30))
        upcoming = Meeting(
            term_id=self.term.id,
            kind="regular",
            title=f"{upcoming_at.year}年{upcoming_at.month}月大工委例会（{upcoming_at.month}月{upcoming_at.day}日）",
            starts_at=upcoming_at,
            planned_minutes=90,
            place=places[0],
            chair=self.secretary.name,
            recorder=self.recorder.name,
            status="planned",
        )
        self._add(s, meetings + [upcoming])
        self.n_meetings = len(meetings) + 1

        # --- attendance
        att_p = {k: (0.55 if k in POOR_ATTENDERS else 0.9) for k in CURRENT_MEMBER_UNITS}
        attendance: dict[int, list[Attendance]] = {}
        rows = []
        for j, mt in enumerate(meetings):
            lst = []
            for mem in self.members:
                key = member_key.get(mem.unit_id)
                delegate = ""
                if key is None:  # full-time street staff
                    r = py.random()
                    status = "present" if r < 0.93 else "excused"
                elif key == RECENT_ABSENTEE and j >= len(meetings) - 3:
                    status = "absent"
                else:
                    r = py.random()
                    p = att_p[key]
                    status = "present" if r < p else ("excused" if r < p + (1 - p) * 0.6 else "absent")
                    if status == "excused" and py.random() < 0.6:
                        delegate = self.liaisons[key].name
                signed = (
                    mt.starts_at - dt.timedelta(minutes=py.randint(3, 25))
                    if status == "present" or delegate
                    else None
                )
                a = Attendance(
                    meeting_id=mt.id,
                    member_id=mem.id,
                    unit_id=mem.unit_id,
                    person_name=mem.name,
                    status=status,
                    delegate_name=delegate,
                    signed_at=signed,
                )
                lst.append(a)
            if mt.kind in ("plenary", "joint"):
                for key in py.sample(("ag1", "ag3", "hos2", "so1"), 2):
                    u = self.units[key]
                    lst.append(
                        Attendance(
                            meeting_id=mt.id,
                            member_id=None,
                            unit_id=u.id,
                            person_name=self.names.one(unique=False),
                            status="observer",
                            signed_at=mt.starts_at - dt.timedelta(minutes=py.randint(3, 20)),
                        )
                    )
            attendance[mt.id] = lst
            rows.extend(lst)
        self._add(s, rows)

        # --- proposals (accepted into past meetings, a few proposed for the next)
        proposals: dict[int, list[TopicProposal]] = {}
        props = []
        for mt in meetings:
            lst = []
            for _ in range(py.randint(1, 2)):
                key = py.choice(CURRENT_MEMBER_UNITS)
                u = self.units[key]
                topic = py.choice(NEEDS)[0]
                lst.append(
                    TopicProposal(
                        title=f"关于{topic}的建议",
                        description=f"{u.short_name}建议将{topic}列入议题。",
                        unit_id=u.id,
                        meeting_id=mt.id,
                        proposed_by=self.liaisons[key].name,
                        proposed_at=mt.starts_at - dt.timedelta(days=py.randint(7, 14)),
                        status="accepted",
                    )
                )
            if py.random() < 0.2:
                key = py.choice(CURRENT_MEMBER_UNITS)
                lst.append(
                    TopicProposal(
                        title="关于调整例会时间的建议",
                        unit_id=self.units[key].id,
                        meeting_id=None,
                        proposed_by=self.liaisons[key].name,
                        proposed_at=mt.starts_at - dt.timedelta(days=py.randint(7, 14)),
                        status=py.choice(("rejected", "deferred")),
                    )
                )
            proposals[mt.id] = lst
            props.extend(lst)
        open_cases = np.nonzero(
            np.isin(c["state"], [STATE_CODE["IN_PROGRESS"], STATE_CODE["ON_HOLD"]])
            & (c["deadline"] < _epoch(self.now))
        )[0]
        for i in range(3):
            key = CURRENT_MEMBER_UNITS[(i * 2) % len(CURRENT_MEMBER_UNITS)]
            case_id = (
                int(c["id"][open_cases[py.randrange(len(open_cases))]])
                if (i == 2 and len(open_cases))
                else None
            )
            title = (
                "关于校园周边交通秩序整治的建议",
                "关于小区电动车集中充电设施建设的建议",
                "关于长期挂账网格事件的协调",
            )[i]
            props.append(
                TopicProposal(
                    title=title,
                    description=title + "，提请下次例会研究。",
                    unit_id=self.units[key].id,
                    case_id=case_id,
                    meeting_id=upcoming.id,
                    proposed_by=self.liaisons[key].name,
                    proposed_at=self.now - dt.timedelta(days=py.randint(1, 6), hours=3),
                    status="proposed",
                )
            )
        self._add(s, props)

        # --- agenda
        agenda: dict[int, list[AgendaItem]] = {}
        items = []
        case_links: list[dict[str, int]] = []
        reported = c["reported"]
        for mt in meetings + [upcoming]:
            lst = [
                AgendaItem(
                    meeting_id=mt.id,
                    position=1,
                    kind="follow_up",
                    title="通报上次会议议定事项落实情况",
                    planned_minutes=15,
                )
            ]
            lst.append(
                AgendaItem(
                    meeting_id=mt.id,
                    position=2,
                    kind="case_review",
                    title="通报近期网格事件办理情况及逾期事件",
                    planned_minutes=20,
                )
            )
            if mt is not upcoming:
                for p in proposals[mt.id]:
                    if p.status == "accepted":
                        lst.append(
                            AgendaItem(
                                meeting_id=mt.id,
                                position=len(lst) + 1,
                                kind="proposal",
                                title=p.title.replace("的建议", ""),
                                proposal_id=p.id,
                                unit_id=p.unit_id,
                                planned_minutes=15,
                            )
                        )
                if mt.kind in ("plenary", "joint"):
                    key = py.choice(CURRENT_MEMBER_UNITS)
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="unit_report",
                            title=f"{self.units[key].short_name}述职",
                            unit_id=self.units[key].id,
                            planned_minutes=15,
                        )
                    )
                    pr = py.choice(self.pairings)
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="pairing_review",
                            title="四联四定结对共建推进情况",
                            pairing_id=pr.id,
                            planned_minutes=15,
                        )
                    )
                if len(lst) < 3:
                    lst.append(
                        AgendaItem(
                            meeting_id=mt.id,
                            position=len(lst) + 1,
                            kind="other",
                            title="其他事项",
                            planned_minutes=10,
                        )
                    )
                for a in lst:
                    a.notes = f"{a.title}：与会委员进行了讨论，形成一致意见。"
            lst = lst[:6]
            agenda[mt.id] = lst
            items.extend(lst)
        self._add(s, items)
        meeting_cases: dict[int, list[int]] = {}
        for mt in meetings:
            hi = int(np.searchsorted(reported, _epoch(mt.starts_at)))
            lo = int(np.searchsorted(reported, _epoch(mt.starts_at - dt.timedelta(days=45))))
            picked: list[int] = []
            if hi > lo:
                for _ in range(py.randint(2, 5)):
                    cid = int(c["id"][py.randrange(lo, hi)])
                    if cid not in picked:
                        picked.append(cid)
            meeting_cases[mt.id] = picked
            review = next(a for a in agenda[mt.id] if a.kind == "case_review")
            case_links.extend({"agenda_item_id": review.id, "case_id": cid} for cid in picked)
        if case_links:
            s.execute(insert(agenda_item_case), case_links)

        # --- resolutions, tasks, updates
        street_key = "street"
        resolutions = []
        res_meta = []
        for mt in meetings:
            mdate = mt.starts_at.date()
            for num in range(1, py.randint(1, 3) + 1):
                owner_key = py.choice(CURRENT_MEMBER_UNITS) if py.random() < 0.7 else street_key
                owner = self.units[owner_key]
                item = py.choice(agenda[mt.id][1:]) if len(agenda[mt.id]) > 1 else agenda[mt.id][0]
                deadline = mdate + dt.timedelta(weeks=py.randint(2, 8))
                text = self._resolution_text(item, owner, deadline)
                if deadline < self.today - dt.timedelta(days=30):
                    r = py.random()
                    status = (
                        "done"
                        if r < 0.85
                        else ("cancelled" if r < 0.88 else py.choice(("open", "in_progress")))
                    )
                elif deadline < self.today:
                    status = py.choices(("done", "in_progress", "ready_to_verify", "open"), (60, 25, 10, 5))[
                        0
                    ]
                else:
                    status = py.choices(("in_progress", "open", "ready_to_verify", "done"), (50, 35, 10, 5))[
                        0
                    ]
                completed = None
                reason = ""
                if status in ("done", "ready_to_verify"):
                    if py.random() < 0.85:
                        completed = deadline - dt.timedelta(days=py.randint(0, 10))
                    else:
                        completed = deadline + dt.timedelta(days=py.randint(1, 20))
                        reason = py.choice(
                            ("涉及多部门协调，进度滞后", "施工受天气影响延误", "资金审批流程较长")
                        )
                    completed = max(mdate + dt.timedelta(days=3), min(completed, self.today))
                elif status in ("open", "in_progress") and deadline < self.today and py.random() < 0.6:
                    reason = py.choice(
                        ("需上级部门审批，尚未批复", "群众意见不统一，正在协调", "资金尚未到位")
                    )
                verified = None
                if status == "done" and completed is not None:
                    nxt = [m for m in meetings if m.starts_at.date() > completed]
                    verified = nxt[0].id if nxt else None
                    if verified is None:
                        status = "ready_to_verify"
                res = Resolution(
                    meeting_id=mt.id,
                    agenda_item_id=item.id,
                    number=num,
                    text=text,
                    owner_unit_id=owner.id,
                    deadline=deadline,
                    status=status,
                    completed_on=completed,
                    verified_meeting_id=verified,
                    overdue_reason=reason,
                )
                resolutions.append(res)
                res_meta.append((res, mt, item, owner_key))
        self._add(s, resolutions)
        self.n_resolutions = len(resolutions)
        co_rows, rc_rows, ra_rows = [], [], []
        tasks, task_meta = [], []
        for res, mt, item, owner_key in res_meta:
            if py.random() < 0.3:
                co = py.choice([k for k in CURRENT_MEMBER_UNITS if k != owner_key])
                co_rows.append({"resolution_id": res.id, "unit_id": self.units[co].id})
            if item.kind == "case_review" and meeting_cases.get(mt.id):
                rc_rows.extend({"resolution_id": res.id, "case_id": cid} for cid in meeting_cases[mt.id][:3])
            if item.kind == "pairing_review":
                pool = self.agreement_items.get(mt.starts_at.year, [])
                for it in py.sample(pool, min(len(pool), py.randint(1, 2))):
                    ra_rows.append({"resolution_id": res.id, "item_id": it.id})
            mdate = mt.starts_at.date()
            for k in range(py.randint(1, 3)):
                t_deadline = min(res.deadline, mdate + dt.timedelta(days=7 * (k + 1) + py.randint(0, 7)))
                if res.status in ("done", "ready_to_verify"):
                    t_status, pct, done_on = (
                        "done",
                        100,
                        min(res.completed_on or self.today, t_deadline + dt.timedelta(days=py.randint(0, 5))),
                    )
                    done_on = max(done_on, mdate)
                elif res.status == "cancelled":
                    t_status, pct, done_on = "cancelled", py.choice((0, 30)), None
                elif res.status == "in_progress":
                    t_status = (
                        py.choice(("in_progress", "done")) if t_deadline < self.today else "in_progress"
                    )
                    pct = 100 if t_status == "done" else py.choice((20, 40, 50, 60, 80))
                    done_on = min(t_deadline, self.today) if t_status == "done" else None
                else:
                    t_status, pct, done_on = "open", 0, None
                t = Task(
                    resolution_id=res.id,
                    title=TASK_TITLES[(k + res.id) % len(TASK_TITLES)],
                    owner_unit_id=res.owner_unit_id,
                    assignee=self.names.one(unique=False),
                    deadline=t_deadline,
                    status=t_status,
                    progress_pct=pct,
                    done_on=done_on,
                    overdue_reason=res.overdue_reason
                    if t_status != "done" and t_deadline < self.today
                    else "",
                )
                tasks.append(t)
                task_meta.append((t, mdate))
        if co_rows:
            s.execute(insert(resolution_co_unit), co_rows)
        if rc_rows:
            s.execute(insert(resolution_case), rc_rows)
        if ra_rows:
            s.execute(insert(resolution_agreement_item), ra_rows)
        self._add(s, tasks)
        updates = []
        for t, mdate in task_meta:
            if t.progress_pct == 0:
                continue
            end = t.done_on or min(self.today, t.deadline + dt.timedelta(days=14))
            start = mdate + dt.timedelta(days=2)
            steps = sorted({min(t.progress_pct, p) for p in (30, 60, t.progress_pct)})[: py.randint(1, 3)]
            if steps[-1] != t.progress_pct:
                steps.append(t.progress_pct)
            for k, p in enumerate(steps):
                day = start + (max(end, start) - start) * (k + 1) // len(steps)
                at = dt.datetime.combine(min(day, self.today), dt.time(py.randint(9, 17), py.randint(0, 59)))
                updates.append(
                    TaskUpdate(
                        task_id=t.id,
                        at=min(at, self.now),
                        by=t.assignee,
                        progress_pct=p,
                        note="已完成" if p == 100 else f"已完成{p}%，正在推进",
                    )
                )
        self._add(s, updates)

        # --- minutes (canonical JSON of the structured record) for each past meeting
        unit_name = {u.id: u.name for u in self.units.values()}
        minutes, revs = [], []
        res_by_meeting: dict[int, list[Resolution]] = {}
        for res in resolutions:
            res_by_meeting.setdefault(res.meeting_id, []).append(res)
        for mt in meetings:
            mi = Minutes(meeting_id=mt.id, status="approved" if mt.status == "approved" else "draft")
            minutes.append(mi)
        self._add(s, minutes)
        for mt, mi in zip(meetings, minutes, strict=True):
            att = attendance[mt.id]
            record = {
                "title": f"{mt.title}纪要",
                "meeting": {
                    "kind": mt.kind,
                    "starts_at": mt.starts_at.isoformat(sep=" "),
                    "ended_at": mt.ended_at.isoformat(sep=" ") if mt.ended_at else None,
                    "place": mt.place,
                    "chair": mt.chair,
                    "recorder": mt.recorder,
                },
                "attendance": {
                    "present": [a.person_name for a in att if a.status == "present"],
                    "excused": [
                        {"name": a.person_name, "delegate": a.delegate_name}
                        for a in att
                        if a.status == "excused"
                    ],
                    "absent": [a.person_name for a in att if a.status == "absent"],
                    "observer": [a.person_name for a in att if a.status == "observer"],
                },
                "agenda": [
                    {"position": a.position, "kind": a.kind, "title": a.title, "notes": a.notes}
                    for a in agenda[mt.id]
                ],
                "resolutions": [
                    {
                        "number": r.number,
                        "text": r.text,
                        "owner": unit_name[r.owner_unit_id],
                        "deadline": r.deadline.isoformat(),
                    }
                    for r in res_by_meeting.get(mt.id, [])
                ],
            }
            created = min(mt.ended_at + dt.timedelta(days=1), self.now)  # type: ignore[operator]
            approved = mi.status == "approved"
            revs.append(
                MinutesRevision(
                    minutes_id=mi.id,
                    number=1,
                    content=canonical_json(record),
                    reason="初稿",
                    created_by=mt.recorder,
                    created_at=created,
                    approved_by=mt.chair if approved else None,
                    approved_at=min(created + dt.timedelta(days=3), self.now) if approved else None,
                )
            )
        seal_in_order(revs)  # approved minutes join the SHA-256 chain, in approval order
        self._add(s, revs)

    def _resolution_text(self, item: AgendaItem, owner: ResidentUnit, deadline: dt.date) -> str:
        py = self.py
        who = owner.short_name or owner.name
        by = f"{deadline.month}月{deadline.day}日前"
        if item.kind == "case_review":
            road = py.choice(ROADS)
            minor = py.choice([m for _a, m, *_ in CATEGORIES[:20]])
            return f"由{who}牵头，对{road}沿线{minor}问题开展集中整治，{by}完成并报送整改情况。"
        if item.kind == "follow_up":
            return f"对上次会议逾期未完成的议定事项，由{who}书面说明原因，{by}整改到位。"
        if item.kind == "pairing_review":
            return f"由{who}对接结对单位，推进四联四定协议事项落实，{by}报送进展。"
        if item.kind == "unit_report":
            return f"{who}认领“{py.choice(NEEDS)[0]}”项目，{by}完成。"
        if item.kind == "proposal":
            return f"{item.title}：由{who}牵头制定工作方案，{by}提交街道党工委。"
        return f"由{who}负责落实，{by}完成。"

    def _users(self, s: Session) -> None:
        users = [
            AppUser(
                username="shuji",
                display_name=self.secretary.name,
                role="secretary",
                unit_id=self.units["street"].id,
            )
        ]
        for i, key in enumerate(CURRENT_MEMBER_UNITS[:3]):
            m = next(x for x in self.members if x.unit_id == self.units[key].id)
            users.append(
                AppUser(
                    username=f"weiyuan{i + 1}", display_name=m.name, role="member", unit_id=self.units[key].id
                )
            )
        users.append(AppUser(username="chakan", display_name="查看账号", role="viewer"))
        self._add(s, users)
