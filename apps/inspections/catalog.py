"""
The 39 categories of inspection points (文明城区 测评点位) and the checklist of standards each is
inspected against, as shipped. `catalog_load` writes them once; street officials edit them in the
admin afterwards, and loading again adds what is missing without undoing their edits.
"""

from django.db import transaction

from .models import PointCategory, Standard

_SANITATION = ["路面干净，无垃圾、积水、痰迹", "无乱堆乱放、私搭乱建", "无乱贴乱画、小广告"]
_ORDER = ["无占道经营、店外经营", "车辆停放有序，无乱停乱放", "公益广告规范设置、内容完好"]

CATALOG: list[tuple[str, str, list[str]]] = [
    ("back_street", "背街小巷", [*_SANITATION, "无私拉乱接电线、飞线充电", "路灯完好，照明正常"]),
    ("main_road", "主次干道", [*_SANITATION, *_ORDER, "交通标志标线清晰"]),
    (
        "wet_market",
        "农贸市场",
        ["划行归市，摊位整齐", "地面无污水、垃圾", "活禽宰杀区隔离", "公平秤设置并可用", "禁烟标识明显"],
    ),
    ("public_toilet", "公共厕所", ["内外整洁、无异味", "洗手设施完好", "无障碍设施可用", "开放时间公示"]),
    (
        "bin_station",
        "垃圾桶站",
        ["四分类桶齐全、标识清楚", "桶体完好、桶盖闭合", "桶站周边无散落垃圾", "分类指导员在岗（定时段）"],
    ),
    ("compound_gate", "小区出入口", ["门岗有人值守", "出入口通道畅通", "公益广告规范设置", "无乱贴乱画"]),
    ("old_compound", "老旧小区", [*_SANITATION, "楼道无堆物", "飞线充电已清理"]),
    ("commercial_compound", "商品房小区", [*_SANITATION, "绿地养护良好", "消防通道畅通"]),
    ("stairwell", "楼道单元", ["楼道无堆物", "无小广告", "照明完好", "消防器材齐全有效"]),
    ("bike_shed", "自行车棚", ["车辆停放整齐", "充电设施规范", "无僵尸车"]),
    ("shop_front", "沿街商铺", ["门前三包责任牌上墙", "无店外经营", "招牌规范、无破损"]),
    ("restaurant", "餐饮店", ["门前三包落实", "油烟净化设施运行", "公筷公勺、光盘行动提示", "后厨卫生达标"]),
    ("supermarket", "大型商超", ["禁烟标识明显", "公益广告规范设置", "无障碍设施可用", "购物车归位"]),
    ("bus_stop", "公交站亭", ["站亭整洁、无破损", "站牌信息清楚", "候车秩序良好"]),
    ("metro_entrance", "地铁出入口", ["周边无非机动车乱停", "无游商摊贩", "引导标识清晰"]),
    ("parking", "停车场", ["车辆停放有序", "收费公示", "无障碍车位标识"]),
    ("park", "公园广场", [*_SANITATION, "健身器材完好", "文明游园提示设置"]),
    ("green_belt", "绿化带", ["无黄土裸露", "无垃圾杂物", "无毁绿种菜"]),
    ("river", "河道沟渠", ["水面无漂浮物", "岸坡无垃圾", "无违规排污口"]),
    ("construction_site", "建筑工地", ["围挡完好、公益广告设置", "扬尘防治措施落实", "出入车辆冲洗"]),
    ("school_surroundings", "学校周边", ["护学岗在岗", "周边无流动摊贩", "交通秩序良好"]),
    ("kindergarten", "幼儿园周边", ["接送秩序良好", "安全警示标识设置", "周边无噪声扰民"]),
    ("hospital", "医院", ["就诊秩序良好", "禁烟标识明显", "无障碍设施可用", "便民服务公示"]),
    ("community_health", "社区卫生服务站", ["健康教育宣传栏内容更新", "环境整洁"]),
    ("community_office", "社区居委会", ["核心价值观宣传设置", "志愿服务站点运行", "办事指南公示"]),
    ("service_station", "社区服务站", ["服务项目公示", "工作人员在岗", "环境整洁"]),
    ("culture_room", "文化活动室", ["开放时间公示", "活动记录完整", "设施完好"]),
    ("library", "图书馆（室）", ["文明阅读提示", "开放时间公示", "环境安静整洁"]),
    ("government_window", "政务服务大厅", ["窗口人员文明用语", "办事指南公示", "意见簿设置"]),
    ("bank", "银行网点", ["无障碍设施可用", "便民设施齐全", "文明服务公示"]),
    ("hotel", "宾馆酒店", ["禁烟标识明显", "公益广告设置", "消防通道畅通"]),
    ("internet_cafe", "网吧", ["未成年人禁入标识", "禁烟落实", "消防器材有效"]),
    ("entertainment", "文化娱乐场所", ["禁烟标识明显", "消防通道畅通", "经营证照公示"]),
    ("gas_station", "加油站", ["安全警示标识", "环境整洁", "禁烟禁火落实"]),
    ("logistics", "快递物流网点", ["包裹不占道堆放", "车辆停放规范", "环境整洁"]),
    ("recycling", "再生资源回收点", ["规范经营、不占道", "无露天焚烧", "周边整洁"]),
    ("underpass", "地下通道过街天桥", ["无游商、乞讨", "照明完好", "无乱贴乱画"]),
    ("public_square_screen", "户外公益广告", ["画面完好、内容规范", "无破损褪色", "占比达标"]),
    ("volunteer_station", "志愿服务站", ["标识统一", "服务台账完整", "志愿者在岗"]),
]


def catalog_load() -> int:
    """Add the catalogue's categories and standards that are missing; returns how many were added."""
    added = 0
    with transaction.atomic():
        for position, (code, name, standards) in enumerate(CATALOG, start=1):
            category, created = PointCategory.objects.get_or_create(
                code=code, defaults={"name": name, "position": position}
            )
            added += created
            for order, text in enumerate(standards, start=1):
                _, created = Standard.objects.get_or_create(
                    category=category, code=f"{code}.{order}", defaults={"text": text, "position": order}
                )
                added += created
    return added
