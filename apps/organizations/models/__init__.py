from .activity import Activity, HoursCorrection, Signup
from .campaign import Campaign, CheckIn, RewardClaim, RewardTier
from .certificate import Certificate
from .organization import Application, Organization, StatusChange

__all__ = [
    "Activity",
    "Application",
    "Campaign",
    "Certificate",
    "CheckIn",
    "HoursCorrection",
    "Organization",
    "RewardClaim",
    "RewardTier",
    "Signup",
    "StatusChange",
]
