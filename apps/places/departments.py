"""The departments every street office has, made with the street: routing a report to one reads."""

# as the catalogue of categories names them for the problems each handles
STREET_DEPARTMENTS = (
    "城市管理办公室",
    "平安建设办公室",
    "社区建设办公室",
    "民生保障办公室",
    "综合行政执法队",
)
