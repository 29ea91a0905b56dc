"""The review queue: what needs a person, leases that keep reviewers apart, answers layered over
machine output, and the two screens (Textual, plain) that show it."""
