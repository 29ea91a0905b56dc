"""The command line and the review screen: wires digitize → extract → eligibility together."""
