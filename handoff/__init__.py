"""Handoff: escalation policy, queue, context packets and supervision. No web framework here."""
