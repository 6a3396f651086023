"""Pages of social organizations, for residents, members, leaders and volunteers."""
