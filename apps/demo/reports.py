"""
Months of reports for the demo street: submitted through every channel, handled, rated, reopened,
merged, rejected and escalated as the portal itself would have done it.

Each report's life is played to its end from one random.Random(seed) in a fixed order, then cut at
the present: what lies ahead is dropped, so recent reports are open in whatever state they would
be in now. Routes, deadlines and 督办 entries follow routing.py and supervision.py; the rows go in
with bulk inserts, since a service call per report would take minutes.
"""

import itertools
import math
import random
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import Residency
from apps.hotline.models import CityOrder
from apps.places.models import Department, ManagedCompound, ManagementUnit, Place, depth_of
from apps.places.services import street_departments_ensure
from apps.reports.desk import RETURNS_TO_STREET_DESK
from apps.reports.lifecycle import LIFECYCLE, Status
from apps.reports.models import (
    ActorKind,
    Board,
    Category,
    HandlerKind,
    RatedBy,
    Report,
    ReturnVisit,
    Supervision,
    TimelineEvent,
)
from apps.reports.routing import TRACKING_ALPHABET, Deadlines, Route, deadlines_for
from apps.reports.supervision import RULES

from .plan import SEED, SMALL, Size

BATCH = 1_000
HISTORY = {SMALL: {"months": 2, "per_day": 5}}
FAR = datetime.max.replace(tzinfo=UTC)
STEP = Place.steplen
COMPOUND_DEPTH, BUILDING_DEPTH, UNIT_DEPTH = (depth_of(k) for k in ("compound", "building", "unit"))

SOURCES = {"qr": 0.68, "web": 0.08, "patrol": 0.1, "on_behalf": 0.05, "hotline": 0.09}
HOURS = [0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 8, 8, 6, 4, 4, 5, 6, 6, 6, 6, 7, 7, 5, 3, 1.5]
WEEKDAYS = [1.15, 1.05, 1.0, 1.0, 0.95, 0.9, 0.9]
MONTHS = {1: 0.8, 2: 0.75, 7: 1.12, 8: 1.12}
HOLIDAYS = {(10, day) for day in range(1, 8)}
ADOPTION = (0.85, 1.1)  # more people scan the boards as word gets round

# How often each problem comes up, relative to one another; a category not named here counts 1.
FREQUENCY = {
    "env.garbage-overflow": 6,
    "env.corridor-clutter": 7,
    "env.flyers": 3,
    "env.bulky-waste": 4,
    "env.public-cleaning": 3,
    "env.waste-sorting": 3,
    "env.street-vending": 1.5,
    "property.attitude": 1.5,
    "property.fee-dispute": 1.5,
    "property.slow-repair": 3,
    "property.gate-security": 1.5,
    "property.public-income": 0.5,
    "property.outage": 1.5,
    "property.heating": 4,
    "facility.elevator-fault": 3,
    "facility.elevator-trapped": 0.5,
    "facility.stair-light": 5,
    "facility.unit-door": 4,
    "facility.drain-blocked": 3,
    "facility.roof-leak": 2,
    "facility.road-damage": 2,
    "parking.occupied-space": 4,
    "parking.ground-lock": 2,
    "parking.zombie-car": 1.5,
    "parking.bike-clutter": 4,
    "parking.roadside": 2,
    "parking.charging": 2,
    "greenery.tree-pruning": 2,
    "greenery.fallen-tree": 0.7,
    "greenery.pests": 1.5,
    "safety.flying-wire": 4,
    "safety.fire-lane": 2.5,
    "safety.fire-equipment": 1.5,
    "safety.group-rental": 0.8,
    "neighbour.pets": 2.5,
    "neighbour.renovation-noise": 2.5,
    "neighbour.square-dance": 1.5,
    "neighbour.leak-dispute": 2,
    "neighbour.common-space": 1.5,
    "service.hardship": 0.5,
    "service.stray-animals": 1.5,
    "service.consultation": 1.5,
    "service.suggestion": 1.5,
}
# By month; a month not named counts 1 (heating: the season opens on 15 November).
SEASONS = {
    "property.heating": ({10: 0.3, 11: 4, 12: 6, 1: 6, 2: 5, 3: 3}, 0.05),
    "greenery.pests": ({4: 4, 5: 4, 6: 2, 7: 1.5, 8: 1.5}, 0.3),
    "greenery.tree-pruning": ({5: 1.5, 6: 2, 7: 2, 8: 2, 9: 1.5}, 0.5),
    "greenery.fallen-tree": ({6: 2, 7: 3, 8: 3}, 0.5),
    "greenery.lawn-care": ({5: 1.5, 6: 2, 7: 2, 8: 2, 9: 1}, 0.3),
    "neighbour.square-dance": ({5: 2, 6: 2.5, 7: 2.5, 8: 2.5, 9: 2, 10: 1}, 0.3),
    "facility.drain-blocked": ({7: 2.5, 8: 2.5}, 1),
    "facility.roof-leak": ({6: 2, 7: 4, 8: 3}, 0.5),
    "safety.flying-wire": ({11: 1.5, 12: 1.6, 1: 1.6, 2: 1.4}, 1),
    "env.garbage-overflow": ({7: 1.5, 8: 1.5, 10: 1.3}, 1),
    "neighbour.renovation-noise": ({3: 1.5, 4: 1.5, 5: 1.5, 9: 1.3, 10: 1.3}, 1),
}
# Hot spots: an old compound full of clutter and e-bikes charged from windows, and one short of parking.
THEMES = [
    {
        "env.corridor-clutter": 6,
        "safety.flying-wire": 6,
        "parking.bike-clutter": 3,
        "safety.wiring": 3,
        "facility.stair-light": 2,
        "safety.fire-lane": 2,
        "facility.drain-blocked": 2,
    },
    {
        "parking.occupied-space": 6,
        "parking.ground-lock": 6,
        "parking.roadside": 4,
        "parking.zombie-car": 3,
        "safety.fire-lane": 3,
        "parking.fee-gate": 2,
    },
]
SURGE = ("safety.flying-wire", 12, timedelta(days=14))  # one compound's rise, for the early warnings

REJECTED, RETURNED, DUPLICATE, STUBBORN, NIGHT_DUTY = 0.025, 0.06, 0.7, 0.08, 0.45
REVIEWED, REVIEW_FAILS = 0.25, 0.08
# 回访: staff call back most residents who left a report unrated past the waiting days
VISITED = 0.7
VISIT_AFTER = timedelta(days=settings.REPORT_RETURN_VISIT_AFTER_DAYS)
UNRATED_CLOSE = timedelta(days=settings.REPORT_CLOSE_UNRATED_AFTER_DAYS)
# dispatched by hand to another department than the category's handler; returned twice, up to the desk
BY_HAND, TO_THE_DESK, AT_THE_DESK_NOW = 0.04, 0.02, timedelta(days=2)
RESPONDING = frozenset(t.name for t in LIFECYCLE if "responded_at" in t.first_stamps)

TEXTS = {
    "env.garbage-overflow": [
        "{where}门口的垃圾桶已经满了，垃圾堆到地上，{when}一直没人清运，味道很大。",
        "{compound}西门垃圾站的桶全满了，周边散落很多垃圾袋，野猫翻得到处都是。",
        "厨余垃圾桶{days}天没清了，天热有臭味，还招苍蝇。",
    ],
    "env.waste-sorting": [
        "{where}旁边的桶站只有其他垃圾桶，没有厨余垃圾桶，大家只能混着扔。",
        "桶站的分类标识掉了，指导员{when}也不在，很多人混投。",
    ],
    "env.corridor-clutter": [
        "{where}{floor}层楼道里堆了很多纸箱和旧家具，已经堆了{days}天，晚上走路容易磕碰，也有火灾隐患。",
        "{where}楼梯间有人放了旧沙发和几辆坏自行车，楼道只剩一个人能过。",
        "{where}{floor}楼住户在楼道里堆了几十个泡沫箱和废品，说了好几次都不清。",
        "楼道里堆放的杂物越来越多，{where}一楼到三楼都有，老人上下楼很不方便。",
    ],
    "env.flyers": [
        "{where}单元门和楼道墙上贴满了开锁、通下水道的小广告，刚刷过的墙又被贴了。",
        "电梯轿厢里贴了很多小广告，还有喷涂的电话号码。",
    ],
    "env.bulky-waste": [
        "{where}门口堆了一堆装修渣土和旧瓷砖，{days}天了没人拉走，下雨后满地泥。",
        "有人把旧床垫和破沙发扔在{where}旁边的绿地上，占了半条路。",
    ],
    "env.public-cleaning": [
        "{compound}中心花园的地面好久没扫了，落叶和烟头很多。",
        "{where}楼道地面很脏，楼梯扶手上都是灰，保洁好像{days}天没来了。",
    ],
    "env.illegal-construction": ["{where}一楼住户在窗外私自搭了一个彩钢板棚子，占了公共绿地。"],
    "env.street-vending": [
        "{compound}北门外每天傍晚都有摆摊卖菜卖水果的，把路口都堵住了。",
        "小区门口的早点摊占道经营，油烟大，地上都是油污。",
    ],
    "property.attitude": [
        "去物业办公室报修，工作人员态度很不耐烦，说了半天也不给登记。",
        "物业客服电话{when}打了好几次都没人接。",
    ],
    "property.fee-dispute": [
        "今年物业费突然涨价，没有提前公示，也没说明理由，想问问依据是什么。",
        "物业要求先交清物业费才给办门禁卡，这样合理吗？",
    ],
    "property.slow-repair": [
        "{days}天前在物业报修了厨房水管漏水，到现在还没人上门看。",
        "{where}楼道的窗户玻璃碎了，报修一周了还没换，风很大。",
    ],
    "property.gate-security": [
        "小区大门门岗{when}经常没人，外来车辆和人员随便进出。",
        "外卖和快递电动车在小区里骑得飞快，保安也不管，差点撞到孩子。",
    ],
    "property.outage": [
        "{where}从{when}开始停水了，也没看到通知，什么时候能恢复？",
        "{where}突然停电，整个单元都没电，电梯也停了。",
    ],
    "property.heating": [
        "{where}{floor}层家里暖气不热，室温只有十五六度，老人孩子受不了。",
        "暖气片上热下凉，可能需要排气，麻烦安排人来看看。",
        "已经正式供暖了，{where}这几户的暖气还是凉的。",
    ],
    "facility.elevator-fault": [
        "{where}电梯{when}经常停在{floor}楼不动，按钮没反应。",
        "{where}电梯运行时有异响，还会突然抖一下，大家都不敢坐。",
    ],
    "facility.elevator-trapped": ["{where}电梯困人了！电梯停在两层之间，里面有老人和孩子，请赶快来人！"],
    "facility.stair-light": [
        "{where}{floor}楼楼道灯不亮了，晚上上下楼一片漆黑，老人容易摔倒。",
        "{where}整个单元的声控灯都坏了，跺脚也不亮，已经{days}天了。",
    ],
    "facility.unit-door": [
        "{where}单元门的门禁坏了，门一直关不上，陌生人随便进。",
        "{where}单元门闭门器坏了，门关的时候砸得很响，还夹过孩子的手。",
        "{where}门禁刷卡没反应，只能等别人开门。",
    ],
    "facility.drain-blocked": [
        "{where}一楼下水道堵了，污水从地漏往上返，屋里都是臭味。",
        "{where}门口的雨水井堵了，一下雨就积水，过不去人。",
    ],
    "facility.roof-leak": ["{where}顶楼漏雨，{when}下雨后天花板往下滴水，墙皮都泡掉了。"],
    "facility.road-damage": [
        "{where}前面的路面塌了一个坑，晚上看不清，已经有人骑车摔倒了。",
        "小区主路的地砖松动翘起，下雨一踩就溅水。",
    ],
    "parking.occupied-space": [
        "我的固定车位被一辆外来车辆占了，车上没留电话，{when}都停在这儿。",
        "{where}楼下每天晚上都停满车，自家车位经常被占。",
        "小区车位不够，有人长期占两个车位，希望物业管一管。",
    ],
    "parking.ground-lock": [
        "{where}楼下公共区域有人私装了地锁，占了公共车位。",
        "有住户在楼前私装了好几个地锁，还用铁链子拦着，别人没法停。",
    ],
    "parking.zombie-car": ["{where}旁边停着一辆落满灰的旧车，轮胎都瘪了，半年多没动过。"],
    "parking.bike-clutter": [
        "{where}单元门口电动车和自行车乱停，把门口堵死了，轮椅都过不去。",
        "车棚里堆满了没人骑的破自行车，新车根本放不进去。",
    ],
    "parking.roadside": ["{compound}门口马路两边停满了车，早晚高峰出不去，救护车也进不来。"],
    "parking.charging": [
        "小区里没有电动车充电桩，大家只好从楼上拉电线下来充电，希望能装几个充电桩。",
        "希望在{where}附近的车棚加装电动自行车充电设施。",
    ],
    "greenery.tree-pruning": ["{where}窗前的大树枝太密，挡住了家里的阳光，还有树枝快碰到电线了。"],
    "greenery.dead-replant": ["{compound}中心绿地的草坪死了一大片，只剩黄土，希望补种。"],
    "greenery.fallen-tree": ["昨晚大风把{where}旁边一棵树刮断了，树枝压在路上，过不去。"],
    "greenery.lawn-care": ["{where}前面的绿地杂草长得半人高，蚊子特别多。"],
    "greenery.vegetable-plots": ["有住户把{where}前面的绿地刨了种菜，还堆了肥料，味道很大。"],
    "greenery.pests": [
        "最近杨柳絮特别多，{where}门口飘得到处都是，有过敏的孩子不敢出门。",
        "{where}前面的树上有很多虫子，掉到路上和车上，希望打药。",
    ],
    "safety.flying-wire": [
        "{where}{floor}楼有住户从窗户拉电线下来给电动车充电，电线挂在半空，很危险。",
        "{where}楼道里有人把电动车推进来充电，插线板就放在楼梯上，担心起火。",
        "{when}又看到有人从{floor}楼飞线充电，电线垂在单元门口，孩子都会碰到。",
    ],
    "safety.fire-lane": [
        "{compound}的消防通道被私家车堵住了，{when}都有车停在那儿，真着火了消防车进不来。",
        "{where}楼梯间堆满杂物，消防通道被完全堵死。",
    ],
    "safety.fire-equipment": ["{where}楼道的灭火器过期了，消防栓箱里的水带也不见了。"],
    "safety.manhole": ["{where}门口的井盖破了一个洞，晚上很容易踩空，先用砖头围了一下。"],
    "safety.falling-objects": [
        "{where}外墙的瓷砖有几块松动了，刮风时往下掉，下面是人行道。",
        "{where}{floor}楼阳台上放着花盆，没有护栏，担心掉下来砸到人。",
    ],
    "safety.wiring": ["{where}楼道里的电线老化裸露，线槽盖都掉了，还有私拉的网线。"],
    "safety.group-rental": ["{where}{floor}层一套房子住了十几个人，像是群租，进出人员很杂，半夜还很吵。"],
    "neighbour.pets": [
        "{where}有住户养的狗每天晚上叫到很晚，敲门沟通过也没用。",
        "小区里遛狗不拴绳，狗粪也不清理，{where}门口到处都是。",
    ],
    "neighbour.renovation-noise": ["{where}{floor}楼在装修，中午和周末也在电钻施工，家里有老人休息不了。"],
    "neighbour.square-dance": ["{compound}中心广场每天晚上跳广场舞，音响声音特别大，到九点多还不停。"],
    "neighbour.leak-dispute": ["楼上住户家卫生间漏水，渗到我家{floor}层的天花板，联系楼上一直不在家。"],
    "neighbour.shop-noise": ["{compound}底商的空调外机噪音很大，晚上吵得睡不着。"],
    "neighbour.common-space": ["{where}有住户把楼道公共区域封起来当自家储物间，还装了门锁。"],
    "neighbour.mediation": ["和楼上邻居因为漏水赔偿的事谈不拢，希望社区出面调解。"],
    "service.elderly": ["{where}{floor}楼住着一位独居老人，腿脚不方便，最近好几天没见下楼，希望社区去看看。"],
    "service.hardship": ["家里老人重病住院，经济上有困难，想咨询社区有没有临时救助。"],
    "service.stray-animals": ["{compound}里最近流浪狗很多，晚上成群地叫，还追过放学的孩子。"],
    "service.activity-space": ["希望社区活动室周末也能开放，现在老年人下棋打牌都没地方。"],
    "service.consultation": ["想咨询一下办理居住证明需要带什么材料，去社区要提前预约吗？"],
    "service.suggestion": ["建议在{compound}增加几个休息座椅，老人遛弯走累了没地方坐。"],
}
GENERIC = [
    "{where}这边{name}的问题已经{days}天了，麻烦尽快处理。",
    "反映一下{name}：{where}这边情况比较严重，希望有人来看看。",
]
WHEN = ["这几天", "每天晚上", "今天早上", "最近一周", "周末"]
ENDINGS = ["", "", "", "谢谢！", "麻烦尽快处理。", "已经不是第一次反映了。"]
RESOLVED = {
    "env": ["已安排保洁人员清理，现场已恢复整洁。", "已联系住户限期清理，逾期杂物按无主物清运。"],
    "property": ["已与居民电话沟通并说明情况，问题已处理。", "已安排维修人员上门，恢复正常。"],
    "facility": ["维修人员已到场更换损坏部件，已恢复使用。", "已联系维保单位检修，运行正常。"],
    "parking": [
        "已张贴告知单并联系车主挪车。",
        "已拆除私装地锁，恢复公共车位。",
        "已清理无主车辆，重新划线规范停放。",
    ],
    "greenery": ["已安排园林养护人员处理，枝叶已清运。", "已补种并设置围挡养护。"],
    "safety": ["已入户劝导并拆除飞线，告知住户到集中充电点充电。", "已清理通道并张贴警示标识。"],
    "neighbour": ["社区工作人员已上门沟通，双方达成一致。", "已联系相关住户，承诺注意时间，后续持续关注。"],
    "service": ["已电话回复居民并说明办理流程。", "社区工作人员已上门走访，已对接相关服务。"],
}
NOTES = {
    "reject": [
        "经核实不属于社区和物业的职责范围，已告知居民拨打12345反映。",
        "经现场核实，未发现所反映的问题。",
        "地点描述不清，电话联系未接通，请补充具体位置后重新提交。",
    ],
    "return": ["该问题不属于物业服务范围，请社区重新派单。", "经核实该位置不在本物业管理范围内。"],
    "redispatch": ["已改派社区处理。"],
    "by_hand": ["经核实属{department}职责，改派{department}处理。"],
    "department_return": ["经核实不属于本科室职责，请重新派单。"],
    "desk": ["两次退单，街道派单台改派社区牵头处理。"],
    "reopened": ["居民反映问题未解决，重新派单。"],
    "fail_review": ["复查发现问题未彻底解决，重新处理。"],
    "satisfied": ["", "处理很及时，谢谢！", "满意，辛苦了。"],
    "basic": ["", "解决了，就是时间有点长。"],
    "unsatisfied": ["问题还是没解决。", "只是临时处理了一下，过两天又这样了。"],
}
ELDERS = ("王奶奶", "李大爷", "张阿姨", "刘爷爷", "陈奶奶", "赵大爷", "杨阿姨", "周奶奶")


@dataclass(frozen=True)
class Spot:
    """Where a report is made: a unit door (with its board), a building or a compound."""

    place_id: int
    path: str
    label: str
    board_id: int | None = None


@dataclass
class Compound:
    pk: int
    path: str
    name: str
    community_id: int
    unit: ManagementUnit | None
    spot: Spot
    buildings: list[tuple[Spot, list[Spot]]] = field(default_factory=list)
    building_weights: list[float] = field(default_factory=list)
    residents: list[tuple[int, Spot]] = field(default_factory=list)
    grid_workers: list[int] = field(default_factory=list)
    heads: list[tuple[int, int]] = field(default_factory=list)  # (user, index into buildings)
    weight: float = 1.0
    theme: dict[str, float] = field(default_factory=dict)


@dataclass
class Step:
    action: str
    status: str
    kind: str
    at: datetime
    actor: int | None = None
    note: str = ""
    route: Route | None = None
    rating: tuple[str, bool] | None = None
    channel: str = ""  # who rated: the resident, or staff on a return visit


@dataclass
class Draft:
    created_at: datetime
    compound: Compound
    spot: Spot
    category: Category
    source: str
    tracking_number: str
    department: Department | None = None  # the street department a street category names
    description: str = ""
    reporter: int | None = None
    entered_by: int | None = None
    kind: str = ActorKind.RESIDENT
    contact_phone: str = ""
    on_behalf_of: str = ""
    external_reference: str = ""
    original: "Draft | None" = None
    steps: list[Step] = field(default_factory=list)
    supervisions: list[tuple[datetime, str, int, datetime]] = field(default_factory=list)
    report: Report | None = None

    @property
    def route(self) -> Route:
        """routing.default_route, from the compound's management unit read once for the street."""
        category = self.category
        if category.handler == HandlerKind.STREET:
            return Route(HandlerKind.STREET, department=self.department)
        if category.handler == HandlerKind.PROPERTY and self.compound.unit is not None:
            return Route(HandlerKind.PROPERTY, management_unit=self.compound.unit)
        return Route(HandlerKind.COMMUNITY)

    @property
    def deadlines(self) -> Deadlines:
        return deadlines_for(
            category=self.category, urgent=self.category.urgent, submitted_at=self.created_at
        )


def history_for(size: Size) -> dict[str, int]:
    """The history's length and volume for a street of this size: short and thin for the test street."""
    return HISTORY.get(size, {})


def demo_reports(
    *, street: Place, months: int = 6, per_day: int = 60, seed: int = SEED, now: datetime | None = None
) -> int:
    """Write the street's report history up to `now`; returns how many reports were written."""
    now = now or timezone.now()
    rng = random.Random(seed)
    town = Town(street, rng, since=now - timedelta(days=31 * months + 1))
    drafts = town.submissions(now, months, per_day)
    town.mark_duplicates(drafts)
    life = Life(rng, town, now=now)
    kept = []
    for draft in drafts:
        life.play(draft)
        if draft.created_at <= now:
            life.cut(draft, now)
            kept.append(draft)
    _write(kept)
    _count_scans(rng, kept)
    return len(kept)


class Town:
    """The street as the history needs it: compounds, doors and boards, and who works where."""

    def __init__(self, street: Place, rng: random.Random, *, since: datetime):
        self.rng = rng
        self.tz = timezone.get_current_timezone()
        self.compounds = self._compounds(street)
        minors = Category.objects.filter(parent__isnull=False, is_active=True).select_related("parent")
        self.categories = list(minors.order_by("code"))
        named = sorted({c.street_department for c in self.categories if c.street_department})
        self.departments = {d.name: d for d in street_departments_ensure(street=street, names=named)}
        self._people(street)
        self._hot_spots()
        recent = Report.objects.filter(created_at__gte=since)
        self.taken = set(recent.values_list("tracking_number", flat=True))
        self._weights: dict[tuple, list[float]] = {}

    def _compounds(self, street: Place) -> list[Compound]:
        managed = ManagedCompound.objects.filter(compound__path__startswith=street.path).select_related(
            "unit"
        )
        units = {m.compound_id: m.unit for m in managed}
        boards = dict(
            Board.objects.filter(
                place__path__startswith=street.path, spot=Board.Spot.UNIT_DOOR, revoked_at=None
            )
            .order_by("-pk")
            .values_list("place_id", "pk")
        )
        rows = (
            Place.objects.filter(path__startswith=street.path, depth__lte=UNIT_DEPTH)
            .order_by("path")
            .values_list("pk", "path", "depth", "name")
        )
        communities, self.by_path = {}, {}
        for pk, path, depth, name in rows:
            if depth == COMPOUND_DEPTH - 1:
                communities[path] = pk
            elif depth == COMPOUND_DEPTH:
                spot = Spot(pk, path, name)
                self.by_path[path] = Compound(pk, path, name, communities[path[:-STEP]], units.get(pk), spot)
            elif depth == BUILDING_DEPTH:
                self.by_path[path[:-STEP]].buildings.append((Spot(pk, path, name), []))
            elif depth == UNIT_DEPTH:
                building, doors = self.by_path[path[: -2 * STEP]].buildings[-1]
                doors.append(Spot(pk, path, f"{building.label}{name}", boards.get(pk)))
        for compound in self.by_path.values():
            compound.buildings = [(building, doors) for building, doors in compound.buildings if doors]
        return [c for c in self.by_path.values() if c.buildings]

    def _people(self, street: Place) -> None:
        staff = defaultdict(list)
        scoped = Q(place__path__startswith=street.path) | Q(management_unit__street=street)
        assignments = RoleAssignment.objects.active().filter(scoped).order_by("pk")
        for user, role, path, unit in assignments.values_list(
            "user_id", "role", "place__path", "management_unit_id"
        ):
            staff[role, unit or path].append(user)
        self.community_staff = {
            c.community_id: staff[Role.COMMUNITY_STAFF, c.path[:-STEP]] for c in self.compounds
        }
        self.property_staff = {key[1]: users for key, users in staff.items() if key[0] == Role.PROPERTY_STAFF}
        self.officials = staff[Role.STREET_OFFICIAL, street.path]
        self.department_staff = defaultdict(list)
        in_departments = RoleAssignment.objects.active().filter(department__place=street).order_by("pk")
        for user, department in in_departments.values_list("user_id", "department_id"):
            self.department_staff[department].append(user)
        for compound in self.compounds:
            compound.grid_workers = staff[Role.GRID_WORKER, compound.path]
            for index, (building, _) in enumerate(compound.buildings):
                compound.heads += [(user, index) for user in staff[Role.BUILDING_HEAD, building.path]]
        doors = {door.path: door for c in self.compounds for _, ds in c.buildings for door in ds}
        verified = Residency.objects.filter(
            status=Residency.Status.VERIFIED, household__path__startswith=street.path
        )
        for user, path in verified.order_by("pk").values_list("user_id", "household__path"):
            door = doors.get(path[: STEP * UNIT_DEPTH])
            if door is not None:
                self.by_path[path[: STEP * COMPOUND_DEPTH]].residents.append((user, door))

    def _hot_spots(self) -> None:
        rng = self.rng
        for compound in self.compounds:
            compound.weight = rng.lognormvariate(0, 0.35)
            compound.building_weights = [rng.lognormvariate(0, 0.5) for _ in compound.buildings]
        hot = rng.sample(self.compounds, min(len(self.compounds), max(2, len(self.compounds) // 10)))
        for index, compound in enumerate(hot):
            compound.weight = rng.uniform(5, 7)
            compound.theme = THEMES[index % len(THEMES)]
        calm = [c for c in self.compounds if c not in hot]
        self.surging = rng.choice(calm) if calm else None
        self.compound_weights = list(itertools.accumulate(c.weight for c in self.compounds))

    def submissions(self, now: datetime, months: int, per_day: int) -> list[Draft]:
        """Every report of the period's days, today's whole day included: `demo_reports` cuts at now."""
        today = now.astimezone(self.tz).date()
        days = [today - timedelta(days=n) for n in range(round(months * 30.44) - 1, -1, -1)]
        volume = [self._volume(day, n / max(len(days) - 1, 1)) for n, day in enumerate(days)]
        mean = sum(volume) / len(volume)
        surge_from = today - SURGE[2]
        drafts = []
        for day, factor in zip(days, volume, strict=True):
            expected = max(per_day * factor / mean * self.rng.gauss(1, 0.1), 0)
            count = int(expected) + (self.rng.random() < expected % 1)
            drafts += [self._draft(day, day >= surge_from) for _ in range(count)]
        return sorted(drafts, key=lambda d: d.created_at)

    def _volume(self, day: date, progress: float) -> float:
        if (day.month, day.day) in HOLIDAYS:
            return 0.75
        ramp = ADOPTION[0] + (ADOPTION[1] - ADOPTION[0]) * progress
        return WEEKDAYS[day.weekday()] * MONTHS.get(day.month, 1) * ramp

    def _draft(self, day: date, surging: bool) -> Draft:
        rng = self.rng
        hour = rng.choices(range(24), weights=HOURS)[0]
        local = datetime.combine(day, time(hour), tzinfo=self.tz) + timedelta(seconds=rng.uniform(0, 3600))
        created = local.astimezone(UTC)
        compound = self.compounds[bisect(self.compound_weights, rng.random() * self.compound_weights[-1])]
        category = rng.choices(self.categories, cum_weights=self._category_weights(compound, day, surging))[0]
        building = rng.choices(range(len(compound.buildings)), weights=compound.building_weights)[0]
        spot = rng.choice(compound.buildings[building][1])
        source = rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]
        draft = Draft(created, compound, spot, category, source, self._tracking(created))
        if category.handler == HandlerKind.STREET:
            draft.department = self.departments[category.street_department]
        self._channel(draft, building)
        draft.description = self._describe(draft)
        return draft

    def _category_weights(self, compound: Compound, day: date, surging: bool) -> list[float]:
        key = (compound.pk, day.month, surging and compound is self.surging)
        if key not in self._weights:
            weights = []
            for category in self.categories:
                months, otherwise = SEASONS.get(category.code, ({}, 1))
                weight = FREQUENCY.get(category.code, 1) * months.get(day.month, otherwise)
                weight *= compound.theme.get(category.code, 1)
                weights.append(weight * (SURGE[1] if key[2] and category.code == SURGE[0] else 1))
            self._weights[key] = list(itertools.accumulate(weights))
        return self._weights[key]

    def _channel(self, draft: Draft, building: int) -> None:
        """Who brought the report in and from where, as each channel allows; QR when a channel has no one."""
        rng, compound, source = self.rng, draft.compound, draft.source
        if source == Report.Source.WEB and compound.residents:
            draft.reporter, draft.spot = rng.choice(compound.residents)
        elif source == Report.Source.ON_BEHALF and compound.heads:
            draft.entered_by, building = rng.choice(compound.heads)
            draft.kind = ActorKind.BUILDING_HEAD
            draft.spot = rng.choice(compound.buildings[building][1])
            draft.on_behalf_of = (
                f"{rng.choice(ELDERS)} {building + 1}-{rng.randint(1, 6)}0{rng.randint(1, 2)}"
            )
        elif source == Report.Source.PATROL and compound.grid_workers:
            draft.entered_by, draft.kind = rng.choice(compound.grid_workers), ActorKind.GRID_WORKER
            draft.spot = compound.spot if rng.random() < 0.4 else compound.buildings[building][0]
        elif source == Report.Source.HOTLINE:
            draft.spot = compound.spot if rng.random() < 0.5 else compound.buildings[building][0]
            draft.external_reference = self._order_number(draft.created_at)
        else:
            draft.source = Report.Source.QR
            residents = [user for user, door in compound.residents if door == draft.spot]
            if residents and rng.random() < 0.25:
                draft.reporter = rng.choice(residents)
        if (
            draft.source in (Report.Source.QR, Report.Source.HOTLINE)
            and not draft.reporter
            and rng.random() < 0.55
        ):
            draft.contact_phone = f"+86139{rng.randrange(10**8):08d}"

    def _describe(self, draft: Draft) -> str:
        rng, category = self.rng, draft.category
        template = rng.choice(TEXTS.get(category.code, GENERIC))
        text = template.format(
            where=draft.spot.label,
            compound=draft.compound.name,
            name=category.name,
            floor=rng.randint(1, 6),
            days=rng.randint(2, 10),
            when=rng.choice(WHEN),
        )
        text += rng.choice(ENDINGS)
        if draft.source == Report.Source.PATROL:
            return f"巡查发现：{text}"
        if draft.source == Report.Source.HOTLINE:
            return f"市民来电反映：{text}"
        return text

    def _order_number(self, created: datetime) -> str:
        """A 12345 order number, once each (the city's numbers are unique)."""
        while True:
            number = f"12345-{created:%Y%m%d}{self.rng.randrange(10**6):06d}"
            if number not in self.taken:
                self.taken.add(number)
                return number

    def _tracking(self, created: datetime) -> str:
        """routing.new_tracking_number, drawn from the seeded generator."""
        while True:
            number = f"{created:%y%m%d}-" + "".join(self.rng.choices(TRACKING_ALPHABET, k=6))
            if number not in self.taken:
                self.taken.add(number)
                return number

    def mark_duplicates(self, drafts: list[Draft]) -> None:
        """A report of the same problem in the same building within three days may repeat the first."""
        first: dict[tuple[str, int], Draft] = {}
        for draft in drafts:
            key = (draft.spot.path[: STEP * BUILDING_DEPTH], draft.category.pk)
            original = first.get(key)
            fresh = original is not None and draft.created_at - original.created_at < timedelta(days=3)
            if not fresh:
                first[key] = draft
            elif self.rng.random() < DUPLICATE:
                draft.original = original


HANDLERS = {
    HandlerKind.PROPERTY: ActorKind.PROPERTY,
    HandlerKind.COMMUNITY: ActorKind.COMMUNITY,
    HandlerKind.STREET: ActorKind.STREET,
}


class Life:
    """Moves a report through lifecycle.TRANSITIONS as handlers, residents and the schedule would."""

    def __init__(self, rng: random.Random, town: Town, *, now: datetime):
        self.rng, self.town, self.now = rng, town, now
        self.desk = random.Random(SEED + 1)  # the dispatchers' choices, apart from the rest of the history
        self.pace = {("property", pk): rng.uniform(0.7, 1.8) for pk in sorted(town.property_staff)}
        self.pace |= {("community", pk): rng.uniform(0.8, 1.3) for pk in sorted(town.community_staff)}

    def play(self, draft: Draft) -> None:
        rng, route, t = self.rng, draft.route, draft.created_at
        submitter = draft.entered_by or draft.reporter
        draft.steps = [Step("submitted", Status.SUBMITTED, draft.kind, t, submitter)]
        t += timedelta(seconds=rng.uniform(0.05, 0.8))
        self.step(draft, "dispatch", ActorKind.SYSTEM, t, route=route)
        if draft.original is not None and draft.original.steps[-1].status == Status.REJECTED:
            draft.original = None  # a rejected report is no original to merge into: handled on its own
        if draft.original is not None:
            note = f"与{draft.original.tracking_number}反映的是同一问题，合并处理。"
            self._by_community(draft, "merge", self.at_work(t + self.minutes(120, 1)), note)
        elif rng.random() < REJECTED:
            at = self.at_work(t + self.minutes(60, 1))
            self._by_community(draft, "reject", at, rng.choice(NOTES["reject"]))
        else:
            chance = self.desk.random()
            if chance < TO_THE_DESK and route.handler_kind == HandlerKind.PROPERTY:
                route, t = self._up_to_the_desk(draft, route, t)
                if route is None:
                    return  # it waits at the street's dispatch desk
            elif chance < TO_THE_DESK + BY_HAND and route.handler_kind != HandlerKind.STREET:
                department = self.desk.choice(sorted(self.town.departments.values(), key=lambda d: d.pk))
                route = Route(HandlerKind.STREET, department=department)
                t = self._redispatch(draft, route, t, "by_hand", department=department.name)
            if route.handler_kind == HandlerKind.PROPERTY and rng.random() < RETURNED:
                t = self.respond(t, draft, route)
                note = rng.choice(NOTES["return"])
                self.step(draft, "return", ActorKind.PROPERTY, t, self.handler(draft, route), note)
                route = Route(HandlerKind.COMMUNITY)
                t = self._redispatch(draft, route, t, "redispatch")
            self._handle(draft, route, t)

    def _up_to_the_desk(self, draft: Draft, route: Route, t: datetime) -> tuple[Route | None, datetime]:
        """Returned by the property company, sent by hand to a department, returned again: at the street's
        dispatch desk, which sends it to the community — unless it came back too recently."""
        t = self.respond(t, draft, route)
        self.step(draft, "return", ActorKind.PROPERTY, t, self.handler(draft, route), NOTES["return"][0])
        department = self.desk.choice(sorted(self.town.departments.values(), key=lambda d: d.pk))
        route = Route(HandlerKind.STREET, department=department)
        t = self._redispatch(draft, route, t, "by_hand", department=department.name)
        t = self.at_work(t + self.minutes(60, 0.8))
        self.step(
            draft, "return", ActorKind.STREET, t, self.handler(draft, route), NOTES["department_return"][0]
        )
        if self.now - t < AT_THE_DESK_NOW:
            return None, t
        at = self.at_work(t + self.minutes(60, 0.8))
        official = self.desk.choice(self.town.officials) if self.town.officials else None
        route = Route(HandlerKind.COMMUNITY)
        self.step(draft, "dispatch", ActorKind.STREET, at, official, NOTES["desk"][0], route=route)
        return route, at

    def _handle(self, draft: Draft, route: Route, t: datetime) -> None:
        rng, kind = self.rng, HANDLERS[route.handler_kind]
        due = draft.deadlines.resolve_due
        for cycle in range(3):
            last, actor = cycle == 2, self.handler(draft, route)
            t = self.respond(t, draft, route)
            self.step(draft, "accept", kind, t, actor)
            if rng.random() < 0.6:
                t = self.at_work(t + self.minutes(40, 1))
                self.step(draft, "start", kind, t, actor)
            t = resolved = self.at_work(t + self._resolution(draft, route, cycle))
            note = rng.choice(RESOLVED.get(draft.category.parent.code, RESOLVED["service"]))
            self.step(draft, "resolve", kind, t, actor, note)
            review = self.at_work(t + self.minutes(300, 1))
            if draft.category.needs_review or (rng.random() < REVIEWED and review < resolved + UNRATED_CLOSE):
                t = review
                if not last and rng.random() < REVIEW_FAILS:
                    self._by_community(draft, "fail_review", t, NOTES["fail_review"][0])
                    t = self._redispatch(draft, route, t, "reopened")
                    continue
                self._by_community(draft, "review", t)
            asked = t  # the resident is asked to rate at the resolution, or at the check that follows it
            rating = self._rating(draft, resolved > due, cycle)
            at = max(self.awake(resolved + rating[2]), t + timedelta(minutes=5)) if rating else None
            action, actor, kind, channel = "rate", draft.reporter, ActorKind.RESIDENT, RatedBy.RESIDENT
            if at is None or at - asked >= VISIT_AFTER:
                at, rating = self._visit(draft, asked, resolved > due, cycle)
                action, kind = "visit", ActorKind.COMMUNITY
                actor = self.handler(draft, Route(HandlerKind.COMMUNITY))
                channel = rng.choice([RatedBy.PHONE, RatedBy.PHONE, RatedBy.PHONE, RatedBy.IN_PERSON])
            reopens = rating is not None and (rating[0] == Report.Satisfaction.UNSATISFIED or not rating[1])
            if at is None or (last and reopens):
                self.step(draft, "close", ActorKind.SYSTEM, _next_hour(asked + UNRATED_CLOSE))
                return
            satisfaction, solved, _ = rating
            note = rng.choice(NOTES[satisfaction]) if action == "rate" else _visit_note(channel, *rating[:2])
            rating = (satisfaction, solved)
            outcome = Status.REOPENED if reopens else None
            self.step(draft, action, kind, at, actor, note, rating=rating, outcome=outcome, channel=channel)
            if reopens:
                t = self._redispatch(draft, route, at, "reopened")
                continue
            self._by_community(draft, "close", self.at_work(at + self.minutes(240, 1)))
            return

    def _rating(self, draft: Draft, late: bool, cycle: int) -> tuple[str, bool, timedelta] | None:
        """Most residents who can be reached rate; fewer bother again once a report came back unsolved."""
        rng = self.rng
        reachable = draft.reporter or draft.contact_phone
        chance = {"qr": 0.72 if reachable else 0.35, "web": 0.8, "on_behalf": 0.5, "hotline": 0.6}
        if rng.random() >= chance.get(draft.source, 0) * (0.4 if cycle else 1):
            return None
        unsatisfied = 0.14 + 0.2 * late + 0.13 * cycle
        draw = rng.random()
        if draw < unsatisfied:
            satisfaction, solved = Report.Satisfaction.UNSATISFIED, rng.random() < 0.3
        elif draw < unsatisfied + 0.25:
            satisfaction, solved = Report.Satisfaction.BASIC, rng.random() < 0.95
        else:
            satisfaction, solved = Report.Satisfaction.SATISFIED, True
        return satisfaction, solved, self.minutes(600, 1.1)

    def _visit(self, draft: Draft, asked: datetime, late: bool, cycle: int) -> tuple:
        """回访: when staff reach the resident of a report left unrated, and what they hear; (None, None)
        when nobody calls within the window and the schedule closes it unrated."""
        at = self.at_work(asked + VISIT_AFTER + self.minutes(24 * 60, 0.8))
        if self.rng.random() >= VISITED or at >= asked + UNRATED_CLOSE:
            return None, None
        unsatisfied, draw = 0.1 + 0.15 * late + 0.1 * cycle, self.rng.random()
        if draw < unsatisfied:
            return at, (Report.Satisfaction.UNSATISFIED, self.rng.random() < 0.3, None)
        if draw < unsatisfied + 0.35:
            return at, (Report.Satisfaction.BASIC, True, None)
        return at, (Report.Satisfaction.SATISFIED, True, None)

    def _resolution(self, draft: Draft, route: Route, cycle: int) -> timedelta:
        rng, category = self.rng, draft.category
        if category.urgent:
            return self.minutes(180, 0.6)
        if cycle:
            factor = rng.lognormvariate(math.log(0.15), 0.6)
        elif rng.random() < STUBBORN:
            factor = rng.uniform(1.1, 3.5)
        else:
            factor = rng.lognormvariate(math.log(0.22 * self._pace(draft, route)), 0.8)
        return max(timedelta(days=category.resolve_days * factor), timedelta(minutes=20))

    def respond(self, t: datetime, draft: Draft, route: Route) -> datetime:
        """Urgent reports are answered at once; others in working hours, or by whoever is on night duty."""
        if draft.category.urgent:
            return t + self.minutes(8, 0.5)
        pace, opens = self._pace(draft, route), self.at_work(t)
        if opens != t and self.rng.random() < NIGHT_DUTY:
            return t + self.minutes(25 * pace, 0.6)
        return opens + self.minutes(30 * pace, 0.9)

    def _pace(self, draft: Draft, route: Route) -> float:
        if route.handler_kind == HandlerKind.PROPERTY:
            return self.pace.get(("property", route.management_unit.pk), 1)
        if route.handler_kind == HandlerKind.STREET:
            return 1.4
        return self.pace.get(("community", draft.compound.community_id), 1)

    def handler(self, draft: Draft, route: Route) -> int | None:
        town = self.town
        if route.handler_kind == HandlerKind.PROPERTY:
            people = town.property_staff.get(route.management_unit.pk, [])
        elif route.handler_kind == HandlerKind.STREET:
            people = town.department_staff.get(route.department.pk) or town.officials
        else:
            people = town.community_staff.get(draft.compound.community_id, [])
        return self.rng.choice(people) if people else None

    @staticmethod
    def step(draft: Draft, action: str, kind: str, at: datetime, actor=None, note="", **details) -> None:
        """The step as report_transition would take it: its status from the lifecycle's table."""
        status = LIFECYCLE.follow(draft.steps[-1].status, action, details.pop("outcome", None))
        draft.steps.append(Step(action, status, kind, at, actor, note, **details))

    def _by_community(self, draft: Draft, action: str, at: datetime, note: str = "") -> None:
        actor = self.handler(draft, Route(HandlerKind.COMMUNITY))
        self.step(draft, action, ActorKind.COMMUNITY, at, actor, note)

    def _redispatch(self, draft: Draft, route: Route, t: datetime, why: str, **names) -> datetime:
        at = self.at_work(t + self.minutes(90, 0.8))
        actor = self.handler(draft, Route(HandlerKind.COMMUNITY))
        self.step(
            draft, "dispatch", ActorKind.COMMUNITY, at, actor, NOTES[why][0].format(**names), route=route
        )
        return at

    def minutes(self, median: float, spread: float) -> timedelta:
        return timedelta(minutes=self.rng.lognormvariate(math.log(median), spread))

    def at_work(self, t: datetime) -> datetime:
        """`t`, or the next morning when it falls outside 8:00–20:00."""
        return self._within(t, 8, 20)

    def awake(self, t: datetime) -> datetime:
        return self._within(t, 7, 23)

    def _within(self, t: datetime, opens: int, closes: int) -> datetime:
        local = t.astimezone(self.town.tz)
        if opens <= local.hour < closes:
            return t
        day = local.date() + timedelta(days=local.hour >= closes)
        start = datetime.combine(day, time(opens), tzinfo=self.town.tz)
        return (start + timedelta(minutes=self.rng.uniform(0, 50))).astimezone(UTC)

    def cut(self, draft: Draft, now: datetime) -> None:
        """Add the 督办 entries and "escalated" events the schedule would have made; drop the future."""
        entries = supervised(draft, now)
        escalated = [
            Step("escalated", status, ActorKind.SYSTEM, at) for at, _, level, status, _ in entries if level
        ]
        steps = sorted(draft.steps + escalated, key=lambda step: step.at)
        draft.steps = [step for step in steps if step.at <= now]
        draft.supervisions = [(at, deadline, level, due) for at, deadline, level, _, due in entries]


def supervised(draft: Draft, now: datetime) -> list[tuple[datetime, str, int, str, datetime]]:
    """supervision.supervise run every minute until `now`: (when, deadline, level, the status then,
    the deadline's time)."""
    steps = draft.steps
    spans = [
        (step.at, end, step.status)
        for step, end in zip(steps, [s.at for s in steps[1:]] + [FAR], strict=True)
    ]
    answered = next((step.at for step in steps if step.action in RESPONDING), FAR)
    deadlines, entries = draft.deadlines, []
    for rule in RULES:
        due = getattr(deadlines, rule.due_field)
        until = answered if ("responded_at__isnull", True) in rule.extra.children else FAR
        levels = [
            (Supervision.Level.STREET, due + rule.to_street_after, until),
            (Supervision.Level.COMMUNITY, due, until),
            (Supervision.Level.WARNING, due - rule.warn_before, min(due, until)),
        ]
        for level, opens, closes in levels:
            tick = _first_tick(spans, rule.statuses, opens, closes, now)
            if tick is not None:
                entries.append((tick[0], rule.deadline, int(level), tick[1], due))
    return sorted(entries, key=lambda entry: entry[0])


def _first_tick(
    spans, statuses, opens: datetime, closes: datetime, now: datetime
) -> tuple[datetime, str] | None:
    """The first run of the schedule (each minute, and one at `now`) inside [opens, closes) and a span
    whose status the rule watches."""
    for start, end, status in spans:
        low, high = max(start, opens), min(end, closes)
        if low > now:
            return None
        if status not in statuses or low >= high:
            continue
        minute = low.replace(second=0, microsecond=0)
        tick = min(minute if minute == low else minute + timedelta(minutes=1), now)
        if tick < high:
            return tick, status
    return None


def _visit_note(channel: str, satisfaction: str, solved: bool) -> str:
    """The timeline's line for a return visit, as visits.report_visit writes it in Chinese."""
    reached = "电话" if channel == RatedBy.PHONE else "上门"
    answer = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}[satisfaction]
    return f"{reached}回访：{answer}；{'已解决' if solved else '未解决'}。"


def _next_hour(t: datetime) -> datetime:
    """When the hourly close_unrated_reports task first finds a report resolved before `t`."""
    return t.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def _write(drafts: list[Draft]) -> None:
    """Originals before the reports merged into them: the constraint wants merged_into set on insert."""
    merged = [d for d in drafts if d.steps[-1].status == Status.MERGED]
    first = [d for d in drafts if d.steps[-1].status != Status.MERGED]
    for group in (first, merged):
        for draft in group:
            draft.report = _report(draft)
        Report.objects.bulk_create([d.report for d in group], batch_size=BATCH)
    CityOrder.objects.bulk_create(
        (
            CityOrder(
                number=draft.external_reference,
                report_id=draft.report.pk,
                sent_at=draft.created_at,
                address=_address(draft),
                urgent=draft.report.urgent,
                created_at=draft.created_at,
                updated_at=draft.created_at,
            )
            for draft in drafts
            if draft.source == Report.Source.HOTLINE
        ),
        batch_size=BATCH,
    )
    TimelineEvent.objects.bulk_create(
        (
            TimelineEvent(
                report_id=draft.report.pk,
                action=step.action,
                status_after=step.status,
                actor_id=step.actor,
                actor_kind=step.kind,
                note=step.note,
                created_at=step.at,
                announced_at=step.at,
            )
            for draft in drafts
            for step in draft.steps
        ),
        batch_size=BATCH,
    )
    ReturnVisit.objects.bulk_create(
        (
            ReturnVisit(
                report_id=draft.report.pk,
                channel=step.channel,
                satisfaction=step.rating[0],
                solved=step.rating[1],
                note=step.note,
                by_id=step.actor,
                at=step.at,
            )
            for draft in drafts
            for step in draft.steps
            if step.action == "visit"
        ),
        batch_size=BATCH,
    )
    Supervision.objects.bulk_create(
        (
            Supervision(
                report_id=draft.report.pk,
                deadline=deadline,
                level=level,
                due_at=due,
                created_at=at,
                announced_at=at,
            )
            for draft in drafts
            for at, deadline, level, due in draft.supervisions
        ),
        batch_size=BATCH,
    )


def _address(draft: Draft) -> str:
    """The address as the hotline writes it: the compound, then the building and door."""
    spot, compound = draft.spot, draft.compound
    return compound.name if spot is compound.spot else f"{compound.name} {spot.label}"


def _report(draft: Draft) -> Report:
    """The report as services.report_transition would have left it after the draft's steps."""
    deadlines = draft.deadlines
    report = Report(
        tracking_number=draft.tracking_number,
        place_id=draft.spot.place_id,
        community_id=draft.compound.community_id,
        category=draft.category,
        description=draft.description,
        urgent=draft.category.urgent,
        source=draft.source,
        board_id=draft.spot.board_id if draft.source == Report.Source.QR else None,
        reporter_id=draft.reporter,
        contact_phone=draft.contact_phone,
        on_behalf_of=draft.on_behalf_of,
        entered_by_id=draft.entered_by,
        external_reference=draft.external_reference,
        created_at=draft.created_at,
        dispatch_due=deadlines.dispatch_due,
        response_due=deadlines.response_due,
        resolve_due=deadlines.resolve_due,
        status=draft.steps[-1].status,
        escalation_level=max((level for _, _, level, _ in draft.supervisions), default=0),
        at_street_desk=sum(step.action == "return" for step in draft.steps) >= RETURNS_TO_STREET_DESK,
    )
    for step in draft.steps:
        if step.action not in LIFECYCLE.transitions:  # submitted, escalated: no change of state
            continue
        LIFECYCLE.stamp(report, LIFECYCLE[step.action], step.at)
        if step.route:
            report.handler_kind = step.route.handler_kind
            report.management_unit = step.route.management_unit
            report.department = step.route.department
        if step.rating:
            report.satisfaction, report.solved = step.rating
            report.rated_by = step.channel
        if step.action == "merge":
            report.merged_into = draft.original.report
    return report


def _count_scans(rng: random.Random, drafts: list[Draft]) -> None:
    """Boards were scanned for every QR report, and more often by people who only looked."""
    reports, last = defaultdict(int), {}
    for draft in drafts:
        if draft.source == Report.Source.QR and draft.spot.board_id:
            reports[draft.spot.board_id] += 1
            last[draft.spot.board_id] = draft.created_at
    boards = [
        Board(pk=pk, scan_count=round(count * rng.uniform(1.3, 2.5)), last_scanned_at=last[pk])
        for pk, count in sorted(reports.items())
    ]
    Board.objects.bulk_update(boards, ["scan_count", "last_scanned_at"], batch_size=BATCH)
