from .activity import Activity, HoursCorrection, Signup
from .campaign import Campaign, CheckIn, RewardClaim, RewardTier
from .organization import Application, Organization, StatusChange

__all__ = [
    "Activity",
    "Application",
    "Campaign",
    "CheckIn",
    "HoursCorrection",
    "Organization",
    "RewardClaim",
    "RewardTier",
    "Signup",
    "StatusChange",
]
