"""
The category tree that the demo and new installs start with: 8 major categories, each with the
minor categories a resident picks after scanning a board, their guidance (in Chinese and in English),
default handler and deadlines. Pure data: no models, no database.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from apps.places.departments import STREET_DEPARTMENTS

PROPERTY = "property"
COMMUNITY = "community"
STREET_PREFIX = "street:"

# the handlers of the street's departments, each made with its street
URBAN_MANAGEMENT, PUBLIC_SAFETY, COMMUNITY_BUILDING, LIVELIHOOD, LAW_ENFORCEMENT = (
    STREET_PREFIX + name for name in STREET_DEPARTMENTS
)

URGENT_DISPATCH_MINUTES = 5

_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_STREET_DEPARTMENT = re.compile(r"^\S+$")


@dataclass(frozen=True)
class MinorCategory:
    code: str
    name: str
    guidance: str
    handler: str
    dispatch_minutes: int
    response_hours: int
    resolve_days: int
    urgent: bool = False
    keywords: tuple[str, ...] = ()
    needs_review: bool = False  # 审核: community staff check the result before the resident rates it
    name_en: str = ""
    guidance_en: str = ""

    @property
    def handler_kind(self) -> str:
        """ "property", "community" or "street"."""
        return "street" if self.handler.startswith(STREET_PREFIX) else self.handler

    @property
    def street_department(self) -> str:
        """The department's name for a street handler, "" otherwise."""
        return self.handler.removeprefix(STREET_PREFIX) if self.handler.startswith(STREET_PREFIX) else ""


@dataclass(frozen=True)
class MajorCategory:
    code: str
    name: str
    description: str
    children: tuple[MinorCategory, ...]
    name_en: str = ""
    description_en: str = ""


CATALOG: tuple[MajorCategory, ...] = (
    MajorCategory(
        code="env",
        name="环境卫生与市容",
        name_en="Sanitation and street appearance",
        description="垃圾清运与分类、楼道和院落保洁、小广告，以及私搭乱建、占道经营等市容秩序问题。",
        description_en=(
            "Rubbish collection and sorting, cleaning of stairwells and courtyards, flyers, and public order "
            "such as unauthorized structures and street vending."
        ),
        children=(
            MinorCategory(
                code="env.garbage-overflow",
                name="垃圾满溢",
                name_en="Overflowing bins",
                guidance=(
                    "请拍下满溢的垃圾桶和桶站周边，注明是哪个桶站或哪栋楼前。"
                    "物业会安排保洁清运并冲洗地面；院外马路边的果皮箱不归物业管理，可拨打12345反映。"
                ),
                guidance_en=(
                    "Please photograph the overflowing bins and the area around them, and say which bin "
                    "station or which building it is in front of. The property company will have the rubbish "
                    "collected and the ground washed; litter bins on the street outside the compound are not "
                    "theirs, so call 12345 about those."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=1,
                keywords=("垃圾桶满了", "垃圾没人清", "垃圾站", "清运", "臭味"),
            ),
            MinorCategory(
                code="env.waste-sorting",
                name="垃圾分类不规范",
                name_en="Rubbish not sorted properly",
                guidance=(
                    "请说明是哪个桶站、混投的是哪类垃圾，或者桶站缺少标识、分类桶不全，可以附照片。"
                    "物业会补齐桶站设施并安排指导员值守，对个别住户的劝导由社区垃圾分类志愿者跟进。"
                ),
                guidance_en=(
                    "Please say which bin station it is and what kind of rubbish is being mixed, or that the "
                    "station lacks signs or a full set of sorting bins; a photo helps. The property company "
                    "will complete the station's facilities and post a guide there; the community's "
                    "waste-sorting volunteers will talk to individual households."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("垃圾分类", "厨余垃圾", "混投", "桶站", "分类桶"),
            ),
            MinorCategory(
                code="env.corridor-clutter",
                name="楼道堆物",
                name_en="Belongings piled in stairwells",
                guidance=(
                    "请拍下堆放的杂物并写明楼号、单元和楼层，纸箱、旧家具等可燃物请特别注明。"
                    "物业会先张贴告知、联系物主限期清理，逾期按无主物清运；楼梯已被完全堵死的请改报“消防通道堵塞”。"
                ),
                guidance_en=(
                    "Please photograph what is piled up and give the building, entrance and floor; mention "
                    "cardboard, old furniture or anything else that burns. The property company will first "
                    "put up a notice and ask the owner to clear it by a date, after which it is removed as "
                    "unclaimed; if the stairs are completely blocked, report “Blocked fire lane” instead."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("楼道杂物", "堆东西", "纸箱", "旧家具", "占楼道"),
            ),
            MinorCategory(
                code="env.flyers",
                name="小广告",
                name_en="Flyers and graffiti ads",
                guidance=(
                    "请拍下小广告张贴或喷涂的位置，写清是单元门、楼道墙面还是电梯轿厢。"
                    "物业会铲除并覆盖痕迹，广告上的电话号码可以一并写上，便于执法部门追查。"
                ),
                guidance_en=(
                    "Please photograph where the flyers are stuck or sprayed, and say whether it is an "
                    "entrance door, a stairwell wall or inside a lift. The property company will remove them "
                    "and cover the marks; you may add the phone number on the ad, which helps enforcement "
                    "officers trace it."
                ),
                handler=PROPERTY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=2,
                keywords=("小广告", "牛皮癣", "喷涂", "开锁广告", "贴纸"),
            ),
            MinorCategory(
                code="env.bulky-waste",
                name="装修垃圾和大件垃圾乱堆",
                name_en="Renovation debris and bulky items dumped",
                guidance=(
                    "请拍下乱堆的装修渣土、旧沙发或床垫，知道是哪户装修的可以写明门牌。"
                    "物业会要求装修户袋装堆放并预约清运；院里没有大件垃圾暂存点的，也可以在这里一并提出。"
                ),
                guidance_en=(
                    "Please photograph the dumped renovation rubble, old sofas or mattresses; if you know "
                    "which household is renovating, give its door number. The property company will require "
                    "the renovating household to bag the debris and book its removal; if the compound has no "
                    "drop-off point for bulky items, you can raise that here too."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("装修垃圾", "渣土", "大件垃圾", "旧沙发", "床垫"),
            ),
            MinorCategory(
                code="env.public-cleaning",
                name="公共区域卫生差",
                name_en="Shared areas left dirty",
                guidance=(
                    "说明楼道、院内道路或公共厕所哪里没有清扫、大概多久没人打扫，附一张照片即可。"
                    "物业会当天补扫并调整保洁排班，长期保洁不到位的会计入社区对物业的服务考评。"
                ),
                guidance_en=(
                    "Say which stairwell, path or public toilet has not been cleaned and for roughly how "
                    "long; one photo is enough. The property company will clean it the same day and adjust "
                    "the cleaning rota; cleaning that stays poor counts in the community's assessment of the "
                    "property company."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=1,
                keywords=("没人打扫", "楼道脏", "保洁", "落叶", "卫生差"),
            ),
            MinorCategory(
                code="env.illegal-construction",
                needs_review=True,
                name="私搭乱建",
                name_en="Unauthorized structures",
                guidance=(
                    "请拍下正在搭建或已经建成的棚屋、楼顶加盖、违规外扩的阳台等，写明具体位置和开始施工的大致时间。"
                    "街道综合行政执法队会现场核查，属于违法建设的依法责令拆除，举报人信息严格保密。"
                ),
                guidance_en=(
                    "Please photograph the shed, rooftop addition, extended balcony or other structure being "
                    "built or already built, with its exact location and roughly when work began. The "
                    "street's law enforcement team will inspect it and order anything illegally built to be "
                    "removed; the reporter's identity is kept strictly confidential."
                ),
                handler=LAW_ENFORCEMENT,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("违建", "私搭乱建", "加盖", "搭棚子", "违法建设"),
            ),
            MinorCategory(
                code="env.street-vending",
                name="占道经营",
                name_en="Street vending",
                guidance=(
                    "请拍下在小区门口或周边人行道上摆摊、出店经营的情况，流动摊贩请写清常出现的时段。"
                    "街道城市管理办公室会组织劝离和整治；涉及食品安全的问题请拨打12345转市场监管部门。"
                ),
                guidance_en=(
                    "Please photograph the stalls or shop goods on the pavement at or near the compound "
                    "gate; for mobile vendors, say the times they usually appear. The street's urban "
                    "management office will have them move on and sort it out; for food safety problems call "
                    "12345, who will pass it to market regulators."
                ),
                handler=URBAN_MANAGEMENT,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=5,
                keywords=("摆摊", "占道", "出店经营", "流动摊贩", "早市"),
            ),
        ),
    ),
    MajorCategory(
        code="property",
        name="物业服务",
        name_en="Property management services",
        description="物业公司的服务质量、收费与公示，以及停水停电、供暖等基本保障。",
        description_en=(
            "The property company's service, its fees and what it must make public, and basic supplies such "
            "as water, power and heating."
        ),
        children=(
            MinorCategory(
                code="property.attitude",
                name="物业服务态度",
                name_en="Property staff's attitude",
                guidance=(
                    "请写明时间、地点和接待您的岗位（客服、保安或保洁），尽量具体描述经过，不必写工作人员姓名。"
                    "社区会向物业公司核实并督促整改，处理结果计入物业服务考评。"
                ),
                guidance_en=(
                    "Please give the time and place and the role of the person who dealt with you (customer "
                    "service, security or cleaning), and describe what happened as precisely as you can; no "
                    "need to name the staff member. The community will check with the property company and "
                    "see that it puts things right; the outcome counts in the property company's service "
                    "assessment."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=7,
                keywords=("态度差", "物业不管", "推诿", "服务差", "投诉物业"),
            ),
            MinorCategory(
                code="property.fee-dispute",
                name="收费争议",
                name_en="Disputed charges",
                guidance=(
                    "请说明有争议的费用名目、金额和所属时段，收据、合同或公示单可以拍照上传。"
                    "社区会组织业主和物业当面核对收费依据并调解；已经起诉到法院的纠纷这里不再受理。"
                ),
                guidance_en=(
                    "Please state the charge you dispute, the amount and the period it covers; you can "
                    "upload photos of receipts, the contract or the posted fee list. The community will "
                    "bring owners and the property company together to check the basis of the charge and "
                    "mediate; disputes already taken to court are not handled here."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("物业费", "乱收费", "涨价", "催缴", "收费标准"),
            ),
            MinorCategory(
                code="property.slow-repair",
                name="报修无人处理",
                name_en="Repair request ignored",
                guidance=(
                    "如果已经向物业报修却迟迟没人上门，请写明当初报修的日期、方式和报修内容。"
                    "社区会直接督办物业限期上门，并一直跟踪到修好为止。"
                ),
                guidance_en=(
                    "If you asked the property company for a repair and nobody has come, please give the "
                    "date and way you asked, and what the repair was. The community will press the property "
                    "company to come by a deadline and follow it until the repair is done."
                ),
                handler=COMMUNITY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=5,
                keywords=("报修没人来", "维修慢", "拖着不修", "催修"),
            ),
            MinorCategory(
                code="property.gate-security",
                name="门岗与秩序维护",
                name_en="Gate staff and security",
                guidance=(
                    "请说明门岗无人值守、外来人员车辆随意进出或夜间没有巡逻等情况，写明时间和出入口。"
                    "物业会核查排班和监控并整改；发现正在发生的盗窃或可疑人员请立即拨打110。"
                ),
                guidance_en=(
                    "Please describe the problem, such as an unstaffed gate, outsiders and vehicles coming "
                    "and going freely, or no night patrols, with the time and the entrance. The property "
                    "company will check the rota and the cameras and put it right; if a theft or a "
                    "suspicious person is there right now, call 110 at once."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("保安", "门岗", "巡逻", "外来人员", "随便进出"),
            ),
            MinorCategory(
                code="property.public-income",
                name="公共收益与维修资金公示",
                name_en="Shared income and maintenance fund accounts",
                guidance=(
                    "想了解电梯广告、停车收费等公共收益或维修资金的使用情况，请写明要查询的项目和时间段。"
                    "街道社区建设办公室会督促物业按规定公示账目，必要时组织业主代表核查。"
                ),
                guidance_en=(
                    "To find out about shared income such as lift advertising and parking fees, or how the "
                    "maintenance fund is spent, please say which item and period you want to see. The "
                    "street's community development office will see that the property company publishes the "
                    "accounts as required, and have owners' representatives check them if need be."
                ),
                handler=COMMUNITY_BUILDING,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("公共收益", "维修资金", "公示", "账目", "广告收入"),
            ),
            MinorCategory(
                code="property.outage",
                name="停水停电",
                name_en="Water or power cut",
                guidance=(
                    "请写明是停水还是停电、影响单户还是整个单元、从什么时候开始，家里有依赖用电设备的老人或病人请注明。"
                    "物业会马上排查楼内管线和配电设施并告知恢复时间，供电线路故障也可以拨打95598。"
                ),
                guidance_en=(
                    "Please say whether the water or the power is off, whether one home or the whole "
                    "entrance is affected and since when; mention any older or sick person at home who "
                    "depends on powered equipment. The property company will check the building's pipes and "
                    "wiring at once and tell you when supply is back; for faults on the power grid you can "
                    "also call 95598."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("停水", "停电", "没水", "没电", "跳闸", "水压低"),
            ),
            MinorCategory(
                code="property.heating",
                name="供暖不热",
                name_en="Heating not warm enough",
                guidance=(
                    "供暖季（11月15日至次年3月15日）室温低于18℃可以反映，请关窗一小时后测温并拍下温度计读数，注明暖气片是否全凉。"
                    "物业会联系供热单位上门排气检修；暖气漏水请按漏水问题反映。"
                ),
                guidance_en=(
                    "In the heating season (15 November to 15 March) you can report a room below 18°C: close "
                    "the windows for an hour, then photograph the thermometer, and say whether the radiators "
                    "are cold all over. The property company will ask the heating supplier to bleed and "
                    "repair the system; for a leaking radiator, report it as a leak."
                ),
                handler=PROPERTY,
                dispatch_minutes=15,
                response_hours=2,
                resolve_days=3,
                keywords=("暖气不热", "供暖", "室温低", "暖气片凉", "放气"),
            ),
        ),
    ),
    MajorCategory(
        code="facility",
        name="设施维修",
        name_en="Repairs to shared facilities",
        description="电梯、楼道灯、单元门和门禁、上下水、屋面、院内道路和健身器材等共用设施的损坏与维修。",
        description_en=(
            "Damaged shared facilities and their repair: lifts, stairwell lights, entrance doors and access "
            "control, water pipes and drains, roofs, paths in the compound and fitness equipment."
        ),
        children=(
            MinorCategory(
                code="facility.elevator-fault",
                needs_review=True,
                name="电梯故障",
                name_en="Lift out of order",
                guidance=(
                    "请写明是哪部电梯、出现什么情况（停运、异响、平层不准、按键失灵），可拍下楼层显示屏或故障提示。"
                    "物业会通知电梯维保单位检修并张贴停梯告示；有人被困请选择“电梯困人”。"
                ),
                guidance_en=(
                    "Please say which lift it is and what is wrong (stopped, strange noises, not level with "
                    "the floor, buttons not working); you can photograph the floor display or the error "
                    "shown. The property company will call the lift maintenance firm and post a notice while "
                    "it is out of service; if someone is trapped, choose “People trapped in a lift”."
                ),
                handler=PROPERTY,
                dispatch_minutes=15,
                response_hours=2,
                resolve_days=3,
                keywords=("电梯坏了", "电梯停运", "电梯异响", "电梯不平层"),
            ),
            MinorCategory(
                code="facility.elevator-trapped",
                name="电梯困人",
                name_en="People trapped in a lift",
                guidance=(
                    "请写明楼号、单元、电梯停在的大概楼层和被困人数，有老人、儿童或身体不适者请注明。"
                    "物业和维保单位会立即赶到救援，被困人员请按警铃、保持镇静，不要扒门；有人受伤请同时拨打120。"
                ),
                guidance_en=(
                    "Please give the building, entrance, roughly which floor the lift stopped at and how "
                    "many are trapped; say if they include older people, children or anyone unwell. The "
                    "property company and the lift maintenance firm will come at once; those trapped should "
                    "press the alarm, stay calm and not force the doors; if anyone is hurt, also call 120."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("困电梯", "关在电梯里", "电梯困人", "电梯卡住"),
            ),
            MinorCategory(
                code="facility.stair-light",
                name="楼道灯不亮",
                name_en="Stairwell light out",
                guidance=(
                    "请写明楼号、单元和不亮的楼层，是个别楼层还是整个楼道都黑、声控是否失灵。"
                    "物业电工会更换灯具或检修线路，一般两天内修好。"
                ),
                guidance_en=(
                    "Please give the building, entrance and the floors where the light is out, whether only "
                    "some floors or the whole stairwell are dark, and whether the sound sensor has failed. "
                    "The property company's electrician will replace the light or repair the wiring, usually "
                    "within two days."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=2,
                keywords=("楼道灯", "声控灯", "灯不亮", "楼道黑"),
            ),
            MinorCategory(
                code="facility.unit-door",
                name="单元门及门禁损坏",
                name_en="Entrance door or access control broken",
                guidance=(
                    "请拍下损坏的单元门、闭门器或门禁读卡器，说明是门关不上、刷卡没反应还是对讲不通。"
                    "物业会先行维修保证门能锁闭；需要整体更换的，可以在议事厅发起议题，由居民一起商定改造方案。"
                ),
                guidance_en=(
                    "Please photograph the broken entrance door, door closer or card reader, and say whether "
                    "the door will not shut, cards get no response or the intercom does not work. The "
                    "property company will repair it first so the door locks; if it needs replacing "
                    "altogether, you can raise a topic in the discussion hall so residents decide on the new "
                    "door together."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=5,
                keywords=("单元门", "门禁", "刷卡", "对讲", "闭门器", "门关不上"),
            ),
            MinorCategory(
                code="facility.drain-blocked",
                name="下水道堵塞",
                name_en="Blocked drain",
                guidance=(
                    "请说明是楼内公共下水立管还是院内排水井堵塞、有没有返水，拍下积水或冒水的位置。"
                    "物业会安排疏通；户内马桶、地漏堵塞属于自家管道，请自行联系维修。"
                ),
                guidance_en=(
                    "Please say whether it is the building's shared soil pipe or a drain in the compound "
                    "that is blocked and whether water is backing up, and photograph where water is pooling "
                    "or overflowing. The property company will have it cleared; a blocked toilet or floor "
                    "drain inside your home is your own pipework, so please call a plumber yourself."
                ),
                handler=PROPERTY,
                dispatch_minutes=15,
                response_hours=2,
                resolve_days=2,
                keywords=("下水道", "返水", "堵了", "污水井", "化粪池"),
            ),
            MinorCategory(
                code="facility.roof-leak",
                needs_review=True,
                name="屋顶漏水",
                name_en="Leaking roof",
                guidance=(
                    "顶层住户请拍下屋顶渗水和墙面水渍的位置，写明从什么时候开始漏、下雨时是否加重。"
                    "物业会上屋面查找漏点并维修，需要动用维修资金的会先在单元内公示；楼上住户家里漏到楼下的请选择“楼上漏水纠纷”。"
                ),
                guidance_en=(
                    "Top-floor residents: please photograph where water comes through the ceiling and stains "
                    "the walls, and say when the leak began and whether it is worse when it rains. The "
                    "property company will find the leak on the roof and repair it; if the maintenance fund "
                    "is needed, this is first posted in the entrance; for water coming through from the flat "
                    "above, choose “Leak from upstairs”."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("屋顶漏水", "顶层漏雨", "渗水", "防水", "墙面发霉"),
            ),
            MinorCategory(
                code="facility.road-damage",
                name="院内路面破损",
                name_en="Damaged paths in the compound",
                guidance=(
                    "请拍下坑洼、塌陷或地砖松动的路面，旁边放个参照物能看出大小更好。"
                    "物业会先设置警示再修补；小区外的市政道路请拨打12345由道路管理部门处理。"
                ),
                guidance_en=(
                    "Please photograph the potholes, subsidence or loose paving, ideally with something "
                    "beside it to show the size. The property company will put up a warning first and then "
                    "repair it; for public roads outside the compound, call 12345 and the roads authority "
                    "will deal with it."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("路面破损", "坑洼", "塌陷", "地砖", "积水"),
            ),
            MinorCategory(
                code="facility.fitness-equipment",
                name="健身器材损坏",
                name_en="Broken fitness equipment",
                guidance=(
                    "请拍下损坏的健身器材，写明是哪一件、有没有尖锐断口或松动，存在危险时请先提醒周围居民别用。"
                    "社区会设置围挡，并联系器材的管理单位维修或更换。"
                ),
                guidance_en=(
                    "Please photograph the broken fitness equipment, say which piece it is and whether it "
                    "has sharp edges or loose parts; if it is dangerous, please warn people nearby not to "
                    "use it. The community will fence it off and ask whoever looks after the equipment to "
                    "repair or replace it."
                ),
                handler=COMMUNITY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("健身器材", "器材坏了", "单杠", "漫步机"),
            ),
        ),
    ),
    MajorCategory(
        code="parking",
        name="停车管理",
        name_en="Parking",
        description="院内车位、地锁、僵尸车、自行车和电动车停放、周边违停与充电设施。",
        description_en=(
            "Parking spaces in the compound, parking locks, abandoned cars, bicycles and e-bikes, illegal "
            "parking around the compound, and charging points."
        ),
        children=(
            MinorCategory(
                code="parking.occupied-space",
                name="占用车位",
                name_en="Parking space taken",
                guidance=(
                    "请拍下占用您车位或公共车位的车辆，注意拍清车牌，写明车位编号。"
                    "物业会联系车主挪车；车位产权或租赁合同的争议请选择“收费争议”。"
                ),
                guidance_en=(
                    "Please photograph the car in your space or a shared space, making sure the number plate "
                    "is clear, and give the space number. The property company will contact the owner to "
                    "move it; for disputes over owning or renting a space, choose “Disputed charges”."
                ),
                handler=PROPERTY,
                dispatch_minutes=15,
                response_hours=2,
                resolve_days=1,
                keywords=("占车位", "挪车", "车位被占", "乱停车"),
            ),
            MinorCategory(
                code="parking.ground-lock",
                name="私装地锁",
                name_en="Parking locks put in without permission",
                guidance=(
                    "请拍下地锁、石墩或桩柱以及它所在的位置，说明占的是公共车位还是通道。"
                    "物业会通知安装人限期自行拆除，逾期由物业会同社区统一清理。"
                ),
                guidance_en=(
                    "Please photograph the parking lock, stone block or post and where it is, and say "
                    "whether it takes up a shared space or a passage. The property company will tell whoever "
                    "installed it to remove it by a deadline; after that the property company and the "
                    "community clear them together."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("地锁", "石墩", "占位", "私占车位"),
            ),
            MinorCategory(
                code="parking.zombie-car",
                name="僵尸车",
                name_en="Abandoned vehicles",
                guidance=(
                    "请拍下长期停着不动、积满灰尘、缺胎或无牌的车辆，有车牌请写上，并估计停了多久。"
                    "街道城市管理办公室会张贴告知、联系车主，逾期无人认领的联合交管部门依法拖移。"
                ),
                guidance_en=(
                    "Please photograph the vehicle that has not moved for a long time, is covered in dust, "
                    "missing tyres or has no plates; give the plate if there is one, and estimate how long "
                    "it has been there. The street's urban management office will post a notice and contact "
                    "the owner; if nobody claims it in time, it is towed away with the traffic police as the "
                    "law allows."
                ),
                handler=URBAN_MANAGEMENT,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("僵尸车", "废弃车", "无牌车", "长期不动"),
            ),
            MinorCategory(
                code="parking.bike-clutter",
                name="非机动车乱停",
                name_en="Bikes and e-bikes parked in the way",
                guidance=(
                    "请拍下堵在单元门口、楼道口或盲道上的自行车、电动车和共享单车，写明位置。"
                    "物业会把车辆整理到车棚，长期无人骑的废旧自行车先公告再集中清理；在楼道里给电动车充电的请改报“飞线充电”。"
                ),
                guidance_en=(
                    "Please photograph the bicycles, e-bikes or shared bikes blocking an entrance, the foot "
                    "of the stairs or a tactile path, and say where. The property company will move them "
                    "into the bike shed; old bikes nobody rides are cleared after a public notice; for "
                    "e-bikes charged in the stairwell, report “Charging cables run from homes” instead."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=2,
                keywords=("自行车", "电动车乱停", "共享单车", "车棚", "废旧自行车"),
            ),
            MinorCategory(
                code="parking.roadside",
                name="小区周边违停",
                name_en="Illegal parking around the compound",
                guidance=(
                    "请拍下堵在小区出入口、路口或公交站旁的违停车辆并注明时段；正挡住救护车、消防车通行的请直接拨打122。"
                    "街道平安建设办公室会协调交警加强巡查和治理。"
                ),
                guidance_en=(
                    "Please photograph vehicles illegally parked at the compound's entrances, at junctions "
                    "or by bus stops, with the times; if they are blocking an ambulance or fire engine right "
                    "now, call 122. The street's public safety office will ask the traffic police to patrol "
                    "and deal with it."
                ),
                handler=PUBLIC_SAFETY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=5,
                keywords=("违停", "堵门口", "路边停车", "出不去"),
            ),
            MinorCategory(
                code="parking.fee-gate",
                name="停车收费与道闸",
                name_en="Parking fees and barriers",
                guidance=(
                    "请说明是道闸不抬杆、收费标准不清楚还是临时停车计费有误，附上缴费凭证或道闸照片。"
                    "物业会检修道闸并公示收费标准；对收费标准本身有异议的，社区会组织业主协商。"
                ),
                guidance_en=(
                    "Please say whether the barrier does not lift, the fees are unclear or a short stay was "
                    "charged wrongly, and attach the receipt or a photo of the barrier. The property company "
                    "will repair the barrier and post the fees; if you object to the fees themselves, the "
                    "community will bring owners together to agree on them."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("道闸", "停车费", "月租", "临停", "抬杆"),
            ),
            MinorCategory(
                code="parking.charging",
                name="充电设施需求",
                name_en="Charging points wanted",
                guidance=(
                    "希望在院里安装电动汽车或电动自行车充电设施的，请写明大致位置和有需要的户数。"
                    "社区会汇总需求，与物业和供电部门一起踏勘选址，条件成熟时提交议事厅协商。"
                ),
                guidance_en=(
                    "If you would like charging points for electric cars or e-bikes in the compound, please "
                    "give roughly where and how many households need them. The community will collect the "
                    "requests, survey sites with the property company and the power supplier, and bring it "
                    "to the discussion hall when the time is right."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("充电桩", "充电柜", "新能源车", "电动车充电"),
            ),
        ),
    ),
    MajorCategory(
        code="greenery",
        name="园林绿化",
        name_en="Trees and green spaces",
        description="树木修剪、枯死补种、倒伏断枝、绿地养护、毁绿种菜和病虫害防治。",
        description_en=(
            "Tree pruning, replanting where plants have died, fallen trees and broken branches, care of "
            "green spaces, vegetable plots on green space, and pests."
        ),
        children=(
            MinorCategory(
                code="greenery.tree-pruning",
                name="树木修剪",
                name_en="Tree pruning",
                guidance=(
                    "请拍下遮挡窗户、碰到电线或挡住路灯的树枝，写明楼号、楼层和树的位置。"
                    "物业会安排园林工人修剪；砍伐或移栽树木须报园林部门审批，这里只负责修剪。"
                ),
                guidance_en=(
                    "Please photograph branches that cover windows, touch power lines or block street "
                    "lights, with the building, floor and where the tree stands. The property company will "
                    "send gardeners to prune them; felling or moving a tree needs the parks authority's "
                    "approval, so only pruning is handled here."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("修剪", "树枝挡窗", "遮光", "树挨着电线"),
            ),
            MinorCategory(
                code="greenery.dead-replant",
                name="绿地枯死补种",
                name_en="Replanting dead trees and bare ground",
                guidance=(
                    "请拍下树木枯死、草坪斑秃或黄土裸露的地块，写明位置和大致面积。"
                    "社区会现场查看，补种什么、怎么种可以交给居民议事会商定，再由物业组织栽种。"
                ),
                guidance_en=(
                    "Please photograph dead trees, bald patches of lawn or bare earth, with where it is and "
                    "roughly how large. The community will come and look; what to plant and how can be left "
                    "to the residents' council to decide, and the property company then does the planting."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=30,
                keywords=("枯死", "补种", "黄土裸露", "草坪秃了", "绿化"),
            ),
            MinorCategory(
                code="greenery.fallen-tree",
                name="树木倒伏断枝",
                name_en="Fallen trees and broken branches",
                guidance=(
                    "大风、雨雪后树木倒伏或大枝折断悬挂的，请拍照写明位置，注明是否压到车辆、电线或挡住道路。"
                    "物业会立即拉警戒线并清理；树枝压断电线时请远离现场并拨打95598。"
                ),
                guidance_en=(
                    "After wind, rain or snow, if a tree has fallen or a large branch has broken and is "
                    "hanging, please photograph it, say where, and whether it is on a car or power line or "
                    "blocking the way. The property company will cordon it off at once and clear it; if a "
                    "branch has brought down a power line, keep well away and call 95598."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("树倒了", "断枝", "树枝掉下来", "大风"),
            ),
            MinorCategory(
                code="greenery.lawn-care",
                name="绿地缺乏养护",
                name_en="Green spaces neglected",
                guidance=(
                    "请说明杂草丛生、长期不浇水或绿篱缺株的地块在哪里，附一两张照片。"
                    "物业会安排除草、浇灌和修剪，并把这块地纳入日常养护计划。"
                ),
                guidance_en=(
                    "Please say where weeds are overgrown, plants are never watered or hedges have gaps, "
                    "with a photo or two. The property company will weed, water and trim it, and add the "
                    "plot to its regular care."
                ),
                handler=PROPERTY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=7,
                keywords=("杂草", "没人浇水", "绿地荒了", "绿篱"),
            ),
            MinorCategory(
                code="greenery.vegetable-plots",
                name="毁绿种菜",
                name_en="Vegetables grown on green space",
                guidance=(
                    "请拍下在公共绿地上开荒种菜、圈地或堆放杂物的地块，写明位置。"
                    "社区会上门劝导恢复绿地，拒不恢复的会同物业清理；楼前空地怎么用，也欢迎到议事厅提议。"
                ),
                guidance_en=(
                    "Please photograph plots of shared green space dug up for vegetables, fenced off or used "
                    "for storage, and say where. The community will visit and ask for the green space to be "
                    "restored, and clear it with the property company if it is not; ideas for the open "
                    "ground in front of buildings are welcome in the discussion hall."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("种菜", "毁绿", "圈地", "占绿地"),
            ),
            MinorCategory(
                code="greenery.pests",
                name="病虫害与飞絮",
                name_en="Pests and poplar fluff",
                guidance=(
                    "发现树上有成片虫网、树叶被啃光或杨柳絮特别多的，请拍下树木并注明位置。"
                    "物业会组织打药防治或喷水抑制飞絮，打药前会提前张贴通知。"
                ),
                guidance_en=(
                    "If you see trees covered in webs, leaves eaten away or a great deal of poplar and "
                    "willow fluff, please photograph the trees and say where. The property company will "
                    "spray against the pests or spray water to keep the fluff down, and will post a notice "
                    "before spraying."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=5,
                keywords=("虫子", "美国白蛾", "打药", "杨絮", "柳絮"),
            ),
        ),
    ),
    MajorCategory(
        code="safety",
        name="安全隐患",
        name_en="Safety hazards",
        description="飞线充电、消防通道、消防设施、井盖、高空坠物、电线老化和群租等危及人身安全的问题。",
        description_en=(
            "Dangers to people: charging cables run from windows, blocked fire lanes, fire equipment, "
            "manhole covers, things that may fall from height, old wiring and overcrowded rentals."
        ),
        children=(
            MinorCategory(
                code="safety.flying-wire",
                name="飞线充电",
                name_en="Charging cables run from homes",
                guidance=(
                    "请拍下从窗户或楼道拉下来的充电线、在楼道里或推进家里充电的电动自行车，写明楼层和位置。"
                    "物业会立即上门劝阻并拆除飞线，屡劝不改的由社区和街道联合处置；已经冒烟起火请马上拨打119。"
                ),
                guidance_en=(
                    "Please photograph charging cables run down from windows or through the stairwell, or "
                    "e-bikes charged in the stairwell or taken inside homes, with the floor and place. The "
                    "property company will come at once to stop it and remove the cables; those who keep "
                    "doing it are dealt with by the community and the street together; if there is smoke or "
                    "fire, call 119 at once."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("飞线", "拉线充电", "电动车进楼", "楼道充电", "电瓶"),
            ),
            MinorCategory(
                code="safety.fire-lane",
                needs_review=True,
                name="消防通道堵塞",
                name_en="Blocked fire lane",
                guidance=(
                    "请拍下占用消防车通道、堵塞楼梯间或安全出口的车辆和杂物，写明位置，车辆请拍清车牌。"
                    "物业会立即联系挪车、清理，拒不配合的报告消防部门；发现火情请先拨打119。"
                ),
                guidance_en=(
                    "Please photograph the vehicles or belongings blocking a fire engine lane, a staircase "
                    "or an emergency exit, with where it is and the vehicles' number plates. The property "
                    "company will have the vehicles moved and the way cleared at once, and report anyone who "
                    "refuses to the fire service; if there is a fire, call 119 first."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("消防通道", "安全出口", "堵住了", "消防车进不来"),
            ),
            MinorCategory(
                code="safety.fire-equipment",
                name="消防设施损坏",
                name_en="Fire equipment damaged",
                guidance=(
                    "请拍下过期或丢失的灭火器、没水的消火栓、不亮的应急灯或被锁死的防火门，写明楼层。"
                    "物业会更换补齐并检修，消防设施的定期检测记录也可以向物业查询。"
                ),
                guidance_en=(
                    "Please photograph out-of-date or missing extinguishers, hydrants without water, "
                    "emergency lights that do not work or fire doors locked shut, with the floor. The "
                    "property company will replace, complete and repair them; you can also ask the property "
                    "company for the records of the regular fire equipment checks."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("灭火器", "消火栓", "应急灯", "防火门", "烟感"),
            ),
            MinorCategory(
                code="safety.manhole",
                name="井盖缺失破损",
                name_en="Missing or broken manhole cover",
                guidance=(
                    "请拍下缺失、破裂、松动或下沉的井盖并写明位置，方便的话放上树枝等醒目物品提醒路人。"
                    "物业会马上设置围挡并更换；井盖上印有电力、通信、燃气等字样的，会通知相应产权单位。"
                ),
                guidance_en=(
                    "Please photograph the missing, cracked, loose or sunken cover and say where it is; if "
                    "you can, put a branch or something else visible on it to warn passers-by. The property "
                    "company will fence it off and replace it at once; covers marked for power, telecoms, "
                    "gas and so on are reported to the utility that owns them."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("井盖", "没盖子", "井盖松动", "窨井"),
            ),
            MinorCategory(
                code="safety.falling-objects",
                name="外墙脱落与高空坠物隐患",
                name_en="Things that may fall from buildings",
                guidance=(
                    "请拍下松动的外墙皮、瓷砖、空调外机支架或阳台外侧摆放的花盆等可能坠落的东西，写明楼号和楼层。"
                    "物业会先在下方拉警戒线再组织排险；有人正在高空抛物或已经有人受伤，请立即拨打110或120。"
                ),
                guidance_en=(
                    "Please photograph loose render, tiles, air-conditioner brackets, flowerpots on the "
                    "outside of balconies or anything else that could fall, with the building and floor. The "
                    "property company will first cordon off the area below and then make it safe; if someone "
                    "is throwing things from height or anyone has been hurt, call 110 or 120 at once."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=2,
                urgent=True,
                keywords=("外墙脱落", "掉瓷砖", "高空抛物", "空调支架", "花盆"),
            ),
            MinorCategory(
                code="safety.wiring",
                needs_review=True,
                name="电线老化与私拉乱接",
                name_en="Old wiring and makeshift connections",
                guidance=(
                    "请拍下楼道里破皮老化的电线、私拉乱接的插座或打火冒烟的电表箱，写明具体位置。"
                    "物业电工会断电检修；如果闻到燃气味，请不要开关电器，立即到室外拨打燃气抢修电话96777。"
                ),
                guidance_en=(
                    "Please photograph frayed old wires, makeshift sockets or meter boxes that spark or "
                    "smoke in the stairwell, with exactly where they are. The property company's electrician "
                    "will cut the power and repair it; if you smell gas, do not switch anything on or off, "
                    "go outside and call the gas emergency line 96777."
                ),
                handler=PROPERTY,
                dispatch_minutes=5,
                response_hours=1,
                resolve_days=1,
                urgent=True,
                keywords=("电线老化", "电表箱", "打火", "私拉电线", "漏电"),
            ),
            MinorCategory(
                code="safety.group-rental",
                name="群租房",
                name_en="Overcrowded rentals",
                guidance=(
                    "请写明疑似群租的门牌号、大概住了多少人，以及看到的情况，比如人员频繁更换、屋里打了隔断。"
                    "街道平安建设办公室会同派出所和社区上门核查，违规群租依法整治，举报信息严格保密。"
                ),
                guidance_en=(
                    "Please give the door number of the flat you suspect, roughly how many people live there "
                    "and what you have seen, such as people often changing or rooms partitioned off. The "
                    "street's public safety office will inspect it with the police station and the "
                    "community, and illegal overcrowded rentals are dealt with as the law requires; your "
                    "report is kept strictly confidential."
                ),
                handler=PUBLIC_SAFETY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("群租", "隔断房", "住很多人", "出租房"),
            ),
        ),
    ),
    MajorCategory(
        code="neighbour",
        name="邻里纠纷与噪音",
        name_en="Neighbours and noise",
        description="宠物、装修、广场舞和商户设备的噪音，楼上漏水、侵占公共空间等邻里之间的矛盾。",
        description_en=(
            "Noise from pets, renovation, square dancing and shops' equipment; leaks from upstairs, shared "
            "space taken over and other disputes between neighbours."
        ),
        children=(
            MinorCategory(
                code="neighbour.pets",
                name="宠物扰民",
                name_en="Pets disturbing neighbours",
                guidance=(
                    "请说明狗长时间吠叫、遛狗不拴绳或粪便不清理的情况，写明时段和位置，知道门牌的可以写上。"
                    "社区会上门与养犬人沟通、提醒文明养犬；被狗咬伤请先就医并拨打110。"
                ),
                guidance_en=(
                    "Please describe the dog barking for long periods, walked off the lead or its mess not "
                    "cleared up, with the times and place, and the door number if you know it. The community "
                    "will talk to the owner and remind them to keep their dog considerately; if you have "
                    "been bitten, get medical care first and call 110."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=7,
                keywords=("狗叫", "遛狗不拴绳", "狗屎", "养狗", "宠物"),
            ),
            MinorCategory(
                code="neighbour.renovation-noise",
                name="装修噪音",
                name_en="Renovation noise",
                guidance=(
                    "请写明装修户的门牌号和施工时间，尤其是午休、夜间或节假日还在施工的，可以录一段视频。"
                    "物业会依据装修管理协议要求施工方调整作业时间，屡次违规的暂停施工。"
                ),
                guidance_en=(
                    "Please give the door number of the home being renovated and the hours of work, "
                    "especially work at midday, at night or on holidays; you can record a video. The "
                    "property company will hold the builders to the renovation agreement's working hours and "
                    "halt work after repeated breaches."
                ),
                handler=PROPERTY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=3,
                keywords=("装修", "电钻", "砸墙", "施工噪音", "中午施工"),
            ),
            MinorCategory(
                code="neighbour.square-dance",
                name="广场舞噪音",
                name_en="Square dancing noise",
                guidance=(
                    "请写明广场舞或其他健身活动的地点和时段，以及音响声音对您有什么影响。"
                    "社区会和活动团队商量调整时间、音量或场地，找一个大家都能接受的办法。"
                ),
                guidance_en=(
                    "Please say where and when the square dancing or other exercise group meets, and how the "
                    "music affects you. The community will talk with the group about changing the time, "
                    "volume or place, and look for a way everyone can accept."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=7,
                keywords=("广场舞", "音响", "跳舞", "太吵", "健身操"),
            ),
            MinorCategory(
                code="neighbour.leak-dispute",
                name="楼上漏水纠纷",
                name_en="Leak from upstairs",
                guidance=(
                    "请拍下自家顶棚、墙面的渗水痕迹，写明楼上的门牌号以及是否已经和对方沟通过。"
                    "社区会组织双方和物业到现场查找漏点、协商维修和赔偿，协商不成的引导申请人民调解。"
                ),
                guidance_en=(
                    "Please photograph the damp marks on your ceiling and walls, give the door number of the "
                    "flat above and say whether you have already spoken with them. The community will bring "
                    "both households and the property company together on site to find the leak and agree on "
                    "repairs and compensation; if no agreement is reached, it will help you apply for "
                    "people's mediation."
                ),
                handler=COMMUNITY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=15,
                keywords=("楼上漏水", "天花板渗水", "卫生间漏水", "赔偿"),
            ),
            MinorCategory(
                code="neighbour.shop-noise",
                name="商户与设备噪音",
                name_en="Noise from shops and equipment",
                guidance=(
                    "请写明噪音来自哪家商户或哪台设备，比如空调外机、冷却塔、排风扇，注明时段并录一段带声音的视频。"
                    "街道综合行政执法队会现场检查并责令整改；住户家里的生活噪音请选择“邻里矛盾调解”。"
                ),
                guidance_en=(
                    "Please say which shop or which piece of equipment the noise comes from, such as an "
                    "air-conditioner unit, cooling tower or extractor fan, with the times and a video that "
                    "records the sound. The street's law enforcement team will inspect it and order it put "
                    "right; for everyday noise from a neighbour's home, choose “Disputes between "
                    "neighbours”."
                ),
                handler=LAW_ENFORCEMENT,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=10,
                keywords=("商铺噪音", "空调外机", "风机", "饭馆", "夜里吵"),
            ),
            MinorCategory(
                code="neighbour.common-space",
                name="侵占公共空间",
                name_en="Shared space taken over",
                guidance=(
                    "请拍下在楼道私装门、占用楼顶平台或把公共区域圈进自家的情况，写明楼号和楼层。"
                    "社区会同物业上门沟通、要求恢复原状；属于违法建设的转街道综合行政执法队处理。"
                ),
                guidance_en=(
                    "Please photograph doors fitted in stairwells, rooftop terraces taken over or shared "
                    "areas fenced into someone's home, with the building and floor. The community will visit "
                    "with the property company and ask for it to be restored; illegal structures are passed "
                    "to the street's law enforcement team."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("占公共区域", "楼道装门", "楼顶平台", "圈占"),
            ),
            MinorCategory(
                code="neighbour.mediation",
                name="邻里矛盾调解",
                name_en="Disputes between neighbours",
                guidance=(
                    "邻居之间因为生活噪音、采光、物品摆放等闹了矛盾，请简要写明经过和您希望怎么解决。"
                    "社区人民调解员会分别听取双方意见并组织调解；发生打架或人身威胁请立即拨打110。"
                ),
                guidance_en=(
                    "If you have fallen out with a neighbour over everyday noise, daylight, things left out "
                    "and the like, please briefly describe what happened and how you would like it resolved. "
                    "The community's mediator will hear each side and bring you together; if there is a "
                    "fight or a threat of violence, call 110 at once."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("邻居矛盾", "吵架", "调解", "楼上吵", "采光"),
            ),
        ),
    ),
    MajorCategory(
        code="service",
        name="社区服务与其他",
        name_en="Community services and other matters",
        description="为老助残、困难救助、流浪动物、活动场地、事项咨询、意见建议，以及无法归入其他类别的问题。",
        description_en=(
            "Help for older and disabled people, hardship assistance, stray animals, activity spaces, "
            "enquiries, suggestions, and problems that fit no other category."
        ),
        children=(
            MinorCategory(
                code="service.elderly",
                name="为老助残服务",
                name_en="Help for older and disabled people",
                guidance=(
                    "家里有独居、失能老人或残疾人需要助餐、助浴、上门探访等帮助的，请写明具体需求和方便联系的时间。"
                    "社区会安排工作人员或志愿者联系，并对接养老驿站的服务；突发疾病请拨打120。"
                ),
                guidance_en=(
                    "If an older person living alone or unable to look after themselves, or a disabled "
                    "person, needs help with meals, bathing or home visits, please describe what is needed "
                    "and when is a good time to call. The community will have staff or volunteers get in "
                    "touch and arrange services with the elderly care station; in a sudden illness, call "
                    "120."
                ),
                handler=COMMUNITY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("老人", "独居", "助餐", "残疾人", "养老驿站"),
            ),
            MinorCategory(
                code="service.hardship",
                name="困难救助",
                name_en="Hardship assistance",
                guidance=(
                    "因病、失业等原因生活遇到困难的，请简要说明家庭情况和需要的帮助，个人信息只有经办人能看到。"
                    "街道民生保障办公室会联系核实，符合条件的协助申请低保、临时救助等政策。"
                ),
                guidance_en=(
                    "If illness, losing a job or other causes have left you in difficulty, please briefly "
                    "describe your family's situation and the help you need; only the person handling it can "
                    "see your details. The street's livelihood support office will contact you to check, and "
                    "help those who qualify apply for subsistence allowance, temporary assistance and other "
                    "support."
                ),
                handler=LIVELIHOOD,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=15,
                keywords=("低保", "救助", "生活困难", "失业", "大病"),
            ),
            MinorCategory(
                code="service.stray-animals",
                name="流浪猫狗",
                name_en="Stray cats and dogs",
                guidance=(
                    "请写明流浪猫狗常出没的位置和大概数量，有攻击人或明显生病的请特别说明。"
                    "社区会联系物业和动物救助组织处理；被抓伤咬伤请尽快到医院打狂犬疫苗。"
                ),
                guidance_en=(
                    "Please say where stray cats or dogs are often seen and roughly how many; say especially "
                    "if any attack people or are clearly ill. The community will deal with it together with "
                    "the property company and animal rescue groups; if you are scratched or bitten, get a "
                    "rabies vaccination at a hospital as soon as possible."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=10,
                keywords=("流浪猫", "流浪狗", "野猫", "喂猫"),
            ),
            MinorCategory(
                code="service.activity-space",
                name="活动场地与设施",
                name_en="Activity spaces and facilities",
                guidance=(
                    "希望社区开放活动室、增加座椅凉亭或借用场地办活动的，请写明用途、人数和时间。"
                    "社区会统筹安排场地，需要新增设施的列为议事厅议题，征求居民意见。"
                ),
                guidance_en=(
                    "If you would like the community to open an activity room, add seats or a pavilion, or "
                    "lend a space for an event, please say what for, how many people and when. The community "
                    "will arrange the spaces; new facilities are put to residents as a topic in the "
                    "discussion hall."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=10,
                keywords=("活动室", "座椅", "凉亭", "场地", "借场地"),
            ),
            MinorCategory(
                code="service.consultation",
                name="证明与事项咨询",
                name_en="Certificates and enquiries",
                guidance=(
                    "需要开居住证明，或者想咨询居住证、养老助残等政策的，请写明要办的事和您的联系方式。"
                    "社区工作人员会回电告知所需材料和办理地点，能在网上办的会告诉您入口。"
                ),
                guidance_en=(
                    "If you need a certificate of residence or have questions about residence permits, "
                    "support for older or disabled people or other policies, please say what you need and "
                    "how to reach you. Community staff will call you back with the documents needed and "
                    "where to go, and tell you where it can be done online if it can."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=2,
                resolve_days=3,
                keywords=("开证明", "居住证", "咨询", "怎么办理", "政策"),
            ),
            MinorCategory(
                code="service.suggestion",
                name="意见建议",
                name_en="Ideas and suggestions",
                guidance=(
                    "对社区建设、物业管理或这个平台有想法的，请直接写下您的建议，可以附图。"
                    "社区会逐条登记并回复，反映集中的问题会提交居民议事会讨论。"
                ),
                guidance_en=(
                    "If you have ideas about the community, the property management or this portal, just "
                    "write your suggestion here; you may attach pictures. The community will record and "
                    "answer each one, and matters many people raise go to the residents' council for "
                    "discussion."
                ),
                handler=COMMUNITY,
                dispatch_minutes=60,
                response_hours=24,
                resolve_days=15,
                keywords=("建议", "意见", "希望", "提议"),
            ),
            MinorCategory(
                code="service.other",
                name="其他问题",
                name_en="Other problems",
                guidance=(
                    "以上类别都不合适时请选这里，尽量写清时间、地点和问题本身。"
                    "社区受理后会判断归属并转给相应的处理单位；紧急情况请直接拨打110、119或120。"
                ),
                guidance_en=(
                    "Choose this when none of the categories fits, and describe the time, the place and the "
                    "problem as clearly as you can. The community will decide who it belongs to and pass it "
                    "on; in an emergency call 110, 119 or 120 directly."
                ),
                handler=COMMUNITY,
                dispatch_minutes=30,
                response_hours=2,
                resolve_days=7,
                keywords=("其他", "不知道选哪个"),
            ),
        ),
    ),
)


def iter_minor(catalog: Iterable[MajorCategory] = CATALOG) -> Iterator[tuple[MajorCategory, MinorCategory]]:
    """Every minor category with its major, in catalog order."""
    for major in catalog:
        for minor in major.children:
            yield major, minor


def is_valid_handler(handler: str) -> bool:
    """ "property", "community", or "street:" followed by a department name without spaces."""
    if handler in (PROPERTY, COMMUNITY):
        return True
    if not handler.startswith(STREET_PREFIX):
        return False
    return bool(_STREET_DEPARTMENT.match(handler.removeprefix(STREET_PREFIX)))


def _minor_problems(major: MajorCategory, minor: MinorCategory) -> list[str]:
    problems = []
    code = minor.code
    prefix, _, rest = code.partition(".")
    if prefix != major.code or not _CODE.match(rest):
        problems.append(f"{code!r}: code must be '{major.code}.<ascii-slug>'")
    if not minor.name.strip():
        problems.append(f"{code!r}: empty name")
    if not minor.guidance.strip():
        problems.append(f"{code!r}: empty guidance")
    if not (minor.name_en.strip() and minor.guidance_en.strip()):
        problems.append(f"{code!r}: no English name or guidance")
    if not is_valid_handler(minor.handler):
        problems.append(f"{code!r}: bad handler {minor.handler!r}")
    for field in ("dispatch_minutes", "response_hours", "resolve_days"):
        if getattr(minor, field) <= 0:
            problems.append(f"{code!r}: {field} must be positive")
    if minor.urgent and minor.dispatch_minutes > URGENT_DISPATCH_MINUTES:
        problems.append(f"{code!r}: urgent, so must be dispatched within {URGENT_DISPATCH_MINUTES} minutes")
    return problems


def validate_catalog(catalog: Iterable[MajorCategory] = CATALOG) -> None:
    """Raise ValueError listing every problem of the catalog; return None when it is sound."""
    problems: list[str] = []
    seen: set[str] = set()
    for major in catalog:
        if not _CODE.match(major.code):
            problems.append(f"{major.code!r}: major code must be an ascii slug")
        if not major.name.strip():
            problems.append(f"{major.code!r}: empty name")
        if not (major.name_en.strip() and major.description_en.strip()):
            problems.append(f"{major.code!r}: no English name or description")
        if not major.children:
            problems.append(f"{major.code!r}: no minor categories")
        for code in (major.code, *(minor.code for minor in major.children)):
            if code in seen:
                problems.append(f"{code!r}: duplicate code")
            seen.add(code)
        for minor in major.children:
            problems.extend(_minor_problems(major, minor))
    if problems:
        raise ValueError("invalid category catalog:\n" + "\n".join(problems))
