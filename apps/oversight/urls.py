from django.urls import path

from . import answer_views, inspection_figures, views, work_views

app_name = "oversight"
urlpatterns = [
    path("oversight/", views.dashboard, name="dashboard"),
    path("oversight/reports/", views.reports, name="reports"),
    path("oversight/map/", views.heat_map, name="heat_map"),
    path("oversight/grid/", views.grid, name="grid"),
    path("oversight/warnings/", work_views.warnings, name="warnings"),
    path("oversight/warnings/<int:pk>/", work_views.warning_act, name="warning_act"),
    path("oversight/topics/", work_views.topics, name="topics"),
    path("oversight/ledger/", work_views.ledger_page, name="ledger"),
    path("oversight/ledger/sent/", answer_views.ledgers_sent, name="ledgers_sent"),
    path("oversight/ledger/sent/<int:pk>/", answer_views.ledger_sent, name="ledger_sent"),
    path("oversight/topics/<int:pk>/", answer_views.topic_work, name="topic_work"),
    path("oversight/inspections/", inspection_figures.inspection_figures, name="inspections"),
    path("oversight/inspections/map/", inspection_figures.failing_map, name="failing_map"),
]
