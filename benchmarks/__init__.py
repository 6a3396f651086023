"""Page benchmarks: a production-like server driven by wrk, every page measured against /ping/."""
