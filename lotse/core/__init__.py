"""Helpers every part of Lotse may use: ids from URLs, German numbers, contact details,
upload checks, links to this site, spreadsheets, iCal, form widgets, rate limits, API
errors, logging and the request middleware. Nothing here imports a Lotse app."""
