"""The street's social organizations as plain data: the federation, its branches, twenty organizations
and what they do. Each organization belongs to the community of its leader (ORGANIZATIONS[i] to
community i % 6), whose short name prefixes its own."""

from dataclasses import dataclass

FEDERATION = (
    "中仓街道社区社会组织联合会",
    "街道社区社会组织的枢纽：统筹志愿服务、社区学堂和文体活动，为新成立的组织提供备案指导和场地支持。",
)
BRANCHES = [
    ("中仓街道志愿服务分会", "联系助老、平安、健康类志愿服务队，统一记录志愿服务时长。"),
    ("中仓街道文体教育分会", "联系文体、科教类团队，组织社区学堂课程和文艺汇演。"),
]
VOLUNTEERING, CULTURE = 0, 1


@dataclass(frozen=True)
class PlannedOrganization:
    name: str
    category: str
    description: str
    branch: int | None  # an index into BRANCHES, or directly under the federation
    status: str = "active"


ORGANIZATIONS = [
    PlannedOrganization(
        "夕阳红助老服务队",
        "service",
        "为独居、高龄老人提供上门探访、代购代办和就医陪诊，每周二、四集中服务。",
        VOLUNTEERING,
    ),
    PlannedOrganization(
        "平安巡逻队",
        "security",
        "晚间巡查楼院、消防通道和电动自行车充电情况，发现隐患随手上报。",
        VOLUNTEERING,
    ),
    PlannedOrganization(
        "健康守护志愿队", "health", "联合社区卫生服务站义诊，测血压、测血糖，普及慢病管理知识。", VOLUNTEERING
    ),
    PlannedOrganization(
        "运河书画社",
        "culture",
        "书法、国画爱好者的交流团队，每周三下午在活动室练习，节日为居民写春联。",
        CULTURE,
    ),
    PlannedOrganization(
        "垃圾分类督导队", "environment", "早晚在分类驿站值守督导，开展“21天垃圾分类打卡”活动。", None
    ),
    PlannedOrganization(
        "社区共建促进会", "development", "联系辖区共建单位和商户，把资源引进社区，办好民生实事。", None
    ),
    PlannedOrganization(
        "邻里守望志愿服务队", "service", "楼门互助、雨雪天扫雪铲冰、为行动不便的邻居搭把手。", VOLUNTEERING
    ),
    PlannedOrganization(
        "老街坊调解工作室",
        "security",
        "由退休干部和律师志愿者组成，调解邻里噪音、漏水、停车纠纷。",
        VOLUNTEERING,
    ),
    PlannedOrganization(
        "心灵驿站心理关爱小组",
        "health",
        "为独居老人、困境家庭提供心理疏导和陪伴，定期开展团体辅导。",
        VOLUNTEERING,
    ),
    PlannedOrganization(
        "社区学堂讲师团",
        "culture",
        "由退休教师、医生和工程师组成，开设智能手机、养生、书法等社区学堂课程。",
        CULTURE,
    ),
    PlannedOrganization(
        "绿色家园园艺社", "environment", "认养楼前绿地，补种花木，教居民阳台种植和厨余堆肥。", None
    ),
    PlannedOrganization(
        "就业创业帮扶队", "development", "为失业人员和高校毕业生提供岗位信息、简历指导和创业咨询。", None
    ),
    PlannedOrganization(
        "暖心理发志愿队",
        "service",
        "每月第一个周六为老人、残疾人义务理发，行动不便的上门服务。",
        VOLUNTEERING,
    ),
    PlannedOrganization(
        "反诈宣传小分队", "security", "进楼门、进广场讲解电信诈骗新手法，帮老人安装反诈软件。", VOLUNTEERING
    ),
    PlannedOrganization(
        "晨练太极队", "culture", "每天清晨在健身广场练习太极拳、八段锦，欢迎零基础居民加入。", CULTURE
    ),
    PlannedOrganization(
        "少儿科普俱乐部", "culture", "周末组织孩子们做科学小实验、参观科技馆，寒暑假开设托管课堂。", CULTURE
    ),
    PlannedOrganization(
        "楼道美化志愿队", "environment", "清理楼道小广告和堆物，和居民一起粉刷、布置楼道文化墙。", None
    ),
    PlannedOrganization(
        "夕阳红合唱团", "culture", "五十余名老年合唱爱好者，每周排练两次，参加街道文艺汇演。", CULTURE
    ),
    PlannedOrganization(
        "母婴健康互助会",
        "health",
        "新手爸妈交流育儿经验，邀请社区医生讲解婴幼儿保健。",
        VOLUNTEERING,
        status="filed",
    ),
    PlannedOrganization(
        "邻里闲置物品交换站",
        "development",
        "每月组织一次闲置物品交换集市，旧物循环利用。",
        None,
        status="applied",
    ),
]
VOLUNTEERS_PER_ORGANIZATION = 2
MEMBERS_PER_ORGANIZATION = 1
