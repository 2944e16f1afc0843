"""Networks Frühe Hilfen (FB I): partners, meetings, quality standards, participation.

The foundation provides the district workspace only; the network models follow with
the network workspace issue.
"""
