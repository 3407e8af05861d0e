"""Body check-ins: what a person notices in their body, over time, private unless they share one."""
