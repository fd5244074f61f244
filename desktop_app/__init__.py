"""TechMICE Desktop: the planner's desktop client for the 会引擎 (Meeting Engine) gateway."""

__version__ = "0.1.0"
