"""The names of the demo street: its communities, compounds, property companies and people."""

import random

DISTRICT = "通州区"
STREET = "中仓街道"

# Each community with the compounds it serves, in the order they are numbered.
COMMUNITIES: list[tuple[str, list[str]]] = [
    (
        "中仓社区",
        [
            "中仓小区",
            "中仓东里",
            "仓库胡同小区",
            "中仓西里",
            "新仓路1号院",
            "新仓路3号院",
            "东关大道5号院",
        ],
    ),
    (
        "新华南社区",
        [
            "新华南里1号院",
            "新华南里2号院",
            "新华南里3号院",
            "新华东街小区",
            "南大街12号院",
            "新华联家园",
            "通惠南路7号院",
        ],
    ),
    (
        "中上园社区",
        [
            "中上园1号院",
            "中上园2号院",
            "中上园3号院",
            "中上园5号院",
            "中上园6号院",
            "中上园8号院",
            "中上园北区",
        ],
    ),
    (
        "西上园社区",
        [
            "西上园1号院",
            "西上园2号院",
            "西上园3号院",
            "西上园4号院",
            "西上园6号院",
            "西上园南区",
            "西上园北区",
        ],
    ),
    (
        "白将军社区",
        [
            "白将军胡同小区",
            "白将军北里",
            "白将军南里",
            "西营前街6号院",
            "西营后街小区",
            "西营2号院",
        ],
    ),
    (
        "莲花寺社区",
        [
            "莲花寺小区",
            "莲花寺东里",
            "莲花寺西里",
            "运河西大街9号院",
            "紫运东里",
            "玉带河西街11号院",
        ],
    ),
]

PROPERTY_COMPANIES = [
    "北京通州宏远物业管理有限公司",
    "北京运河嘉园物业服务有限公司",
    "北京中仓安居物业管理有限公司",
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红玉兰凤志文斌宇浩鹏欣怡萱子梓涵晨雨思佳嘉俊博"
    "海燕淑珍荣福春梅秋云德成立新林辉金玲琳婷雪慧瑞晓丹彬亮飞鑫蕾振永庆宏桐树"
)


class NameDrawer:
    """Draws distinct Chinese personal names: a surname and one or two given characters."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.drawn: set[str] = set()

    def __call__(self) -> str:
        while True:
            given_length = 2 if self.rng.random() < 0.65 else 1
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=given_length))
            if name not in self.drawn:
                self.drawn.add(name)
                return name
